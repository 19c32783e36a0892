import GavelCore
import GavelMarket
import Testing

@Suite struct EventTests {
    static let changeDay = CalendarDay(year: 2026, month: 10, day: 10)!

    @Test func landingPageChangeCutsTheAdGroupsConversionRate() throws {
        let change = LandingPageChange(scope: .adGroup(0), from: Self.changeDay, conversionRateFactor: 0.4)
        let market = try TestMarkets.dense(
            keywords: 400,
            bidChangesPerDay: 0,
            structure: MarketStructure(keywordsPerAdGroup: 200),
            events: [.landingPageChange(change)]
        )
        let changed = market.truth(ofKeyword: 3)
        #expect(changed.conversionRateFactor(on: Self.changeDay.advanced(by: -1)) == 1)
        #expect(changed.conversionRateFactor(on: Self.changeDay) == 0.4)
        #expect(market.truth(ofKeyword: 203).conversionRateChanges.isEmpty)
        let bid = changed.currentBid
        #expect(
            abs(
                changed.expectedConversions(bid: bid, on: Self.changeDay)
                    - 0.4 * changed.expectedClicks(bid: bid, on: Self.changeDay)
                    * changed.conversionRate(on: Self.changeDay.advanced(by: -1))
            )
                < 1e-12
        )

        for adGroup in 0..<2 {
            var before = PerformanceTotals()
            var after = PerformanceTotals()
            var afterCheck = StatisticalCheck()
            for (truth, facts) in TestMarkets.keywordsWithFacts(market, keywords: market.keywords(inAdGroup: adGroup)) {
                for fact in facts {
                    let day = fact.period.first
                    guard day >= Self.changeDay else {
                        before += fact.totals
                        continue
                    }
                    after += fact.totals
                    let rate = truth.conversionRate(device: fact.device, on: day)
                    let clicks = Double(fact.clicks)
                    afterCheck.add(
                        observed: fact.conversions,
                        expected: clicks * rate,
                        variance: clicks * rate * (1 - rate)
                    )
                }
            }
            let ratio = try #require(after.cvr) / (try #require(before.cvr))
            let expectedRatio = adGroup == 0 ? 0.4 : 1.0
            #expect(before.conversions > 150, "ad group \(adGroup)")
            #expect(abs(ratio - expectedRatio) < 0.3 * expectedRatio, "ad group \(adGroup): ratio \(ratio)")
            #expect(afterCheck.within(standardErrors: 4), "ad group \(adGroup)")
        }
    }

    @Test func scopesReachTheirKeywordsOnly() throws {
        let day = Self.changeDay
        let market = try Market(
            spec: MarketSpec(
                keywords: 30_000,
                days: 10,
                events: [
                    .landingPageChange(LandingPageChange(scope: .campaign(1), from: day, conversionRateFactor: 0.5)),
                    .landingPageChange(
                        LandingPageChange(scope: .account(0), from: day.advanced(by: 3), conversionRateFactor: 0.8)
                    ),
                ]
            )
        )
        // Default structure: 20 keywords per ad group, 25 ad groups per campaign, 20 campaigns per account.
        #expect(market.truth(ofKeyword: 499).conversionRateChanges.map(\.factor) == [0.8])
        #expect(market.truth(ofKeyword: 500).conversionRateChanges.map(\.factor) == [0.5, 0.8])
        #expect(market.truth(ofKeyword: 10_000).conversionRateChanges.isEmpty)
        #expect(abs(market.truth(ofKeyword: 500).conversionRateFactor(on: day.advanced(by: 5)) - 0.4) < 1e-12)
    }
}
