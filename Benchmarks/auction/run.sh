#!/usr/bin/env bash
# Auctions per second per core: Gavel's mechanisms (release) against a vectorised numpy
# second-price auction of the same shape, run back to back in one invocation.
#
# Usage: Benchmarks/auction/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
GAVEL_BENCHMARKS=1 swift build -c release --product AuctionSpeed >/dev/null
echo "== Gavel (release, one core)"
GAVEL_BENCHMARKS=1 taskset -c 0 .build/release/AuctionSpeed
echo "== numpy baseline (one core)"
taskset -c 0 python3 Benchmarks/auction/numpy_second_price.py
