public import GavelAuction

/// A pacer by name with its tuning, as a scenario states it: steps are relative to the spend target, so the
/// same file works for a display budget of €50 and a replay budget of 200,000 fen.
public struct PacingSetting: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case none
        case throttling
        /// Balseiro & Gur's dual multiplier, additive update.
        case multiplicative
        case pid
    }

    public var kind: Kind
    /// How far the participation probability moves per unit of relative spend error.
    public var throttlingStep: Double
    /// How far the dual multiplier μ moves per unit of relative spend error.
    public var dualStep: Double

    public static let defaultThrottlingStep = 0.001
    public static let defaultDualStep = 0.0005
    /// Zhang et al.'s controller, as GavelAuction's tests tune it: P 0.5, I 0.05 over windows of 200 auctions.
    public static let pidGains = PIDPacer.Gains(proportional: 0.5, integral: 0.05)
    public static let pidInterval = 200

    public init(
        kind: Kind,
        throttlingStep: Double = defaultThrottlingStep,
        dualStep: Double = defaultDualStep
    ) {
        self.kind = kind
        self.throttlingStep = throttlingStep
        self.dualStep = dualStep
    }

    /// The choice for a spend target of ρ per auction: the dual step becomes η = step ÷ ρ, because the
    /// multiplicative pacer's step is per currency unit of spend error.
    public func choice(targetSpendPerAuction rho: Double) -> PacingChoice {
        switch kind {
        case .none: .none
        case .throttling: .throttling(step: throttlingStep)
        case .multiplicative: .multiplicative(step: rho > 0 && rho.isFinite ? dualStep / rho : 0, update: .additive)
        case .pid: .pid(Self.pidGains, interval: Self.pidInterval)
        }
    }

    /// Throttling draws random numbers; the other pacers are deterministic given the auctions.
    var isRandom: Bool { kind == .throttling }
}

extension PacingChoice {
    /// The pacer this choice names, aimed at ρ per auction (GavelAuction's `Scenario` does the same privately).
    func pacer(targetSpendPerAuction rho: Double) -> any Pacer {
        switch self {
        case .none: NoPacing()
        case .throttling(let step): ThrottlingPacer(targetSpendPerAuction: rho, step: step)
        case .multiplicative(let step, let update):
            MultiplicativePacer(targetSpendPerAuction: rho, step: step, update: update)
        case .pid(let gains, let interval): PIDPacer(targetSpendPerAuction: rho, gains: gains, interval: interval)
        }
    }
}
