import GavelCore
import GavelMarket
import Testing

@Suite struct DeterminismTests {
    @Test func sameSeedGivesIdenticalFactsAndTruth() throws {
        let spec = MarketSpec(seed: 11, keywords: 2_000, days: 30)
        let first = try Market(spec: spec)
        let second = try Market(spec: spec)
        let facts = TestMarkets.facts(first, keywords: 0..<400)
        #expect(facts.count > 100)
        #expect(facts == TestMarkets.facts(second, keywords: 0..<400))
        #expect((0..<400).allSatisfy { first.truth(ofKeyword: $0) == second.truth(ofKeyword: $0) })
    }

    @Test func differentSeedGivesDifferentMarket() throws {
        let first = try Market(spec: MarketSpec(seed: 11, keywords: 2_000, days: 30))
        let second = try Market(spec: MarketSpec(seed: 12, keywords: 2_000, days: 30))
        #expect(TestMarkets.facts(first, keywords: 0..<400) != TestMarkets.facts(second, keywords: 0..<400))
        let differentRates = (0..<400).filter {
            first.truth(ofKeyword: $0).conversionRate != second.truth(ofKeyword: $0).conversionRate
        }
        #expect(differentRates.count == 400)
    }

    @Test func aKeywordsHistoryDoesNotDependOnTheMarketSize() throws {
        let small = try Market(spec: MarketSpec(seed: 3, keywords: 50, days: 60))
        let large = try Market(spec: MarketSpec(seed: 3, keywords: 50_000, days: 60))
        #expect(TestMarkets.facts(small, keywords: 0..<50) == TestMarkets.facts(large, keywords: 0..<50))
    }

    @Test func generateAllIsIndependentOfChunking() async throws {
        let market = try Market(spec: MarketSpec(seed: 5, keywords: 700, days: 40))
        let sequential = TestMarkets.facts(market, keywords: 0..<700)
        for (chunkSize, inFlight) in [(7, 3), (128, 1), (1_000, 8)] {
            var facts: [PerformanceFact] = []
            var covered: [Range<Int>] = []
            var identities: [KeywordIdentity] = []
            try await market.generateAll(chunkSize: chunkSize, chunksInFlight: inFlight) { batch in
                covered.append(batch.keywords)
                identities += batch.identities
                facts += batch.facts
                #expect(batch.attributes.count == batch.keywords.count)
            }
            #expect(facts == sequential, "chunk size \(chunkSize)")
            #expect(covered.first?.lowerBound == 0 && covered.last?.upperBound == 700)
            #expect(zip(covered, covered.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(identities == (0..<700).map { market.identity(ofKeyword: $0) })
        }
    }

    @Test func consumerErrorsStopGeneration() async throws {
        struct Stop: Error {}
        let market = try Market(spec: MarketSpec(seed: 5, keywords: 500, days: 10))
        var delivered = 0
        await #expect(throws: Stop.self) {
            try await market.generateAll(chunkSize: 50) { _ in
                delivered += 1
                if delivered == 2 { throw Stop() }
            }
        }
        #expect(delivered == 2)
    }
}
