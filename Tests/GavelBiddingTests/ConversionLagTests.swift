import GavelBidding
import GavelCore
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

/// The lag fitted by the bid engine, where the account's mix of ad groups moves.
@Suite struct ConversionLagMixTests {
    /// Conversions are reported at once (no lag). Ad group A converts 10 % of 1,000 clicks a day; ad group B 2 % of
    /// 100 clicks a day, until its big keyword's bid crosses its rivals' and it gets 2,000 clicks a day for the last
    /// five days. The account's recent rate falls from 9.3 % to 4.7 %: read against one account rate, that is a
    /// long lag (3.3 days here; 4.7 in the closed loop), which would raise every recent click's weight. Each ad
    /// group's clicks counted at its own mature rate (the drop-detection groups), the recent days convert as
    /// expected: no lag.
    @Test func aShiftTowardGroupsThatConvertLessIsNotALag() throws {
        let asOf = EngineFixtures.asOf
        let ruleSet = try RuleSet.parse(
            yaml: """
                name: lag
                goal: {target_cpa: 25}
                lookback: {conversion_rate_days: 90, metrics_days: 30}
                limits: {min_bid: 0.05, max_bid: 10, max_raise: 100%, max_lower: 90%, min_clicks: 0}
                estimation:
                  pooling: {prior_strength: 100}
                  conversion_lag: {estimate: true, mean_days: 2, mature_after_days: 30}
                  drop_detection: {level: ad_group, drop: 50%, threshold: 5}
                """, fileName: "lag.yaml")
        func keyword(_ text: String, adGroup: String, clicks: (Int) -> Int64, rate: Double) -> KeywordHistory {
            KeywordHistory(
                identity: KeywordIdentity(
                    account: "Acme", campaign: "C", adGroup: adGroup, text: text, matchType: .exact),
                attributes: KeywordAttributes(maxCPC: Micros(units: 1)),
                daily: (0..<60).map { age in
                    DailyPoint(
                        day: asOf.advanced(by: -age), impressions: clicks(age) * 10, clicks: clicks(age),
                        cost: Micros(units: clicks(age)), conversions: Double(clicks(age)) * rate)
                })
        }
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan([
            keyword("a", adGroup: "A", clicks: { _ in 1_000 }, rate: 0.1),
            keyword("b", adGroup: "B", clicks: { $0 < 5 ? 2_000 : 100 }, rate: 0.02),
        ])
        #expect(plan.conversionLag.source == .estimated)
        #expect(plan.conversionLag.meanDays < 0.3, "\(plan.conversionLag.meanDays)")
    }
}
