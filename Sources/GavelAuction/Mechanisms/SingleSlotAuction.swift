/// Who pays what in a one-item auction.
public enum PaymentRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// The winner pays its own bid (OpenRTB 2.6 exchanges, most display since 2019).
    case firstPrice
    /// The winner pays the highest competing bid or the reserve, whichever is higher (Vickrey).
    case secondPrice
}

/// The result of a single-slot auction: the winning index into the bid buffer and its price.
public struct SingleSlotOutcome: Hashable, Sendable {
    public var winner: Int?
    public var price: Double

    public init(winner: Int?, price: Double) {
        self.winner = winner
        self.price = price
    }
}

/// A one-item sealed-bid auction (display impression, one ad slot) with a reserve.
///
/// Works on a caller-owned buffer of bids in one pass and allocates nothing, because the simulator and
/// the speed benchmark run it millions of times per second.
public struct SingleSlotAuction: Hashable, Sendable {
    public var payment: PaymentRule
    /// Bids below the reserve are ignored; under second price the winner pays at least this.
    public var reserve: Double

    public init(payment: PaymentRule, reserve: Double = 0) {
        self.payment = payment
        self.reserve = reserve
    }

    /// Runs the auction; non-positive bids are no-bids. Equal top bids are decided by `ties`.
    @inline(__always)
    public func run(_ bids: UnsafeBufferPointer<Double>, order: TieOrder) -> SingleSlotOutcome {
        var winner = -1
        var top = -Double.infinity
        var second = -Double.infinity
        for index in bids.indices {
            let bid = bids[index]
            guard bid > 0, bid >= reserve else { continue }
            if winner < 0 || order.ranks(index, bid, above: winner, top) {
                second = top
                top = bid
                winner = index
            } else if bid > second {
                second = bid
            }
        }
        guard winner >= 0 else { return SingleSlotOutcome(winner: nil, price: 0) }
        let price = payment == .firstPrice ? top : max(second, reserve)
        return SingleSlotOutcome(winner: winner, price: price)
    }

    /// Convenience for one auction: draws the tie order from `ties`.
    @inline(__always)
    public func run(_ bids: UnsafeBufferPointer<Double>, ties: inout TieBreaker) -> SingleSlotOutcome {
        run(bids, order: ties.nextRound())
    }
}
