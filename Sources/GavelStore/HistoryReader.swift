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

/// Which of a fact's optional columns a scan reads (the keyword, last day, device, totals, top and absolute top
/// impression rates and search impression share always are). SQLite's cost per row grows with the columns it
/// decodes, so a million-keyword job that needs less reads less.
public struct FactColumns: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The period's first day; without it, a fact's last day stands for its whole period (both ends of
    /// ``FactRow/period`` are that day) and the scan takes the facts whose last day lies in the window.
    public static let firstDay = FactColumns(rawValue: 1 << 0)
    /// Search top impression share and click share; without them both are `nil`.
    public static let otherShares = FactColumns(rawValue: 1 << 1)
    /// The max CPC in effect; without it ``FactRow/maxCPC`` is `nil`.
    public static let maxCPC = FactColumns(rawValue: 1 << 2)

    public static let all: FactColumns = [.firstDay, .otherShares, .maxCPC]
    /// What day-level consumers (the bid job) use.
    public static let daily: FactColumns = [.maxCPC]
}

extension HistoryStore {
    /// Calls `body` once per keyword, in row-id order, with its facts that overlap `window`
    /// (all facts when `nil`), ordered by period and device. Keywords without facts in the window
    /// are still visited, with no rows, so "no impressions" keywords are never lost.
    ///
    /// One sequential scan of the clustered `facts` table read through SQLite's C API, in step with the keywords
    /// table, on the store's own connection. Million-keyword jobs use the parallel variants below, which split
    /// the same scan over several connections.
    public func forEachKeyword(
        in window: DayRange? = nil, _ body: (StoredKeyword, [FactRow]) throws -> Void
    ) throws {
        try database.read { db in try Self.scan(db, window: window, ids: nil, columns: .all, body) }
    }

    /// Like ``forEachKeyword(in:_:)``, but reads on up to `partitions` connections at the same time: the keywords
    /// are split into contiguous row-id ranges (four per connection, taken by whichever connection is free), and
    /// each range is folded into its own `Partial` with `body`. Returns the partials in row-id order, so
    /// concatenating them visits the keywords in the same order ``forEachKeyword(in:_:)`` does.
    ///
    /// Falls back to one range (on the store's connection) for stores without a file, and uses a connection only
    /// per `minimumPartition` keywords: below that a second connection costs more than it saves.
    /// - Parameters:
    ///   - makePartial: called once per range with the number of keywords in it.
    ///   - progress: called on the calling thread with the number of keywords read so far.
    public func forEachKeyword<Partial: Sendable>(
        in window: DayRange? = nil, columns: FactColumns = .all, partitions requested: Int,
        minimumPartition: Int = 100_000, into makePartial: @Sendable (Int) -> Partial,
        progress: (Int) -> Void = { _ in },
        _ body: @Sendable (inout Partial, StoredKeyword, [FactRow]) throws -> Void
    ) throws -> [Partial] {
        let plan = try partitionPlan(requested, minimumPartition: minimumPartition)
        let results = PartitionResults<Partial>(count: plan.ranges.count)
        try withoutActuallyEscaping(body) { body in
            try withoutActuallyEscaping(makePartial) { makePartial in
                try readPartitions(plan, window: window, columns: columns, progress: progress) { partition, read in
                    results.store(partition) {
                        var partial = makePartial(plan.keywordCounts[partition])
                        try read { _, keyword, rows in try body(&partial, keyword, rows) }
                        return partial
                    }
                }
            }
        }
        return try results.collect()
    }

    /// Like ``forEachKeyword(in:_:)``, read on up to `partitions` connections at once, with each keyword's
    /// position in row-id order: consumers that fill one preallocated array need neither locks nor a final
    /// concatenation (which, for a million keywords holding strings, costs a second of retains and releases).
    ///
    /// - Parameters:
    ///   - minimumPartition: as in ``forEachKeyword(in:columns:partitions:minimumPartition:into:progress:_:)``.
    ///   - progress: called on the calling thread with the number of keywords read so far.
    ///   - makeVisitor: called first, on the calling thread, with the number of keywords the scan will visit;
    ///     returns the visitor, which is called with positions `0..<count`, each exactly once, concurrently
    ///     from different threads.
    public func forEachKeyword(
        in window: DayRange? = nil, columns: FactColumns = .all, partitions requested: Int,
        minimumPartition: Int = 100_000, progress: (Int) -> Void = { _ in },
        visitor makeVisitor: (_ count: Int) throws -> @Sendable (_ position: Int, StoredKeyword, [FactRow]) throws
            -> Void
    ) throws {
        let plan = try partitionPlan(requested, minimumPartition: minimumPartition)
        let visit = try makeVisitor(plan.keywordCounts.reduce(0, +))
        try readPartitions(plan, window: window, columns: columns, progress: progress) { _, read in try read(visit) }
    }

