/// The share of a click day's eventual conversions already reported, by the day's age.
///
/// Conversions are credited to the click's day but arrive later, so yesterday looks worse than it is. A
/// geometric lag with mean `m` days reports `F(a) = 1 − q^(a+1)`, `q = m ÷ (1 + m)`, of a day `a` days old
/// (age 0 = the as-of day). Recent clicks then count only by `F(a)`: 100 clicks from yesterday with half their
/// conversions in are 50 "effective" clicks.
public struct ConversionLagCurve: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// Fitted to this run's history.
        case estimated
        /// From the rule file, because the history could not tell.
        case configured
    }

    /// Mean delay in days between click and reported conversion.
    public let meanDays: Double
    public let source: Source

    public init(meanDays: Double, source: Source) {
        self.meanDays = max(0, meanDays)
        self.source = source
    }

    /// `F(age)`: the fraction of conversions of a click day `age` days old that is already reported.
    public func reportedShare(age: Int) -> Double {
        guard age >= 0 else { return 1 }
        let q = meanDays / (1 + meanDays)
        return 1 - Self.power(q, age + 1)
    }

    /// Fits the mean lag to the ratio of recent days' conversion rates to the mature rate.
    ///
    /// - Parameters:
    ///   - clicksByAge, conversionsByAge: Totals over all keywords, index = age in days.
    ///   - matureAfterDays: Ages from here on count as fully reported and define the mature rate.
    /// - Returns: `nil` when the history has too few conversions (< 30 mature) or no recent clicks to tell.
    public static func fit(clicksByAge: [Double], conversionsByAge: [Double], matureAfterDays: Int)
        -> ConversionLagCurve?
    {
        guard matureAfterDays < clicksByAge.count else { return nil }
        let matureClicks = clicksByAge[matureAfterDays...].reduce(0, +)
        let matureConversions = conversionsByAge[matureAfterDays...].reduce(0, +)
        let recentClicks = clicksByAge[..<matureAfterDays].reduce(0, +)
        guard matureConversions >= 30, matureClicks > 0, recentClicks > 0 else { return nil }
        let matureRate = matureConversions / matureClicks
        // Click-weighted least squares of observed ratio r(a) against F(a): Σ (y_a/μ − n_a F(a))² / n_a.
        func loss(_ mean: Double) -> Double {
            let curve = ConversionLagCurve(meanDays: mean, source: .estimated)
            var total = 0.0
            for age in 0..<matureAfterDays where clicksByAge[age] > 0 {
                let gap = conversionsByAge[age] / matureRate - clicksByAge[age] * curve.reportedShare(age: age)
                total += gap * gap / clicksByAge[age]
            }
            return total
        }
        // A coarse grid then a fine one: the loss is smooth in the mean, and this costs a few thousand operations.
        var best = 0.0
        var bestLoss = loss(0)
        for step in 1...120 {
            let mean = Double(step) * 0.25
            let value = loss(mean)
            if value < bestLoss { (best, bestLoss) = (mean, value) }
        }
        let fineStart = max(0, best - 0.25)
        for step in 0...50 {
            let mean = fineStart + Double(step) * 0.01
            let value = loss(mean)
            if value < bestLoss { (best, bestLoss) = (mean, value) }
        }
        return ConversionLagCurve(meanDays: best, source: .estimated)
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
