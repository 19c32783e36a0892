#!/usr/bin/env python3
"""Vectorised second-price auctions with numpy: the baseline for AuctionSpeed.

Same shape as the Swift benchmark: 10 bids per auction, reserve 0.05, winner = argmax
(ties to the lowest index, which numpy's argmax does), price = max(second-highest, reserve).
Prints auctions per second on one core (set OMP/MKL threads to 1 for a fair comparison).
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import time  # noqa: E402

import numpy as np  # noqa: E402

BIDDERS = 10
RESERVE = 0.05
BATCH = 1_000_000
ROUNDS = 5


def second_price(bids):
    eligible = np.where(bids >= RESERVE, bids, -np.inf)
    top_two = np.partition(eligible, BIDDERS - 2, axis=1)[:, BIDDERS - 2:]
    winner = np.argmax(eligible, axis=1)
    has_winner = top_two[:, 1] > -np.inf
    price = np.maximum(top_two[:, 0], RESERVE)
    return np.where(has_winner, winner, -1), np.where(has_winner, price, 0.0)


def main():
    rng = np.random.default_rng(2026)
    bids = rng.random((BATCH, BIDDERS))
    second_price(bids[:1000])
    start = time.perf_counter()
    checksum = 0.0
    for _ in range(ROUNDS):
        _, prices = second_price(bids)
        checksum += float(prices.sum())
    elapsed = time.perf_counter() - start
    rate = BATCH * ROUNDS / elapsed
    print(f"numpy second price, {BIDDERS} bids: {rate / 1e6:.2f} M auctions/s (checksum {checksum:.1f})")


if __name__ == "__main__":
    main()
