import GavelAuction
import GavelCore
import Testing

@Suite("Distributions")
struct DistributionTests {
    @Test(
        "sample means agree with the stated means within 4 standard errors",
        arguments: [
            Distribution.uniform(lower: 1, upper: 3),
            .logNormal(mu: -1, sigma: 0.5),
            .maxOfUniforms(count: 3, upper: 2),
            .empirical(EmpiricalDistribution(counts: [1, 0, 3, 1], unit: 0.5)),
        ]
    )
    func means(distribution: Distribution) {
        var random = SeededRandom(seed: 3)
        var sample = SampleMean()
        for _ in 0..<50_000 { sample.add(distribution.sample(using: &random)) }
        #expect(sample.isWithin(standardErrors: 4, of: distribution.mean))
    }

    @Test("cdf known values")
    func cdf() {
        #expect(Distribution.uniform(lower: 1, upper: 3).cdf(1.5) == 0.25)
        #expect(abs(Distribution.logNormal(mu: 0, sigma: 1).cdf(1) - 0.5) < 1e-15)
        #expect(abs(Distribution.maxOfUniforms(count: 2, upper: 1).cdf(0.5) - 0.25) < 1e-15)
        let histogram = Distribution.empirical(EmpiricalDistribution(counts: [1, 0, 3, 1]))
        #expect(histogram.cdf(1.9) == 0.2)
        #expect(histogram.cdf(2) == 0.8)
        #expect(abs(histogram.mean - 1.8) < 1e-15)  // (0·1 + 2·3 + 3·1) / 5
    }
}
