public import GavelCore

/// Probabilistic throttling: enter each auction with probability p, and move p so that spend per
/// auction tracks the target (Agarwal et al. 2014). Bids themselves are left untouched, which keeps
/// a strategy's bid-to-value relation intact at the cost of missing cheap auctions at random.
public struct ThrottlingPacer: Pacer, Hashable {
    /// ρ: the budget divided by the number of auctions expected.
    public var targetSpendPerAuction: Double
    /// How far p moves per auction per unit of relative spend error.
    public var step: Double
    /// p never falls below this, so the pacer keeps observing the market.
    public var minimumProbability: Double
    public private(set) var probability: Double

    public init(
        targetSpendPerAuction: Double,
        step: Double,
        minimumProbability: Double = 0.001,
        initialProbability: Double = 1
    ) {
        self.targetSpendPerAuction = targetSpendPerAuction
        self.step = step
        self.minimumProbability = minimumProbability
        self.probability = initialProbability
    }

    public func pace(_ bid: Double, random: inout SeededRandom) -> Double {
        random.nextUnit() < probability ? bid : 0
    }

    /// p ← clamp(p − step · (spend − ρ)/ρ).
    public mutating func record(spend: Double) {
        let error = (spend - targetSpendPerAuction) / targetSpendPerAuction
        probability = min(1, max(minimumProbability, probability - step * error))
    }
}
