import GavelCore
import RealModule

/// A mean with its standard error and a two-sided confidence interval (Student t).
public struct Estimate: Hashable, Sendable {
    public var mean: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double
    public var count: Int

    /// - Parameter values: one observation per repetition; the interval needs at least two.
    public init(_ values: [Double], confidence: Double = 0.95) {
        precondition(!values.isEmpty, "need at least one value")
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : .nan
        let error = (variance / n).squareRoot()
        let halfWidth = Repetition.studentQuantile(probability: (1 + confidence) / 2, degrees: values.count - 1) * error
        self.mean = mean
        self.standardError = error
        self.lower = mean - halfWidth
        self.upper = mean + halfWidth
        self.count = values.count
    }
}

/// Mean and confidence interval of every metric over repeated runs with different seeds.
public struct MetricsSummary: Hashable, Sendable {
    public var runs: [SimulationMetrics]
    public var impressions: Estimate
    public var clicks: Estimate
    public var conversions: Estimate
    /// In currency units.
    public var cost: Estimate
    public var winRate: Estimate
    /// Over the runs that had conversions / cost; `nil` if none had.
    public var costPerAcquisition: Estimate?
    public var returnOnAdSpend: Estimate?

    public init(_ runs: [SimulationMetrics], confidence: Double = 0.95) {
        func estimate(_ value: (SimulationMetrics) -> Double?) -> Estimate? {
            let values = runs.compactMap(value)
            return values.isEmpty ? nil : Estimate(values, confidence: confidence)
        }
        self.runs = runs
        self.impressions = Estimate(runs.map { Double($0.impressions) }, confidence: confidence)
        self.clicks = Estimate(runs.map { Double($0.clicks) }, confidence: confidence)
        self.conversions = Estimate(runs.map { Double($0.conversions) }, confidence: confidence)
        self.cost = Estimate(runs.map(\.cost.units), confidence: confidence)
        self.winRate = Estimate(runs.map(\.winRate), confidence: confidence)
        self.costPerAcquisition = estimate { $0.costPerAcquisition?.units }
        self.returnOnAdSpend = estimate { $0.returnOnAdSpend }
    }
}

/// Seeds and quantiles for repeated simulation.
public enum Repetition {
    /// `count` independent seeds split from `base`, the same whatever order the runs execute in.
    public static func seeds(count: Int, base: UInt64) -> [UInt64] {
        (0..<count).map { index in
            var random = SeededRandom(seed: base, stream: UInt64(index))
            return random.next()
        }
    }

    /// Runs `body` once per derived seed (in parallel if the caller wishes; this one is sequential).
    public static func run<T>(count: Int, base: UInt64, _ body: (UInt64) throws -> T) rethrows -> [T] {
        try seeds(count: count, base: base).map(body)
    }

    /// The Student-t quantile, by Hill's (1970) expansion around the normal quantile: within 1e-4 of
    /// tables for ≥ 3 degrees of freedom; exact closed forms for 1 and 2.
    public static func studentQuantile(probability p: Double, degrees: Int) -> Double {
        guard degrees > 0 else { return .nan }
        let z = normalQuantile(p)
        switch degrees {
        case 1: return Double.tan(.pi * (p - 0.5))
        case 2: return (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot()
        default:
            let nu = Double(degrees)
            let z3 = z * z * z
            let z5 = z3 * z * z
            let z7 = z5 * z * z
            let z9 = z7 * z * z
            return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu * nu * nu)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * nu * nu * nu * nu)
        }
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "probability must be in (0, 1)")
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549671010115180e+00, 4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        func tail(_ q: Double) -> Double {
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p < 0.02425 { return tail((-2 * Double.log(p)).squareRoot()) }
        if p > 1 - 0.02425 { return -tail((-2 * Double.log(1 - p)).squareRoot()) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
