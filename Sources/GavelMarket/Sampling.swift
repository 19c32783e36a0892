import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distributions the market draws from, on top of Core's SplitMix64.
///
/// Exact samplers where they are cheap (Poisson by inversion and PTRS, binomial by Bernoulli
/// sums and inversion); a rounded normal approximation only for binomials with at least
/// 30 expected successes *and* failures, where its error is far below the simulation's noise.
extension SeededRandom {
    /// Uniform in (0, 1]: safe to take the logarithm of.
    @inline(__always)
    mutating func nextOpenUnit() -> Double { 1 - nextUnit() }

    /// Standard normal by Box–Muller (one value per call: simplicity beats caching here).
    mutating func nextNormal() -> Double {
        let radius = (-2 * log(nextOpenUnit())).squareRoot()
        return radius * cos(2 * Double.pi * nextUnit())
    }

    /// A lognormal multiplier with mean 1: `exp(σZ − σ²/2)`, so scaling by it keeps totals unbiased.
    mutating func nextMeanOneLognormal(sigma: Double) -> Double {
        exp(sigma * nextNormal() - sigma * sigma / 2)
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the `U^(1/shape)` boost.
    mutating func nextGamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 {
            return nextGamma(shape: shape + 1) * pow(nextOpenUnit(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = nextOpenUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(alpha, beta) as a ratio of gammas.
    mutating func nextBeta(alpha: Double, beta: Double) -> Double {
        let x = nextGamma(shape: alpha)
        let y = nextGamma(shape: beta)
        return x + y > 0 ? x / (x + y) : alpha / (alpha + beta)
    }

    /// Beta with a given mean and concentration (alpha + beta): how tightly children follow their parent.
    mutating func nextBeta(mean: Double, concentration: Double) -> Double {
        nextBeta(alpha: mean * concentration, beta: (1 - mean) * concentration)
    }

    /// Poisson(mean): inversion below 10 (one uniform, the common case in the long tail), PTRS above.
    mutating func nextPoisson(mean: Double) -> Int64 {
        if mean <= 0 { return 0 }
        if mean < 10 {
            var probability = exp(-mean)
            var u = nextUnit()
            var count: Int64 = 0
            while u > probability {
                u -= probability
                count += 1
                probability *= mean / Double(count)
                if probability <= 0 { break }
            }
            return count
        }
        return nextPoissonPTRS(mean: mean)
    }

    /// Hörmann's transformed rejection with squeeze (PTRS), exact for mean ≥ 10.
    private mutating func nextPoissonPTRS(mean: Double) -> Int64 {
        let logMean = log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUnit() - 0.5
            let v = nextUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int64(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v) + log(inverseAlpha) - log(a / (us * us) + b)
            if lhs <= -mean + k * logMean - lgamma(k + 1) { return Int64(k) }
        }
    }

    /// Binomial(trials, probability).
    mutating func nextBinomial(trials: Int64, probability: Double) -> Int64 {
        if trials <= 0 || probability <= 0 { return 0 }
        if probability >= 1 { return trials }
        if trials <= 12 {
            var successes: Int64 = 0
            for _ in 0..<trials where nextUnit() < probability { successes += 1 }
            return successes
        }
        if probability > 0.5 {
            return trials - nextBinomial(trials: trials, probability: 1 - probability)
        }
        let expected = Double(trials) * probability
        if expected < 30 { return nextBinomialInversion(trials: trials, probability: probability) }
        let draw = (expected + (expected * (1 - probability)).squareRoot() * nextNormal()).rounded()
        return Int64(min(max(draw, 0), Double(trials)))
    }

    /// Sequential search on the pmf; expected steps ≈ mean + 1, so only used for small means.
    private mutating func nextBinomialInversion(trials: Int64, probability: Double) -> Int64 {
        let n = Double(trials)
        let odds = probability / (1 - probability)
        let start = exp(n * log1p(-probability))
        let bound = min(trials, Int64(n * probability + 10 * (n * probability + 1).squareRoot()) + 1)
        while true {
            var probabilityOfK = start
            var u = nextUnit()
            var k: Int64 = 0
            while u > probabilityOfK && k <= bound {
                u -= probabilityOfK
                k += 1
                probabilityOfK *= (n - Double(k) + 1) / Double(k) * odds
            }
            if k <= bound { return k }
        }
    }

    /// Geometric on {0, 1, 2, …} with P(X > k) = ratio^(k+1): the conversion lag in whole days.
    mutating func nextGeometric(ratio: Double) -> Int {
        if ratio <= 0 { return 0 }
        return Int((log(nextOpenUnit()) / log(ratio)).rounded(.down))
    }
}
