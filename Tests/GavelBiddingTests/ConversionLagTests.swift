import GavelBidding
import Testing

@Suite struct ConversionLagTests {
    @Test func geometricCurveReportsTheExpectedShares() {
        let curve = ConversionLagCurve(meanDays: 2, source: .configured)
        // q = 2/3: F(0) = 1/3, F(1) = 5/9, F(2) = 19/27.
        #expect(abs(curve.reportedShare(age: 0) - 1.0 / 3) < 1e-12)
        #expect(abs(curve.reportedShare(age: 1) - 5.0 / 9) < 1e-12)
        #expect(abs(curve.reportedShare(age: 2) - 19.0 / 27) < 1e-12)
        #expect(ConversionLagCurve(meanDays: 0, source: .configured).reportedShare(age: 0) == 1)
    }

    @Test func fitRecoversTheMeanLagOfAHandMadeCurve() throws {
        // 1,000 clicks a day converting at 4 %, reported through a 2-day mean geometric lag.
        let truth = ConversionLagCurve(meanDays: 2, source: .configured)
        let clicks = [Double](repeating: 1000, count: 60)
        let conversions = (0..<60).map { age in 40 * truth.reportedShare(age: age) }
        let fitted = try #require(
            ConversionLagCurve.fit(clicksByAge: clicks, conversionsByAge: conversions, matureAfterDays: 30))
        #expect(abs(fitted.meanDays - 2) < 0.05)
        #expect(fitted.source == .estimated)
    }

    @Test func lagCorrectionRestoresTheTrueRateOfRecentClicks() {
        // The last 3 days: 100 clicks each, true CVR 5 %, reported through the 2-day lag.
        let curve = ConversionLagCurve(meanDays: 2, source: .configured)
        var clicks = 0.0
        var effective = 0.0
        var conversions = 0.0
        for age in 0..<3 {
            clicks += 100
            effective += 100 * curve.reportedShare(age: age)
            conversions += 100 * 0.05 * curve.reportedShare(age: age)
        }
        #expect(conversions / clicks < 0.03)  // naive: looks like 2.9 %
        #expect(abs(conversions / effective - 0.05) < 1e-12)
    }

    @Test func tooFewConversionsFallBackToConfiguration() {
        let clicks = [Double](repeating: 10, count: 60)
        let conversions = [Double](repeating: 0.1, count: 60)
        #expect(ConversionLagCurve.fit(clicksByAge: clicks, conversionsByAge: conversions, matureAfterDays: 30) == nil)
    }
}
