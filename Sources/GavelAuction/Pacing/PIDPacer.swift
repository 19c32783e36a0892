public import GavelCore
import RealModule

/// Feedback-control pacing (Zhang et al., WSDM 2016): every `interval` auctions a PID controller
/// compares the spend rate with the target and sets a bid multiplier exp(u).
///
/// Working on windows rather than single auctions filters the 0-or-price noise of individual wins;
/// the exponential keeps the multiplier positive and makes the gains act on relative error.
public struct PIDPacer: Pacer, Hashable {
    public struct Gains: Hashable, Sendable {
        public var proportional: Double
        public var integral: Double
        public var derivative: Double

        public init(proportional: Double, integral: Double, derivative: Double = 0) {
            self.proportional = proportional
            self.integral = integral
            self.derivative = derivative
        }
    }

    public var targetSpendPerAuction: Double
    public var gains: Gains
    /// Auctions per control step.
    public var interval: Int
    /// The multiplier is clamped to this range.
    public var multiplierBounds: ClosedRange<Double>
    public private(set) var multiplier = 1.0
    private var windowSpend = 0.0
    private var windowCount = 0
    private var integral = 0.0
    private var lastError = 0.0

    public init(
        targetSpendPerAuction: Double,
        gains: Gains,
        interval: Int = 100,
        multiplierBounds: ClosedRange<Double> = 0.01...100
    ) {
        precondition(interval > 0, "interval must be positive")
        self.targetSpendPerAuction = targetSpendPerAuction
        self.gains = gains
        self.interval = interval
        self.multiplierBounds = multiplierBounds
    }

    public func pace(_ bid: Double, random: inout SeededRandom) -> Double { bid * multiplier }

    public mutating func record(spend: Double) {
        windowSpend += spend
        windowCount += 1
        guard windowCount == interval else { return }
        let rate = windowSpend / Double(interval)
        let error = (targetSpendPerAuction - rate) / targetSpendPerAuction
        integral += error
        let control = gains.proportional * error + gains.integral * integral + gains.derivative * (error - lastError)
        lastError = error
        multiplier = min(multiplierBounds.upperBound, max(multiplierBounds.lowerBound, Double.exp(control)))
        windowSpend = 0
        windowCount = 0
    }
}
