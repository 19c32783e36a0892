/// How a position auction prices its slots.
public enum PositionPricing: Hashable, Sendable {
    /// Generalized second price: each slot pays the least per click that keeps its rank
    /// (next score ÷ own quality, or the reserve) plus `increment`, never more than its bid.
    case generalizedSecondPrice(increment: Double)
    /// Vickrey–Clarke–Groves: each slot pays the clicks it takes away from the bidders below it.
    case vcg
}

/// A search-style auction for ranked slots with known click-through rates per slot.
///
/// Ranks by bid × quality and fills `awards` in slot order. It keeps the top `slots` entries by insertion
/// in `awards` itself plus the best loser in a register (one pass, O(n·k) worst case, no scratch
/// memory), so it runs on caller buffers without allocating.
public struct PositionAuction: Hashable, Sendable {
    /// Expected clicks per impression in each slot for an ad of quality 1, best slot first.
    public var clickRates: [Double]
    public var pricing: PositionPricing
    public var reserve: ReservePrice

    public init(clickRates: [Double], pricing: PositionPricing, reserve: ReservePrice = .none) {
        precondition(zip(clickRates, clickRates.dropFirst()).allSatisfy { $0 >= $1 }, "click rates must not increase")
        self.clickRates = clickRates
        self.pricing = pricing
        self.reserve = reserve
    }

    public var slotCount: Int { clickRates.count }

    /// Runs one auction.
    /// - Parameters:
    ///   - entries: the bids; non-positive bids and bids below the reserve take no part.
    ///   - awards: receives one award per filled slot, best slot first; needs `slotCount` elements
    ///     (fewer means fewer slots are sold).
    ///   - order: how ties of equal score are ranked (draw it from a ``TieBreaker``).
    /// - Returns: the number of slots filled.
    public func run(
        _ entries: UnsafeBufferPointer<AuctionEntry>,
        into awards: UnsafeMutableBufferPointer<SlotAward>,
        order: TieOrder
    ) -> Int {
        let slots = min(clickRates.count, awards.count)
        var filled = 0
        // The best entry ranked below the sold slots: it sets the price of the last slot.
        var loser = -1
        var scoreBelowLast = 0.0
        for index in entries.indices {
            let entry = entries[index]
            guard reserve.admits(bid: entry.bid, quality: entry.quality) else { continue }
            let score = entry.score
            if filled == slots {
                // Full: the newcomer either misses the slots or pushes the last award out of them.
                if loser >= 0 && !order.ranks(index, score, above: loser, scoreBelowLast) { continue }
                let last = slots - 1
                if slots == 0 || !order.ranks(index, score, above: awards[last].bidder, awards[last].score) {
                    loser = index
                    scoreBelowLast = score
                    continue
                }
                loser = awards[last].bidder
                scoreBelowLast = awards[last].score
                filled -= 1
            }
            // Insertion into the ranked awards.
            var position = filled
            while position > 0
                && order.ranks(
                    index,
                    score,
                    above: awards[position - 1].bidder,
                    awards[position - 1].score
                )
            {
                awards[position] = awards[position - 1]
                position -= 1
            }
            awards[position] = SlotAward(bidder: index, score: score, pricePerClick: 0)
            filled += 1
        }
        for rank in 0..<filled {
            awards[rank].pricePerClick = price(
                rank: rank,
                filled: filled,
                slots: slots,
                scoreBelowLast: scoreBelowLast,
                awards: UnsafeBufferPointer(awards),
                entries: entries
            )
        }
        return filled
    }

    /// Convenience for one auction: draws the tie order from `ties`.
    public func run(
        _ entries: UnsafeBufferPointer<AuctionEntry>,
        into awards: UnsafeMutableBufferPointer<SlotAward>,
        ties: inout TieBreaker
    ) -> Int {
        run(entries, into: awards, order: ties.nextRound())
    }

    /// The score ranked just below `rank`: the next award, the first loser, or nothing (0).
    @inline(__always)
    private func score(
        below rank: Int,
        filled: Int,
        scoreBelowLast: Double,
        awards: UnsafeBufferPointer<SlotAward>
    ) -> Double {
        rank + 1 < filled ? awards[rank + 1].score : (rank + 1 == filled ? scoreBelowLast : 0)
    }

    @inline(__always)
    private func price(
        rank: Int,
        filled: Int,
        slots: Int,
        scoreBelowLast: Double,
        awards: UnsafeBufferPointer<SlotAward>,
        entries: UnsafeBufferPointer<AuctionEntry>
    ) -> Double {
        let entry = entries[awards[rank].bidder]
        let floor = reserve.floorScore(quality: entry.quality)
        switch pricing {
        case .generalizedSecondPrice(let increment):
            let next = score(below: rank, filled: filled, scoreBelowLast: scoreBelowLast, awards: awards)
            return min(max(next, floor) / entry.quality + increment, entry.bid)
        case .vcg:
            // Σ_{j ≥ rank} (x_j − x_{j+1}) · S_{j+1}: without this bidder everyone below moves up a slot;
            // the reserve acts as phantom bidders with the floor score filling every empty position.
            var total = 0.0
            for slot in rank..<slots {
                let below = score(below: slot, filled: filled, scoreBelowLast: scoreBelowLast, awards: awards)
                let lowerRate = slot + 1 < slots ? clickRates[slot + 1] : 0
                total += (clickRates[slot] - lowerRate) * max(below, floor)
            }
            return total / (clickRates[rank] * entry.quality)
        }
    }
}
