import GavelCore
import GavelStore
import PropertyBased
import Testing

/// Bid simulations kept per keyword and date range, matched to keywords the store knows.
@Suite struct BidSimulationStoreTests {
    private let week = DayRange(first: may1, last: may1.advanced(by: 6))

    private func simulation(_ days: DayRange, bids: [Int64], clicksPerBid: Double = 10) -> BidSimulation {
        BidSimulation(
            days: days,
            points: bids.map {
                .init(
                    bid: Micros($0), clicks: clicksPerBid * Double($0) / 100_000, cost: Micros($0 * 7),
                    impressions: 50 * Double($0) / 100_000)
            })
    }

    /// A store holding `shoes` with platform ids 501/1001, and its row id.
    private func storeWithShoes() throws -> (TemporaryStore, Int64) {
        let temporary = try TemporaryStore()
        let (id, _) = try temporary.store.write(source: "report") { writer in
            try writer.write(fact(), attributes: KeywordAttributes(platformKeywordID: "1001", platformAdGroupID: "501"))
            return try writer.keywordID(shoes)
        }
        return (temporary, id)
    }

    @Test func keywordsAreFoundByPlatformIdsOrByNameAndNeverCreated() throws {
        let (temporary, id) = try storeWithShoes()
        let (found, counts) = try temporary.store.write(source: nil) { writer in
            [
                try writer.existingKeywordID(platformAdGroupID: "501", platformKeywordID: "1001"),
                try writer.existingKeywordID(shoes),
                try writer.existingKeywordID(platformAdGroupID: "501", platformKeywordID: "9999"),
                try writer.existingKeywordID(
                    KeywordIdentity(
                        account: "Demo", campaign: "Shoes", adGroup: "Running", text: "running shoes",
                        matchType: .exact)),
            ]
        }
        #expect(found == [id, id, nil, nil])
        #expect(counts.keywords == 0)
        let statistics = try temporary.store.statistics()
        #expect(statistics.keywords == 1)
        #expect(statistics.simulatedKeywords == 0)
        #expect(statistics.newestSimulationDay == nil)
    }

    @Test func aStoredSimulationReadsBackAsWritten() throws {
        let (temporary, id) = try storeWithShoes()
        let written = simulation(week, bids: [500_000, 1_000_000, 1_500_000])
        let (_, counts) = try temporary.store.write(source: "simulations.csv") { writer in
            try writer.write(written, keywordID: id)
        }
        #expect(counts.simulations == 1)
        #expect(counts.simulationPoints == 3)
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: week.last) == [id: written])
        // Not yet over on the day before its last: a run as of then could not have known it.
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: week.last.advanced(by: -1)).isEmpty)
        let statistics = try temporary.store.statistics()
        #expect(statistics.imports == 2)
        #expect(statistics.simulatedKeywords == 1)
        #expect(statistics.newestSimulationDay == week.last)
    }

    @Test func aNewerSimulationOfTheSameDaysReplacesItsPointsAndTheNewestRangeIsRead() throws {
        let (temporary, id) = try storeWithShoes()
        let later = DayRange(first: week.first.advanced(by: 7), last: week.last.advanced(by: 7))
        _ = try temporary.store.write(source: "a") { writer in
            try writer.write(simulation(week, bids: [400_000, 800_000, 1_200_000]), keywordID: id)
            try writer.write(simulation(later, bids: [600_000, 900_000]), keywordID: id)
        }
        let replacement = simulation(week, bids: [500_000, 1_000_000], clicksPerBid: 12)
        _ = try temporary.store.write(source: "b") { writer in try writer.write(replacement, keywordID: id) }
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: week.last) == [id: replacement])
        #expect(
            try temporary.store.bidSimulations(endingOnOrBefore: later.last)
                == [id: simulation(later, bids: [600_000, 900_000])])
    }

    @Test func ofTwoSimulationsEndingTheSameDayTheLongerIsRead() throws {
        let (temporary, id) = try storeWithShoes()
        let lastThree = DayRange(first: week.last.advanced(by: -2), last: week.last)
        _ = try temporary.store.write(source: "a") { writer in
            try writer.write(simulation(lastThree, bids: [300_000, 600_000]), keywordID: id)
            try writer.write(simulation(week, bids: [500_000, 1_000_000]), keywordID: id)
        }
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: week.last)[id]?.days == week)
    }

    @Test func anySimulationsStoredTwiceReadTheSame() async {
        let gen = Gen.int(in: 1..<40).array(of: 1...12).array(of: 1...4)
        await propertyCheck(count: 20, input: gen) { keywordBids in
            let temporary = try! TemporaryStore()
            let keywords = keywordBids.indices.map {
                KeywordIdentity(account: "A", campaign: "C", adGroup: "G", text: "kw \($0)", matchType: .exact)
            }
            let (ids, _) = try! temporary.store.write(source: "report") { writer in
                try keywords.map { keyword in
                    try writer.write(fact(keyword))
                    return try writer.keywordID(keyword)
                }
            }
            // Distinct bids per keyword, as the reader guarantees; the range varies with the keyword.
            let simulations = keywordBids.enumerated().map { index, bids in
                simulation(
                    DayRange(first: may1, last: may1.advanced(by: index)),
                    bids: Set(bids).map { Int64($0) * 50_000 })
            }
            func store() -> [Int64: BidSimulation] {
                _ = try! temporary.store.write(source: "simulations.csv") { writer in
                    for (id, simulation) in zip(ids, simulations) { try writer.write(simulation, keywordID: id) }
                }
                return try! temporary.store.bidSimulations(endingOnOrBefore: may1.advanced(by: 10))
            }
            let once = store()
            let twice = store()
            #expect(once == twice)
            #expect(once.count == keywordBids.count)
            let storedPoints: Int = once.values.reduce(0) { $0 + $1.points.count }
            let distinctBids: Int = keywordBids.reduce(0) { $0 + Set($1).count }
            #expect(storedPoints == distinctBids)
        }
    }
}
