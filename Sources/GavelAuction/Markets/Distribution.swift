public import GavelCore
import RealModule

/// A seeded, one-dimensional distribution of prices, values or rates, as a plain value that a
/// scenario file can name.
///
/// It offers both `sample` (for simulation) and `cdf` (for bid shading against a market-price
/// distribution), so the bidder shades against the same distribution the market draws from.
public enum Distribution: Hashable, Sendable {
    case constant(Double)
    case uniform(lower: Double, upper: Double)
    /// exp(N(mu, sigma²)): heavy right tail, the usual shape of RTB market prices and CTRs.
    case logNormal(mu: Double, sigma: Double)
    /// The highest of `count` i.i.d. U[0, upper] draws: the market price set by `count` truthful rivals.
    case maxOfUniforms(count: Int, upper: Double)
    /// An observed histogram, e.g. the logged market prices of a campaign.
    case empirical(EmpiricalDistribution)

    /// One draw.
    public func sample(using random: inout SeededRandom) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .uniform(let lower, let upper):
            return lower + (upper - lower) * random.nextUnit()
        case .logNormal(let mu, let sigma):
            return Double.exp(mu + sigma * Distribution.standardNormal(using: &random))
        case .maxOfUniforms(let count, let upper):
            var highest = 0.0
            for _ in 0..<count { highest = max(highest, random.nextUnit()) }
            return upper * highest
        case .empirical(let histogram):
            return histogram.sample(using: &random)
        }
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .constant(let value):
            return x >= value ? 1 : 0
        case .uniform(let lower, let upper):
            return min(1, max(0, (x - lower) / (upper - lower)))
        case .logNormal(let mu, let sigma):
            guard x > 0 else { return 0 }
            return 0.5 * Double.erfc(-(Double.log(x) - mu) / (sigma * 2.0.squareRoot()))
        case .maxOfUniforms(let count, let upper):
            return Double.pow(min(1, max(0, x / upper)), count)
        case .empirical(let histogram):
            return histogram.cdf(x)
        }
    }

    /// The density of the continuous cases (0 for the constant and the histogram, which are discrete).
    public func density(_ x: Double) -> Double {
        switch self {
        case .constant, .empirical:
            return 0
        case .uniform(let lower, let upper):
            return x >= lower && x <= upper ? 1 / (upper - lower) : 0
        case .logNormal(let mu, let sigma):
            guard x > 0 else { return 0 }
            let z = (Double.log(x) - mu) / sigma
            return Double.exp(-z * z / 2) / (x * sigma * (2 * Double.pi).squareRoot())
        case .maxOfUniforms(let count, let upper):
            guard x >= 0 && x <= upper else { return 0 }
            return Double(count) / upper * Double.pow(x / upper, count - 1)
        }
    }

    /// The mean, used to normalise linear bids (θ̄) and to size budgets.
    public var mean: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let lower, let upper): return (lower + upper) / 2
        case .logNormal(let mu, let sigma): return Double.exp(mu + sigma * sigma / 2)
        case .maxOfUniforms(let count, let upper): return upper * Double(count) / Double(count + 1)
        case .empirical(let histogram): return histogram.mean
        }
    }

    /// The largest value the distribution can take (∞ when unbounded): the search bound for shading.
    public var upperBound: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(_, let upper), .maxOfUniforms(_, let upper): return upper
        case .logNormal: return .infinity
        case .empirical(let histogram): return histogram.upperBound
        }
    }

    /// Box–Muller; one normal per call keeps the stream position independent of caching.
    static func standardNormal(using random: inout SeededRandom) -> Double {
        let u1 = 1 - random.nextUnit()
        let u2 = random.nextUnit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }
}
