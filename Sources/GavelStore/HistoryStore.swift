import GavelCore
internal import GRDB
public import Logging

/// The keyword-performance history: one SQLite file (WAL mode) that every job reads.
///
/// SQLite is the embedded default because an SEA specialist's nightly job runs on one
/// machine over one account's history; the same interface can later sit in front of
/// PostgreSQL without changing the jobs that use it.
public final class HistoryStore: Sendable {
    let database: DatabaseQueue
    let logger: Logger

    /// Reads pages straight from the kernel's page cache instead of copying each one with `pread`: a million-keyword
    /// scan touches every page of a multi-gigabyte file. SQLite caps the size at its compile-time maximum (2 GB
    /// in the distributions' builds); pages past it are read as before.
    static let memoryMappedReads = "PRAGMA mmap_size = 17179869184"

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` when the file cannot be opened or is not a Gavel database.
    public init(path: String, logger: Logger = Logger(label: "gavel.store")) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 256 MB of page cache: nightly jobs scan and upsert millions of rows in key order.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: Self.memoryMappedReads)
        }
        configuration.label = "gavel"
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Schema.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        self.logger = logger
    }

    /// Runs `body` in one transaction with a ``FactWriter``: everything it wrote is committed
    /// together, or — if it throws — nothing is. This is how a report file is imported whole
    /// or not at all.
    /// - Parameter source: the file or process the data came from, logged in the `imports`
    ///   table; `nil` for one part of a larger write that ``logImport(source:format:counts:)`` logs once.
    /// - Returns: what `body` returned, with the writer's counts.
    public func write<Result>(
        source: String?, _ body: (FactWriter) throws -> Result
    ) throws -> (result: Result, counts: FactWriter.Counts) {
        let outcome = try database.write { db in
            let writer = try FactWriter(db: db)
            let result = try body(writer)
            if let source { try Self.logImport(db, source: source, format: writer.sourceFormat, counts: writer.counts) }
            return (result: result, counts: writer.counts)
        }
        if let source {
            logger.info(
                "stored",
                metadata: ["source": "\(source)", "facts": "\(outcome.counts.facts)", "keywords": "\(outcome.counts.keywords)"])
        }
        return outcome
    }

    /// Logs a write made of several transactions (a generated market) as one entry of the import log.
    public func logImport(source: String, format: String, counts: FactWriter.Counts) throws {
        try database.write { db in try Self.logImport(db, source: source, format: format, counts: counts) }
    }

    private static func logImport(_ db: Database, source: String, format: String, counts: FactWriter.Counts) throws {
        try db.execute(
            sql: "INSERT INTO imports (source, format, records, first_day, last_day) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                source, format, counts.facts + counts.attributeOnlyRecords + counts.simulations,
                counts.firstDay?.rawValue, counts.lastDay?.rawValue,
            ])
    }
}

/// Failures of the store, phrased for the person running the command.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case transactionDidNotComplete
    /// Keywords were added or removed while a parallel read was under way; reading again sees a consistent store.
    case changedDuringRead

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .transactionDidNotComplete: "the database transaction did not complete"
        case .changedDuringRead: "keywords were added or removed during the read: run the job again"
        }
    }
}
