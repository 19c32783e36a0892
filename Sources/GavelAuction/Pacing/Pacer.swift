public import GavelCore

/// Spreads a budget over a stream of auctions by adjusting bids as spend comes in.
///
/// The simulator calls ``pace(_:random:)`` before every auction and ``record(spend:)`` after it
/// (spend 0 when the auction was lost or skipped); the RTB bidder does the same with win notices.
/// Pacers are value types so a simulation run or a campaign owns its own state.
public protocol Pacer: Sendable {
    /// The bid to submit for a strategy's `bid`; 0 sits the auction out.
    mutating func pace(_ bid: Double, random: inout SeededRandom) -> Double
    /// What the auction just paced cost (0 if lost or skipped).
    mutating func record(spend: Double)
}

/// No pacing: bids go out unchanged (the budget can still run out).
public struct NoPacing: Pacer, Hashable {
    public init() {}

    public func pace(_ bid: Double, random: inout SeededRandom) -> Double { bid }

    public func record(spend: Double) {}
}
