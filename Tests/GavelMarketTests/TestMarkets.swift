import GavelCore
import GavelMarket

/// Small markets the tests share, and helpers to read them.
enum TestMarkets {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 24)!

    /// More searches and conversions per keyword than the default long tail, so statistical checks
    /// have enough events with a few thousand keywords.
    static func dense(
        keywords: Int,
        days: Int = 90,
        asOf: CalendarDay = asOf,
        lagMeanDays: Double = 0,
        seasonality: Seasonality = .standard,
        bidChangesPerDay: Double = 0.1,
        structure: MarketStructure = .init(),
        events: [MarketEvent] = [],
        seed: UInt64 = 7
    ) throws -> Market {
        try Market(
            spec: MarketSpec(
                seed: seed,
                keywords: keywords,
                days: days,
                asOf: asOf,
                structure: structure,
                conversionLagMeanDays: lagMeanDays,
                seasonality: seasonality,
                volume: SearchVolumeModel(minimumDailySearches: 5),
                priors: MarketPriors(conversionRate: 0.08),
                bidChanges: BidChangeModel(probabilityPerDay: bidChangesPerDay),
                events: events
            )
        )
    }

    static func facts(_ market: Market, keywords: Range<Int>) -> [PerformanceFact] {
        var facts: [PerformanceFact] = []
        for index in keywords { market.history(ofKeyword: index) { facts.append($0) } }
        return facts
    }

    /// Each keyword's truth with its facts, for checks that compare rows with what was true that day.
    static func keywordsWithFacts(_ market: Market, keywords: Range<Int>) -> [(KeywordTruth, [PerformanceFact])] {
        keywords.map { index in
            var facts: [PerformanceFact] = []
            market.history(ofKeyword: index) { facts.append($0) }
            return (market.truth(ofKeyword: index), facts)
        }
    }
}

/// Sum of independent draws compared with its expectation: |observed − expected| ≤ k standard errors.
struct StatisticalCheck {
    var observed = 0.0
    var expected = 0.0
    var variance = 0.0

    mutating func add(observed: Double, expected: Double, variance: Double) {
        self.observed += observed
        self.expected += expected
        self.variance += variance
    }

    func within(standardErrors k: Double) -> Bool { abs(observed - expected) <= k * variance.squareRoot() }
}