    /// Contiguous row-id ranges of about equal keyword counts, and where each starts in row-id order: four per
    /// connection when there are several, taken in turn by whichever connection is free, so one with keywords
    /// that have more days does not leave the others idle at the end.
    private func partitionPlan(_ requested: Int, minimumPartition: Int) throws -> PartitionPlan {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id), count(*) FROM keywords")
            let (low, high, count): (Int64, Int64, Int) = (row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0)
            let path = database.path
            let connections =
                path.isEmpty || path == ":memory:" ? 1 : max(1, min(requested, 8, count / max(1, minimumPartition)))
            let partitions = connections == 1 ? 1 : connections * 4
            let span = high - low + 1
            let bounds = (0...partitions).map { low + span * Int64($0) / Int64(partitions) }
            let ranges = (0..<partitions).map { bounds[$0]...(bounds[$0 + 1] - 1) }
            var counts = try ranges.dropLast().map { range in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM keywords WHERE id BETWEEN ? AND ?",
                    arguments: [range.lowerBound, range.upperBound]) ?? 0
            }
            counts.append(count - counts.reduce(0, +))
            return PartitionPlan(ranges: ranges, keywordCounts: counts, connections: connections)
        }
    }

    /// Runs `work` once per partition on `plan.connections` connections at once — the calling thread on the
    /// store's connection, the others on their own threads and read-only connections, each taking the next
    /// partition when it is free; `work` gets a function that scans its partition. Waits for every partition
    /// before returning or rethrowing the first error.
    private func readPartitions(
        _ plan: PartitionPlan, window: DayRange?, columns: FactColumns, progress: (Int) -> Void,
        _ work: @Sendable (_ partition: Int, _ read: (KeywordVisitor) throws -> Void) throws -> Void
    ) throws {
        let path = database.path
        let counter = ProgressCounter()
        let starts = plan.keywordCounts.indices.map { plan.keywordCounts[..<$0].reduce(0, +) }
        // Each range was counted in another transaction than the one that reads it: a concurrent import could
        // have changed it, and positions must stay exactly those counted.
        @Sendable func scan(_ db: Database, _ partition: Int, _ visit: KeywordVisitor, report: (Int) -> Void) throws {
            let end = starts[partition] + plan.keywordCounts[partition]
            var position = starts[partition]
            try Self.scan(db, window: window, ids: plan.ranges[partition], columns: columns) { keyword, rows in
                guard position < end else { throw StoreError.changedDuringRead }
                try visit(position, keyword, rows)
                position += 1
                if (position - starts[partition]) % 4096 == 0 { report(4096) }
            }
            guard position == end else { throw StoreError.changedDuringRead }
        }
        let errors = PartitionResults<Void>(count: plan.ranges.count)
        let queue = PartitionQueue(count: plan.ranges.count)
        // The other connections' threads are waited for before returning, so the closures do not escape.
        withoutActuallyEscaping(work) { work in
            /// Scans partitions on `reader` until none is left or one fails.
            @Sendable func drain(_ reader: DatabaseQueue, report: (Int) -> Void) {
                while let partition = queue.take() {
                    let failed = errors.store(partition) {
                        try work(partition) { visit in
                            try reader.read { db in try scan(db, partition, visit, report: report) }
                        }
                    }
                    if failed { return }
                }
            }
            let group = DispatchGroup()
            for connection in 1..<plan.connections {
                DispatchQueue.global().async(group: group) {
                    var configuration = Configuration()
                    configuration.readonly = true
                    configuration.label = "gavel.reader.\(connection)"
                    configuration.prepareDatabase { db in
                        try db.execute(sql: "PRAGMA cache_size = -131072")
                        try db.execute(sql: HistoryStore.memoryMappedReads)
                    }
                    do {
                        let reader = try DatabaseQueue(path: path, configuration: configuration)
                        drain(reader) { counter.advance(by: $0) }
                    } catch {
                        errors.fail(with: error)
                    }
                }
            }
            drain(database) { progress(counter.advance(by: $0)) }
            group.wait()
        }
        _ = try errors.collect()
        progress(plan.keywordCounts.reduce(0, +))
    }

    /// One sequential scan of the keywords (with `ids` only) in step with their facts overlapping `window`.
    private static func scan(
        _ db: Database, window: DayRange?, ids: ClosedRange<Int64>?, columns: FactColumns,
        _ body: (StoredKeyword, [FactRow]) throws -> Void
    ) throws {
        let keywords = try db.makeStatement(
            sql: "SELECT \(StoredKeyword.columns) FROM keywords WHERE id BETWEEN ? AND ? ORDER BY id")
        try keywords.setArguments([ids?.lowerBound ?? Int64.min, ids?.upperBound ?? Int64.max])
        // Missing shares and bids read as -1 (never negative when present): one call per column instead of a
        // type check and a read. Columns left out are constants, which SQLite does not decode.
        // Without first days a fact's last day stands for its period, so that day must lie in the window.
        let (firstDay, overlapsWindow) =
            columns.contains(.firstDay)
            ? ("first_day", "last_day >= ?1 AND first_day <= ?2") : ("-1", "last_day BETWEEN ?1 AND ?2")
        let otherShares =
            columns.contains(.otherShares) ? "ifnull(search_top_impression_share, -1), ifnull(click_share, -1)" : "-1, -1"
        let maxCPC = columns.contains(.maxCPC) ? "ifnull(max_cpc_micros, -1)" : "-1"
        let facts = try db.makeStatement(
            sql: """
                SELECT keyword_id, \(firstDay), last_day, device, impressions, clicks, cost_micros, conversions,
                    conversion_value_micros, ifnull(top_impression_rate, -1), ifnull(absolute_top_impression_rate, -1),
                    ifnull(search_impression_share, -1), \(otherShares), \(maxCPC)
                FROM facts WHERE \(overlapsWindow) AND keyword_id BETWEEN ?3 AND ?4
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
                if owner == keyword.id { rows.append(FactRow(statement: factStatement, columns: columns)) }
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

/// How a parallel scan splits the keywords.
private struct PartitionPlan: Sendable {
    var ranges: [ClosedRange<Int64>]
    var keywordCounts: [Int]
    /// How many connections read the ranges at once.
    var connections: Int
}

/// Hands out partition numbers in order to whichever connection asks next.
private final class PartitionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// Visits one keyword of a scan: its position in row-id order, the keyword and its rows.
private typealias KeywordVisitor = (Int, StoredKeyword, [FactRow]) throws -> Void

/// Each partition's result (or error), written once by its own thread; a lock guards the slots.
private final class PartitionResults<Partial: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Partial, any Error>?]
    private var failure: (any Error)?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Runs `work` for `partition` and keeps its result; returns whether it failed.
    @discardableResult
    func store(_ partition: Int, _ work: () throws -> Partial) -> Bool {
        let result = Result { try work() }
        lock.withLock { slots[partition] = result }
        if case .failure = result { return true }
        return false
    }

    /// Records an error that belongs to no partition (a connection that could not open).
    func fail(with error: any Error) {
        lock.withLock { failure = failure ?? error }
    }

    /// Every partition's result in order, or the first error.
    func collect() throws -> [Partial] {
        let slots = lock.withLock { self.slots }
        if let failure = lock.withLock({ self.failure }) { throw failure }
        for case .failure(let error)? in slots { throw error }
        return try slots.map { slot in
            guard let slot else { throw CancellationError() }
            return try slot.get()
        }
    }
}

/// Keywords read so far over all partitions.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds `keywords` and returns the new total.
    @discardableResult
    func advance(by keywords: Int) -> Int { lock.withLock { count += keywords; return count } }
}

extension FactRow {
    /// Reads the scan's current row; columns left out of `columns` are not even asked for (on 25 million rows
    /// every call SQLite is spared counts).
    fileprivate init(statement: OpaquePointer, columns: FactColumns) {
        // The scan selects -1 for missing shares and bids.
        func optionalDouble(_ column: Int32) -> Double? {
            let value = sqlite3_column_double(statement, column)
            return value < 0 ? nil : value
        }
        let last = CalendarDay(rawValue: Int32(sqlite3_column_int64(statement, 2)))
        let first = columns.contains(.firstDay) ? CalendarDay(rawValue: Int32(sqlite3_column_int64(statement, 1))) : last
        period = DayRange(first: first, last: last)
        device = DeviceCode.device(code: sqlite3_column_int64(statement, 3))
        totals = PerformanceTotals(
            impressions: sqlite3_column_int64(statement, 4), clicks: sqlite3_column_int64(statement, 5),
            cost: Micros(sqlite3_column_int64(statement, 6)), conversions: sqlite3_column_double(statement, 7),
            conversionValue: Micros(sqlite3_column_int64(statement, 8)))
        let otherShares = columns.contains(.otherShares)
        shares = ShareMetrics(
            topImpressionRate: optionalDouble(9), absoluteTopImpressionRate: optionalDouble(10),
            searchImpressionShare: optionalDouble(11), searchTopImpressionShare: otherShares ? optionalDouble(12) : nil,
            clickShare: otherShares ? optionalDouble(13) : nil)
        guard columns.contains(.maxCPC) else {
            maxCPC = nil
            return
        }
        let maxCPC = sqlite3_column_int64(statement, 14)
        self.maxCPC = maxCPC < 0 ? nil : Micros(maxCPC)
    }
}
