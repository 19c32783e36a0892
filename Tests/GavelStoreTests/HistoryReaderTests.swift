import GavelCore
import GavelStore
import Testing

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
