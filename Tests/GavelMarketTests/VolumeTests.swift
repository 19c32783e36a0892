import GavelCore
import GavelMarket
import Testing

@Suite struct VolumeTests {
    /// Pareto draws: P(searches > 10 × minimum) = 10^(−1/s) = 10^(−1/0.9) ≈ 0.0774.
    @Test func dailySearchesHaveTheParetoTailOfZipfsLaw() throws {
        let market = try Market(spec: MarketSpec(seed: 21, keywords: 20_000, days: 1))
        let minimum = market.spec.volume.minimumDailySearches
        let searches = (0..<20_000).map { market.truth(ofKeyword: $0).dailySearches }
        #expect(searches.allSatisfy { $0 >= minimum && $0 <= market.spec.volume.maximumDailySearches })
        let share = Double(searches.filter { $0 > 10 * minimum }.count) / 20_000
        let expected = 0.077_426
        let standardError = (expected * (1 - expected) / 20_000).squareRoot()
        #expect(abs(share - expected) < 4 * standardError)
        // Top 1 % of 20 000 draws hold ≈ 0.01^(1 − 0.9) ≈ 63 % of the volume in theory; the sample varies.
        let sorted = searches.sorted(by: >)
        let topShare = sorted.prefix(200).reduce(0, +) / sorted.reduce(0, +)
        #expect(topShare > 0.4)
    }

    @Test func theHeadGetsTheImpressionsAndTheTailHasFewClicks() throws {
        let market = try Market(spec: MarketSpec(seed: 22, keywords: 3_000, days: 90))
        var impressions = [Int64](repeating: 0, count: 3_000)
        var clicks = [Int64](repeating: 0, count: 3_000)
        for index in 0..<3_000 {
            market.history(ofKeyword: index) { fact in
                impressions[index] += fact.impressions
                clicks[index] += fact.clicks
            }
        }
        let total = impressions.reduce(0, +)
        let top = impressions.sorted(by: >).prefix(30).reduce(0, +)
        #expect(Double(top) / Double(total) > 0.3)
        let sparse = clicks.filter { $0 < 30 }.count
        #expect(Double(sparse) / 3_000 > 0.9)
    }

    @Test func expectedRowCountMatchesTheGeneratedRows() throws {
        for segmented in [true, false] {
            let market = try Market(spec: MarketSpec(seed: 23, keywords: 1_500, days: 90, deviceSegmented: segmented))
            let rows = TestMarkets.facts(market, keywords: 0..<1_500).count
            let expected = market.expectedRowCount(sampleSize: 1_500)
            // A sum of independent indicators: its variance is below its mean.
            #expect(abs(Double(rows) - expected) < 4 * expected.squareRoot(), "segmented: \(segmented)")
        }
    }

    @Test func aMillionKeywordMarketHasTensOfMillionsOfRows() throws {
        let market = try Market(spec: MarketSpec(seed: 1, keywords: 1_000_000, days: 90))
        let rows = market.expectedRowCount(sampleSize: 2_000)
        #expect(rows > 10_000_000 && rows < 30_000_000)
    }

    @Test func rowsHaveImpressionsAndConsistentCounts() throws {
        let market = try Market(spec: MarketSpec(seed: 24, keywords: 1_000, days: 90))
        let facts = TestMarkets.facts(market, keywords: 0..<1_000)
        #expect(
            facts.allSatisfy {
                $0.impressions > 0 && $0.clicks <= $0.impressions && $0.conversions <= Double($0.clicks)
            }
        )
        #expect(facts.allSatisfy { $0.device != .all && $0.period.isSingleDay })
        #expect(facts.allSatisfy { market.historyRange.contains($0.period.first) })
        #expect(
            facts.allSatisfy { fact in
                guard let share = fact.shares.searchImpressionShare else { return false }
                return share >= 0.0999 && share <= 0.9001
            }
        )
    }
}
