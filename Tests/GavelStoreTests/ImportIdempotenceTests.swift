import GavelCore
import GavelStore
import PropertyBased
import Testing

import struct Foundation.UUID
import class Foundation.FileManager

/// A fresh store file in the temporary directory, removed when the test ends.
final class TemporaryStore {
    let path: String
    let store: HistoryStore

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-\(UUID().uuidString).db").path
        store = try HistoryStore(path: path)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

let shoes = KeywordIdentity(account: "Demo", campaign: "Shoes", adGroup: "Running", text: "running shoes", matchType: .phrase)
let may1 = CalendarDay(year: 2026, month: 5, day: 1)!

func fact(_ keyword: KeywordIdentity = shoes, day: CalendarDay = may1, device: Device = .mobile, clicks: Int64 = 40)
    -> PerformanceFact
{
    PerformanceFact(
        keyword: keyword, period: DayRange(day: day), device: device, impressions: clicks * 25, clicks: clicks,
        cost: Micros(clicks * 1_200_000), conversions: 3, conversionValue: Micros(units: 150))
}

struct Failure: Error {}

@Suite struct ImportIdempotenceTests {
    @Test func importingTheSameFactsTwiceChangesNothing() throws {
        let temporary = try TemporaryStore()
        let facts = (0..<10).map { fact(day: may1.advanced(by: $0)) }
        for _ in 0..<2 {
            _ = try temporary.store.write(source: "test") { writer in
                for item in facts { try writer.write(item) }
            }
        }
        let statistics = try temporary.store.statistics()
        #expect(statistics.facts == 10)
        #expect(statistics.keywords == 1)
        #expect(statistics.totals.clicks == 400)
        #expect(statistics.totals.cost == Micros(units: 480))
        #expect(statistics.firstDay == may1)
        #expect(statistics.lastDay == may1.advanced(by: 9))
        #expect(statistics.imports == 2)
    }

    @Test func aFailingImportLeavesNothingBehind() throws {
        let temporary = try TemporaryStore()
        #expect(throws: Failure.self) {
            try temporary.store.write(source: "broken") { writer in
                try writer.write(fact())
                throw Failure()
            }
        }
        let statistics = try temporary.store.statistics()
        #expect(statistics.facts == 0)
        #expect(statistics.keywords == 0)
        #expect(statistics.imports == 0)
    }

    @Test func newerAttributesWinAndEmptyFieldsEraseNothing() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.store.write(source: "a") { writer in
            try writer.write(
                fact(day: may1.advanced(by: 1)), attributes: KeywordAttributes(maxCPC: Micros(units: 2), qualityScore: 7))
            try writer.write(fact(day: may1), attributes: KeywordAttributes(maxCPC: Micros(units: 1)))
        }
        _ = try temporary.store.write(source: "b") { writer in
            try writer.write(fact(day: may1.advanced(by: 2)), attributes: KeywordAttributes(status: "Enabled"))
        }
        let keywords = try temporary.store.keywords()
        #expect(keywords.count == 1)
        #expect(keywords.first?.attributes.maxCPC == Micros(units: 2))
        #expect(keywords.first?.attributes.qualityScore == 7)
        #expect(keywords.first?.attributes.status == "Enabled")
    }

    @Test func anyBatchImportedTwiceGivesIdenticalTotals() async throws {
        let devices: [Device] = [.desktop, .mobile, .tablet]
        let gen = Gen.int(in: 0..<60).array(of: 1...40)
        await propertyCheck(count: 30, input: gen) { offsets in
            let temporary = try! TemporaryStore()
            let facts = offsets.map { offset in
                fact(day: may1.advanced(by: offset % 20), device: devices[offset % 3], clicks: Int64(offset))
            }
            _ = try! temporary.store.write(source: "1") { writer in
                for item in facts { try writer.write(item) }
            }
            let once = try! temporary.store.statistics()
            _ = try! temporary.store.write(source: "2") { writer in
                for item in facts { try writer.write(item) }
            }
            let twice = try! temporary.store.statistics()
            #expect(once.totals == twice.totals)
            #expect(once.facts == twice.facts)
            #expect(once.rowsByDevice == twice.rowsByDevice)
        }
    }
}
