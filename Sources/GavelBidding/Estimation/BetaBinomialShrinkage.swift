/// Empirical-Bayes shrinkage of a rate toward its group's rate.
///
/// A keyword with 3 conversions from 40 clicks does not convert at 7.5 %: with its ad group converting at 3 %
/// and a prior worth 100 clicks, the estimate is (3 + 0.03 × 100) ÷ (40 + 100) = 4.29 %. The prior strength says
/// how different keywords of one group really are; ``priorStrength(of:)`` estimates it from the data.
public enum BetaBinomialShrinkage {
    /// The beta-binomial posterior mean `(successes + m·μ) ÷ (trials + m)`.
    public static func posteriorMean(
        successes: Double, trials: Double, priorMean: Double, priorStrength: Double
    ) -> Double {
        let denominator = trials + priorStrength
        return denominator > 0 ? (successes + priorMean * priorStrength) / denominator : priorMean
    }

    /// Method-of-moments prior strength from units grouped by parent (keywords by ad group, …).
    ///
    /// With true rates θ ~ Beta(μm, (1−μ)m), Var θ = τ² = μ(1−μ)/(m+1) and a unit with n trials shows
    /// Var(y/n) = τ² + (μ(1−μ) − τ²)/n. Summing the trial-weighted squared deviations from each parent's mean,
    /// S = Σ n(p̂ − μ_g)², and equating it with its expectation
    /// E[S] = Σ_g [τ²(N_g − Σn²/N_g) + (μ_g(1−μ_g) − τ²)(k_g − 1)] gives τ², then m = μ(1−μ)/τ² − 1.
    /// Returns `nil` when the data cannot tell (fewer than two units in every group); `.infinity` when the
    /// units vary no more than chance alone would make them.
    public static func priorStrength(of groups: some Sequence<GroupMoments>) -> Double? {
        var numerator = 0.0
        var denominator = 0.0
        var trials = 0.0
        var successes = 0.0
        var informative = false
        for group in groups where group.units >= 2 && group.trials > 0 {
            let mean = group.successes / group.trials
            let deviation = group.sumSuccessesSquaredOverTrials - group.successes * group.successes / group.trials
            let unitsMinusOne = Double(group.units - 1)
            numerator += deviation - mean * (1 - mean) * unitsMinusOne
            denominator += group.trials - group.sumTrialsSquared / group.trials - unitsMinusOne
            trials += group.trials
            successes += group.successes
            informative = true
        }
        guard informative, denominator > 0, trials > 0 else { return nil }
        let overall = successes / trials
        let tau2 = numerator / denominator
        guard tau2 > 0 else { return .infinity }
        return max(0, overall * (1 - overall) / tau2 - 1)
    }

    /// Running sums for one parent group, enough for ``priorStrength(of:)`` in a single pass.
    public struct GroupMoments: Hashable, Sendable {
        public var units = 0
        public var trials = 0.0
        public var successes = 0.0
        public var sumTrialsSquared = 0.0
        public var sumSuccessesSquaredOverTrials = 0.0

        public init() {}

        /// Adds one unit (a keyword, an ad group); units without trials carry no information and are ignored.
        public mutating func add(successes unitSuccesses: Double, trials unitTrials: Double) {
            guard unitTrials > 0 else { return }
            units += 1
            trials += unitTrials
            successes += unitSuccesses
            sumTrialsSquared += unitTrials * unitTrials
            sumSuccessesSquaredOverTrials += unitSuccesses * unitSuccesses / unitTrials
        }
    }
}
