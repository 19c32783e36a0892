import GavelCore
import GavelStore
import Testing

import class Foundation.NSLock

@Suite struct HistoryReaderTests {
    @Test func visitsEveryKeywordInOrderWithItsFactsInTheWindow() throws {
        let temporary = try TemporaryStore()
        let boots = KeywordIdentity(account: "Demo", campaign: "Shoes", adGroup: "Boots", text: "boots", matchType: .exact)
        let silent = KeywordIdentity(account: "Demo", campaign: "Shoes", adGroup: "Boots", text: "galoshes", matchType: .broad)
        _ = try temporary.store.write(source: "t") { writer in
            for offset in 0..<10 { try writer.write(fact(day: may1.advanced(by: offset), clicks: 10)) }
            try writer.write(fact(boots, day: may1.advanced(by: 3), device: .desktop, clicks: 7))
            try writer.write(attributes: KeywordAttributes(maxCPC: Micros(units: 1)), of: silent)
        }
        var visited: [(String, Int, Int64)] = []
        try temporary.store.forEachKeyword(in: DayRange(first: may1.advanced(by: 2), last: may1.advanced(by: 5))) {
            keyword, rows in
            visited.append((keyword.identity.text, rows.count, rows.reduce(0) { $0 + $1.totals.clicks }))
        }
        #expect(visited.map(\.0) == ["running shoes", "boots", "galoshes"])
        #expect(visited.map(\.1) == [4, 1, 0])
        #expect(visited.map(\.2) == [40, 7, 0])
    }
}

/// The parallel readers must visit exactly what the sequential scan visits, in the same order.
@Suite struct ParallelHistoryReaderTests {
    /// 40 keywords, each with as many days of facts as its number modulo 7 (some with none).
    static func store() throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        _ = try temporary.store.write(source: "t") { writer in
            for number in 0..<40 {
                let keyword = KeywordIdentity(
                    account: "Demo", campaign: "C\(number % 3)", adGroup: "G", text: "kw \(number)", matchType: .exact)
                try writer.write(attributes: KeywordAttributes(maxCPC: Micros(units: 1)), of: keyword)
                for offset in 0..<(number % 7) {
                    try writer.write(fact(keyword, day: may1.advanced(by: offset), clicks: Int64(number + 1)))
                }
            }
        }
        return temporary
    }

    static func sequential(_ store: HistoryStore) throws -> [String] {
        var visited: [String] = []
        try store.forEachKeyword { keyword, rows in
            visited.append("\(keyword.identity.text): \(rows.map(\.totals.clicks))")
        }
        return visited
    }

    @Test func positionsFollowRowIDOrderAcrossPartitions() throws {
        let temporary = try Self.store()
        let expected = try Self.sequential(temporary.store)
        let slots = Slots(count: expected.count)
        var announced = -1
        try temporary.store.forEachKeyword(partitions: 3, minimumPartition: 1) { count in
            announced = count
            return { position, keyword, rows in
                slots.set(position, "\(keyword.identity.text): \(rows.map(\.totals.clicks))")
            }
        }
        #expect(announced == 40)
        #expect(slots.values == expected)
    }

    @Test func partialsConcatenateToTheSequentialScan() throws {
        let temporary = try Self.store()
        let expected = try Self.sequential(temporary.store)
        let partials = try temporary.store.forEachKeyword(partitions: 3, minimumPartition: 1, into: { _ in [String]() }) {
            visited, keyword, rows in
            visited.append("\(keyword.identity.text): \(rows.map(\.totals.clicks))")
        }
        #expect(partials.count == 12)  // four ranges per connection
        #expect(partials.joined().elementsEqual(expected))
    }

    @Test func aBodyErrorStopsTheReadAndIsRethrown() throws {
        let temporary = try Self.store()
        #expect(throws: Failure.self) {
            try temporary.store.forEachKeyword(partitions: 2, minimumPartition: 1) { _ in
                { position, _, _ in if position == 30 { throw Failure() } }
            }
        }
    }
}

/// Strings written at distinct positions from several threads.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]

    init(count: Int) { storage = Array(repeating: "", count: count) }

    func set(_ position: Int, _ value: String) { lock.withLock { storage[position] = value } }

    var values: [String] { lock.withLock { storage } }
}

@Suite struct FactColumnsTests {
    /// Two multi-day facts against the window May 4–6: May 1–7 overlaps it but ends after it; May 3–5 ends in it.
    @Test func dailyColumnsPlaceAFactOnItsLastDayAndLeaveOutTheRest() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.store.write(source: "t") { writer in
            var week = fact(day: may1, clicks: 70)
            week.period = DayRange(first: may1, last: may1.advanced(by: 6))
            var middle = fact(day: may1, clicks: 30)
            middle.period = DayRange(first: may1.advanced(by: 2), last: may1.advanced(by: 4))
            middle.shares = ShareMetrics(searchImpressionShare: 0.4, searchTopImpressionShare: 0.3, clickShare: 0.2)
            try writer.write(week)
            try writer.write(middle)
        }
        let window = DayRange(first: may1.advanced(by: 3), last: may1.advanced(by: 5))
        func read(_ columns: FactColumns) throws -> [FactRow] {
            let found = Found()
            try temporary.store.forEachKeyword(in: window, columns: columns, partitions: 1) { _ in
                { _, _, rows in found.rows = rows }
            }
            return found.rows
        }
        let all = try read(.all)
        #expect(all.map(\.period) == [
            DayRange(first: may1, last: may1.advanced(by: 6)),
            DayRange(first: may1.advanced(by: 2), last: may1.advanced(by: 4)),
        ])
        #expect(all[1].shares.clickShare == 0.2)
        let daily = try read(.daily)
        #expect(daily.map(\.period) == [DayRange(day: may1.advanced(by: 4))])
        #expect(daily[0].totals.clicks == 30)
        #expect(daily[0].shares.searchImpressionShare == 0.4)
        #expect(daily[0].shares.clickShare == nil)
        #expect(daily[0].shares.searchTopImpressionShare == nil)
    }
}

private final class Found: @unchecked Sendable {
    var rows: [FactRow] = []
}
