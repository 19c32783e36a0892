import Foundation
import GavelCore
import GavelMarket
import Testing

@Suite struct ConversionTests {
    @Test func realisedConversionsMatchTheTrueRates() throws {
        let market = try TestMarkets.dense(keywords: 1_500, days: 60)
        var conversions = StatisticalCheck()
        var value = StatisticalCheck()
        let sigma = market.spec.priors.conversionValueSpread
        for (truth, facts) in TestMarkets.keywordsWithFacts(market, keywords: 0..<1_500) {
            for fact in facts {
                let rate = truth.conversionRate(device: fact.device, on: fact.period.first)
                let clicks = Double(fact.clicks)
                conversions.add(
                    observed: fact.conversions,
                    expected: clicks * rate,
                    variance: clicks * rate * (1 - rate)
                )
                // Given the conversions, each value is a mean-one lognormal multiple of the keyword's value.
                let mean = truth.valuePerConversion.units
                value.add(
                    observed: fact.conversionValue.units,
                    expected: fact.conversions * mean,
                    variance: fact.conversions * mean * mean * (exp(sigma * sigma) - 1)
                )
            }
        }
        #expect(conversions.observed > 2_000)
        #expect(conversions.within(standardErrors: 4))
        #expect(value.within(standardErrors: 4))
    }

    /// A geometric lag with mean 3 days reports 1 − 0.75^(k+1) of a click day's conversions k days later.
    @Test func recentDaysShowOnlyTheConversionsReportedByAsOf() throws {
        let lag = ConversionLag(meanDays: 3)
        #expect(abs(lag.reportedFraction(daysAfterClick: 0) - 0.25) < 1e-12)
        #expect(abs(lag.reportedFraction(daysAfterClick: 1) - 0.4375) < 1e-12)
        #expect(lag.reportedFraction(daysAfterClick: -1) == 0)
        #expect(ConversionLag(meanDays: 0).reportedFraction(daysAfterClick: 0) == 1)

        let market = try TestMarkets.dense(keywords: 2_000, days: 40, lagMeanDays: 3)
        var byAge = [StatisticalCheck](repeating: StatisticalCheck(), count: 40)
        var latestDay = market.historyRange.first
        for (truth, facts) in TestMarkets.keywordsWithFacts(market, keywords: 0..<2_000) {
            for fact in facts {
                latestDay = max(latestDay, fact.period.last)
                let age = fact.period.first.distance(to: market.spec.asOf)
                let rate =
                    truth.conversionRate(device: fact.device, on: fact.period.first)
                    * lag.reportedFraction(daysAfterClick: age)
                let clicks = Double(fact.clicks)
                byAge[age].add(
                    observed: fact.conversions,
                    expected: clicks * rate,
                    variance: clicks * rate * (1 - rate)
                )
            }
        }
        #expect(latestDay == market.spec.asOf)
        for age in [0, 1, 2, 3, 10, 30] {
            #expect(byAge[age].within(standardErrors: 4), "age \(age): \(byAge[age])")
        }
        // The last day shows about a quarter of what a day a month back shows per expected click.
        let lastDay = byAge[0].observed / (byAge[0].expected / 0.25)
        let monthBack = byAge[30].observed / byAge[30].expected
        #expect(lastDay < 0.4 && monthBack > 0.85)
    }
}
