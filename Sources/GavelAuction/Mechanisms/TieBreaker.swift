import GavelCore

/// Decides equal bids by a seeded coin, so an auction with ties replays exactly from its seed.
///
/// Ranking by index would hand every tie to the first bidder in the buffer — a silent bias that
/// shows up in simulated win rates. Instead each auction draws one salt; a bidder's priority is a
/// bijective mix of that salt and its index, so priorities are distinct and every order of tied
/// bidders is equally likely. Priorities are only computed when scores are actually equal.
public struct TieBreaker: Sendable {
    private var random: SeededRandom

    public init(seed: UInt64) { self.random = SeededRandom(seed: seed, stream: 0x7419) }

    /// The tie order for the next auction; call once per auction.
    public mutating func nextRound() -> TieOrder { TieOrder(salt: random.next()) }
}

/// The order in which tied bidders of one auction are ranked (higher priority ranks first).
public struct TieOrder: Sendable {
    public let salt: UInt64

    public init(salt: UInt64) { self.salt = salt }

    /// A SplitMix64 finaliser of `salt + index·φ`: bijective in `index`, so never equal for two bidders.
    @inline(__always)
    public func priority(_ index: Int) -> UInt64 {
        var z = salt &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Whether bidder `a` with `scoreA` ranks above bidder `b` with `scoreB`.
    @inline(__always)
    public func ranks(_ a: Int, _ scoreA: Double, above b: Int, _ scoreB: Double) -> Bool {
        scoreA > scoreB || (scoreA == scoreB && priority(a) > priority(b))
    }
}
