/// The pacers by name, without their target: a scenario derives ρ = budget ÷ auctions itself, so a
/// sweep over budgets reuses one choice.
public enum PacingChoice: Hashable, Sendable {
    case none
    case throttling(step: Double)
    case multiplicative(step: Double, update: MultiplicativePacer.Update)
    case pid(PIDPacer.Gains, interval: Int)
}
