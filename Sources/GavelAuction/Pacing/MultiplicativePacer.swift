public import GavelCore
import RealModule

/// Budget pacing by a dual multiplier (Balseiro & Gur 2019): bid v/(1 + μ), and raise μ when spend
/// runs above the target rate ρ, lower it when below.
///
/// μ is the Lagrange multiplier of the budget constraint: the bid v/(1 + μ) is optimal for a
/// budget-constrained bidder in a second-price auction, and the update is stochastic (sub)gradient
/// descent on the dual, so μ converges to the multiplier at which expected spend equals ρ.
public struct MultiplicativePacer: Pacer, Hashable {
    /// How the multiplier follows the spend error.
    public enum Update: String, Hashable, Sendable, Codable {
        /// μ ← max(0, μ − η(ρ − spend)): projected subgradient step, Balseiro & Gur's form.
        case additive
        /// μ ← μ · exp(η(spend − ρ)): mirror-descent step, scale-free in μ (μ stays above a floor).
        case multiplicative
    }

    public var targetSpendPerAuction: Double
    /// η, per currency unit of spend error.
    public var step: Double
    public var update: Update
    /// μ is kept within these bounds (the floor lets the multiplicative form recover from 0).
    public var bounds: ClosedRange<Double>
    public private(set) var multiplier: Double

    /// - Parameter initialMultiplier: where μ starts; by default 0 (bid the full value) for the additive
    ///   update and 1 (bid half) for the multiplicative one, which moves slowly from near zero.
    public init(
        targetSpendPerAuction: Double,
        step: Double,
        update: Update = .additive,
        initialMultiplier: Double? = nil,
        bounds: ClosedRange<Double> = 0...1_000
    ) {
        self.targetSpendPerAuction = targetSpendPerAuction
        self.step = step
        self.update = update
        self.bounds = update == .multiplicative ? max(bounds.lowerBound, 1e-6)...bounds.upperBound : bounds
        let start = initialMultiplier ?? (update == .additive ? 0 : 1)
        self.multiplier = min(self.bounds.upperBound, max(self.bounds.lowerBound, start))
    }

    public func pace(_ bid: Double, random: inout SeededRandom) -> Double { bid / (1 + multiplier) }

    public mutating func record(spend: Double) {
        let next =
            switch update {
            case .additive: multiplier - step * (targetSpendPerAuction - spend)
            case .multiplicative: multiplier * Double.exp(step * (spend - targetSpendPerAuction))
            }
        multiplier = min(bounds.upperBound, max(bounds.lowerBound, next))
    }
}
