import GavelCore
import Testing

@testable import GavelMarket

/// Moments of the samplers against their closed forms, 4 standard errors wide.
@Suite struct SamplingTests {
    static let draws = 40_000

    func moments(_ draw: (inout SeededRandom) -> Double) -> (mean: Double, variance: Double) {
        var random = SeededRandom(seed: 99, stream: 1)
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<Self.draws {
            let x = draw(&random)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(Self.draws)
        return (mean, squares / Double(Self.draws) - mean * mean)
    }

    func expectMean(_ observed: Double, _ mean: Double, variance: Double, _ label: String) {
        #expect(abs(observed - mean) < 4 * (variance / Double(Self.draws)).squareRoot(), "\(label): \(observed)")
    }

    @Test(arguments: [0.05, 0.3, 4, 9.9, 25, 400])
    func poisson(mean: Double) {
        let m = moments { Double($0.nextPoisson(mean: mean)) }
        expectMean(m.mean, mean, variance: mean, "mean")
        #expect(abs(m.variance / mean - 1) < 0.05)
    }

    @Test(arguments: [(5, 0.3), (40, 0.1), (1_000, 0.02), (1_000, 0.7), (100_000, 0.4), (200, 0.999)])
    func binomial(trials: Int64, probability: Double) {
        let variance = Double(trials) * probability * (1 - probability)
        let m = moments { Double($0.nextBinomial(trials: trials, probability: probability)) }
        expectMean(m.mean, Double(trials) * probability, variance: variance, "mean")
        #expect(abs(m.variance / variance - 1) < 0.05)
        var random = SeededRandom(seed: 1)
        #expect(
            (0..<1_000).allSatisfy { _ in
                (0...trials).contains(random.nextBinomial(trials: trials, probability: probability))
            }
        )
    }

    @Test(arguments: [0.4, 1, 7.5])
    func gamma(shape: Double) {
        let m = moments { $0.nextGamma(shape: shape) }
        expectMean(m.mean, shape, variance: shape, "mean")
    }

    /// Beta(mean 0.03, concentration 25): variance = m(1 − m)/(κ + 1).
    @Test func beta() {
        let m = moments { $0.nextBeta(mean: 0.03, concentration: 25) }
        let variance = 0.03 * 0.97 / 26
        expectMean(m.mean, 0.03, variance: variance, "mean")
        #expect(abs(m.variance / variance - 1) < 0.1)
    }

    /// Geometric with ratio r: mean r/(1 − r), i.e. 3 for r = 0.75.
    @Test func geometric() {
        let m = moments { Double($0.nextGeometric(ratio: 0.75)) }
        expectMean(m.mean, 3, variance: 0.75 / (0.25 * 0.25), "mean")
        var random = SeededRandom(seed: 2)
        #expect(random.nextGeometric(ratio: 0) == 0)
    }

    @Test func meanOneLognormal() {
        let m = moments { $0.nextMeanOneLognormal(sigma: 0.6) }
        expectMean(m.mean, 1, variance: 0.433_329_4, "mean")
    }
}
