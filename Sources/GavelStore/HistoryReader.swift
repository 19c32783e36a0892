public import GavelCore
internal import GRDB
internal import GRDBSQLite

import Dispatch
import class Foundation.NSLock

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
        try database.read { db in try Self.scan(db, window: window, ids: nil, body) }
    }

    /// Like ``forEachKeyword(in:_:)``, but splits the keywords into up to `partitions` contiguous row-id
    /// ranges read at the same time, each on its own read connection, and folds each range into its own
    /// `Partial` with `body`. Returns the partials in row-id order, so concatenating them visits the keywords
    /// in the same order ``forEachKeyword(in:_:)`` does.
    ///
    /// Falls back to one range (on the store's connection) for small stores and stores without a file.
    /// - Parameter progress: called on the calling thread with the number of keywords read so far.
    public func forEachKeyword<Partial: Sendable>(
        in window: DayRange? = nil, partitions requested: Int, into makePartial: @Sendable (Int) -> Partial,
        progress: (Int) -> Void = { _ in },
        _ body: @Sendable (inout Partial, StoredKeyword, [FactRow]) throws -> Void
    ) throws -> [Partial] {
        let (low, high, count) = try database.read { db -> (Int64, Int64, Int64) in
            let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id), count(*) FROM keywords")
            return (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
        }
        let path = database.path
        let partitions = count >= 200_000 && !path.isEmpty && path != ":memory:" ? max(1, min(requested, 8)) : 1
        guard partitions > 1 else {
            var partial = makePartial(count > Int64(Int.max) ? 0 : Int(count))
            var seen = 0
            try forEachKeyword(in: window) { keyword, rows in
                try body(&partial, keyword, rows)
                seen += 1
                if seen % 4096 == 0 { progress(seen) }
            }
            progress(seen)
            return [partial]
        }
        let span = high - low + 1
        let bounds = (0...partitions).map { low + span * Int64($0) / Int64(partitions) }
        let estimate = Int(count) / partitions + 1
        let results = PartitionResults<Partial>(count: partitions)
        // The other partitions' threads are waited for before returning, so the closures do not escape.
        withoutActuallyEscaping(makePartial) { makePartial in
            withoutActuallyEscaping(body) { body in
                let group = DispatchGroup()
                for partition in 1..<partitions {
                    let ids = bounds[partition]...(bounds[partition + 1] - 1)
                    DispatchQueue.global().async(group: group) {
                        results.store(partition) {
                            var configuration = Configuration()
                            configuration.readonly = true
                            configuration.label = "gavel.reader.\(partition)"
                            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
                            let reader = try DatabaseQueue(path: path, configuration: configuration)
                            var partial = makePartial(estimate)
                            var seen = 0
                            try reader.read { db in
                                try Self.scan(db, window: window, ids: ids) { keyword, rows in
                                    try body(&partial, keyword, rows)
                                    seen += 1
                                    if seen % 4096 == 0 { results.advance(by: 4096) }
                                }
                            }
                            return partial
                        }
                    }
                }
                results.store(0) {
                    var partial = makePartial(estimate)
                    var seen = 0
                    try database.read { db in
                        try Self.scan(db, window: window, ids: bounds[0]...(bounds[1] - 1)) { keyword, rows in
                            try body(&partial, keyword, rows)
                            seen += 1
                            if seen % 4096 == 0 { progress(seen + results.advanced) }
                        }
                    }
                    return partial
                }
                group.wait()
            }
        }
        progress(Int(count))
        return try results.collect()
    }

    /// One sequential scan of the keywords (with `ids` only) in step with their facts overlapping `window`.
    private static func scan(
        _ db: Database, window: DayRange?, ids: ClosedRange<Int64>?, _ body: (StoredKeyword, [FactRow]) throws -> Void
    ) throws {
        let keywords = try db.makeStatement(
            sql: "SELECT \(StoredKeyword.columns) FROM keywords WHERE id BETWEEN ? AND ? ORDER BY id")
        try keywords.setArguments([ids?.lowerBound ?? Int64.min, ids?.upperBound ?? Int64.max])
        let facts = try db.makeStatement(
            sql: """
                SELECT keyword_id, first_day, last_day, device, impressions, clicks, cost_micros, conversions,
                    conversion_value_micros, top_impression_rate, absolute_top_impression_rate,
                    search_impression_share, search_top_impression_share, click_share, max_cpc_micros
                FROM facts WHERE last_day >= ?1 AND first_day <= ?2 AND keyword_id BETWEEN ?3 AND ?4
                ORDER BY keyword_id, first_day, last_day, device
                """)
        let factStatement = facts.sqliteStatement
        sqlite3_bind_int64(factStatement, 1, Int64(window?.first.rawValue ?? Int32.min))
        sqlite3_bind_int64(factStatement, 2, Int64(window?.last.rawValue ?? Int32.max))
        sqlite3_bind_int64(factStatement, 3, ids?.lowerBound ?? Int64.min)
        sqlite3_bind_int64(factStatement, 4, ids?.upperBound ?? Int64.max)
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

/// Each partition's result (or error), written once by its own thread; a lock guards the slots and the counter.
private final class PartitionResults<Partial: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Partial, any Error>?]
    private var counter = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ partition: Int, _ work: () throws -> Partial) {
        let result = Result { try work() }
        lock.withLock { slots[partition] = result }
    }

    func advance(by count: Int) { lock.withLock { counter += count } }

    var advanced: Int { lock.withLock { counter } }

    func collect() throws -> [Partial] {
        try lock.withLock { slots }.map { slot in
            guard let slot else { throw CancellationError() }
            return try slot.get()
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
