public import GavelCore
internal import GRDB
internal import GRDBSQLite

/// One stored fact without its keyword: the unit the bid job and the categorizer read.
public struct FactRow: Sendable, Hashable {
    public var period: DayRange
    public var device: Device
    public var totals: PerformanceTotals
    public var shares: ShareMetrics
    /// The max CPC in effect on the period, where the source said.
    public var maxCPC: Micros?
}

extension HistoryStore {
    /// Calls `body` once per keyword, in row-id order, with its facts that overlap `window`
    /// (all facts when `nil`), ordered by period and device. Keywords without facts in the window
    /// are still visited, with no rows, so "no impressions" keywords are never lost.
    ///
    /// This is the read hot path of nightly jobs over a million keywords: one sequential scan of
    /// the clustered `facts` table read through SQLite's C API, in step with the keywords table.
    public func forEachKeyword(
        in window: DayRange? = nil, _ body: (StoredKeyword, [FactRow]) throws -> Void
    ) throws {
        try database.read { db in
            let keywords = try db.makeStatement(sql: "SELECT \(StoredKeyword.columns) FROM keywords ORDER BY id")
            let facts = try db.makeStatement(
                sql: """
                    SELECT keyword_id, first_day, last_day, device, impressions, clicks, cost_micros, conversions,
                        conversion_value_micros, top_impression_rate, absolute_top_impression_rate,
                        search_impression_share, search_top_impression_share, click_share, max_cpc_micros
                    FROM facts WHERE last_day >= ?1 AND first_day <= ?2
                    ORDER BY keyword_id, first_day, last_day, device
                    """)
            let factStatement = facts.sqliteStatement
            sqlite3_bind_int64(factStatement, 1, Int64(window?.first.rawValue ?? Int32.min))
            sqlite3_bind_int64(factStatement, 2, Int64(window?.last.rawValue ?? Int32.max))
            var pending = sqlite3_step(factStatement)
            var rows: [FactRow] = []
            let keywordRows = try Row.fetchCursor(keywords)
            while let keywordRow = try keywordRows.next() {
                let keyword = StoredKeyword(row: keywordRow)
                rows.removeAll(keepingCapacity: true)
                while pending == SQLITE_ROW {
                    let owner = sqlite3_column_int64(factStatement, 0)
                    if owner > keyword.id { break }
                    if owner == keyword.id { rows.append(FactRow(statement: factStatement)) }
                    pending = sqlite3_step(factStatement)
                }
                guard pending == SQLITE_ROW || pending == SQLITE_DONE else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: pending),
                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                try body(keyword, rows)
            }
        }
    }
}

extension FactRow {
    fileprivate init(statement: OpaquePointer) {
        func optionalDouble(_ column: Int32) -> Double? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
        }
        period = DayRange(
            first: CalendarDay(rawValue: Int32(sqlite3_column_int64(statement, 1))),
            last: CalendarDay(rawValue: Int32(sqlite3_column_int64(statement, 2))))
        device = DeviceCode.device(code: sqlite3_column_int64(statement, 3))
        totals = PerformanceTotals(
            impressions: sqlite3_column_int64(statement, 4), clicks: sqlite3_column_int64(statement, 5),
            cost: Micros(sqlite3_column_int64(statement, 6)), conversions: sqlite3_column_double(statement, 7),
            conversionValue: Micros(sqlite3_column_int64(statement, 8)))
        shares = ShareMetrics(
            topImpressionRate: optionalDouble(9), absoluteTopImpressionRate: optionalDouble(10),
            searchImpressionShare: optionalDouble(11), searchTopImpressionShare: optionalDouble(12),
            clickShare: optionalDouble(13))
        maxCPC =
            sqlite3_column_type(statement, 14) == SQLITE_NULL ? nil : Micros(sqlite3_column_int64(statement, 14))
    }
}
