import GavelCore
import GavelMarket
import Testing

@Suite struct SeasonalityTests {
    @Test func factorsHaveKnownValues() {
        let seasonality = Seasonality.standard
        // 2026-12-14 is a Monday and the peak day: 1.06 × (1 + 0.6).
        let peak = CalendarDay(year: 2026, month: 12, day: 14)!
        #expect(peak.weekday == 1)
        #expect(abs(seasonality.factor(on: peak) - 1.696) < 1e-12)
        // Mid-June is 6 months from any peak: only the weekday factor (2026-06-13 is a Saturday).
        let june = CalendarDay(year: 2026, month: 6, day: 13)!
        #expect(abs(seasonality.factor(on: june) - 0.86) < 1e-9)
        // Ten days (one width) after the peak: 1 + 0.6 · e^(−1/2); 2026-12-24 is a Thursday (1.02).
        let christmasEve = CalendarDay(year: 2026, month: 12, day: 24)!
        #expect(abs(seasonality.factor(on: christmasEve) - 1.02 * (1 + 0.6 * 0.606_530_659_712_633)) < 1e-9)
        // Early January still feels last December's peak.
        let newYear = CalendarDay(year: 2027, month: 1, day: 2)!
        #expect(seasonality.factor(on: newYear) > 0.86 * 1.05)
    }

    @Test func weekdayPatternIsVisibleInAggregate() throws {
        let flatYear = Seasonality(weekdayFactors: Seasonality.standard.weekdayFactors, decemberPeak: 0)
        let market = try TestMarkets.dense(keywords: 1_000, days: 84, seasonality: flatYear, bidChangesPerDay: 0)
        var impressions = [Double](repeating: 0, count: 7)
        for fact in TestMarkets.facts(market, keywords: 0..<1_000) {
            impressions[fact.period.first.weekday - 1] += Double(fact.impressions)
        }
        let mean = impressions.reduce(0, +) / 7
        let factorMean = flatYear.weekdayFactors.reduce(0, +) / 7
        for weekday in 0..<7 {
            let expected = flatYear.weekdayFactors[weekday] / factorMean
            #expect(abs(impressions[weekday] / mean - expected) < 0.02, "weekday \(weekday + 1)")
        }
    }

    @Test func decemberPeakIsVisibleInAggregate() throws {
        let flatWeek = Seasonality(weekdayFactors: Array(repeating: 1, count: 7), decemberPeak: 0.6)
        let asOf = CalendarDay(year: 2026, month: 12, day: 31)!
        let market = try TestMarkets.dense(
            keywords: 1_000,
            days: 90,
            asOf: asOf,
            seasonality: flatWeek,
            bidChangesPerDay: 0
        )
        let october = DayRange(
            first: CalendarDay(year: 2026, month: 10, day: 3)!,
            last: CalendarDay(iso: "2026-10-31")!
        )
        let midDecember = DayRange(first: CalendarDay(iso: "2026-12-10")!, last: CalendarDay(iso: "2026-12-18")!)
        var octoberImpressions = 0.0
        var decemberImpressions = 0.0
        for fact in TestMarkets.facts(market, keywords: 0..<1_000) {
            if october.contains(fact.period.first) { octoberImpressions += Double(fact.impressions) }
            if midDecember.contains(fact.period.first) { decemberImpressions += Double(fact.impressions) }
        }
        func meanFactor(_ range: DayRange) -> Double {
            (0..<range.dayCount).map { flatWeek.factor(on: range.first.advanced(by: $0)) }.reduce(0, +)
                / Double(range.dayCount)
        }
        let observed = (decemberImpressions / 9) / (octoberImpressions / 29)
        let expected = meanFactor(midDecember) / meanFactor(october)
        #expect(expected > 1.5)
        #expect(abs(observed / expected - 1) < 0.03)
    }
}
