import Crypto
import Foundation
internal import GRDB
import GavelCore

/// The bidder's durable memory, in one SQLite file: spend per campaign and day, the notices already
/// accepted (until they expire) and the key notices are signed with.
///
/// A notice is recorded and its spend added in one transaction, so after a crash either both
/// happened or neither did: a restart loses no spend and cannot accept the same notice twice.
/// WAL with `synchronous = NORMAL` makes each commit survive a process crash (a power cut may
/// lose the last few), at a cost of ≈ 20 µs per notice rather than an fsync.
public final class SpendStore: Sendable {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the ledger at `path` and brings its schema up to date.
    /// - Throws: ``SpendStoreError`` when the file cannot be opened or is not a Gavel ledger.
    public init(path: String) throws(SpendStoreError) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.label = "gavel.ledger"
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Self.migrator.migrate(database)
        } catch {
            throw SpendStoreError(path: path, reason: "\(error)")
        }
    }

    /// Versioned and append-only: a released migration is never edited, only followed.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notice_key (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        key BLOB NOT NULL
                    );
                    CREATE TABLE campaign_spend (
                        campaign TEXT NOT NULL,
                        day INTEGER NOT NULL,
                        spent_micros INTEGER NOT NULL,
                        impressions INTEGER NOT NULL,
                        PRIMARY KEY (campaign, day)
                    ) WITHOUT ROWID;
                    CREATE TABLE notice (
                        bid_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        campaign TEXT NOT NULL,
                        clearing_price_micros INTEGER,
                        cost_micros INTEGER NOT NULL,
                        received_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        PRIMARY KEY (bid_id, kind)
                    ) WITHOUT ROWID;
                    CREATE INDEX notice_expiry ON notice (expires_at);
                    """
            )
        }
        return migrator
    }

    /// The notice signing key, created at random on first use and kept, so notices issued
    /// before a restart still verify after it.
    func noticeKey() throws -> [UInt8] {
        try database.write { db in
            if let key = try Data.fetchOne(db, sql: "SELECT key FROM notice_key WHERE id = 1") {
                return [UInt8](key)
            }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { [UInt8]($0) }
            try db.execute(sql: "INSERT INTO notice_key (id, key) VALUES (1, ?)", arguments: [Data(key)])
            return key
        }
    }

    /// Spend persisted so far, by campaign and UTC day.
    public func spend() throws -> [CampaignDaySpend] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT campaign, day, spent_micros, impressions FROM campaign_spend ORDER BY campaign, day"
            ).map { row in
                CampaignDaySpend(
                    campaign: row[0],
                    day: CalendarDay(rawValue: row[1]),
                    spent: Micros(row[2] as Int64),
                    impressions: row[3]
                )
            }
        }
    }

    /// What recording a notice did.
    enum Recording: Equatable {
        /// First time this notice was seen: it is stored, and its cost added when it had one.
        case recorded
        /// The same notice for the same bid was already accepted: nothing changed.
        case replayed
    }

    /// Records a verified notice and, when `cost` is given, adds it to the campaign's spend on `day`.
    /// - Parameters:
    ///   - clearingPrice: the CPM the exchange reported, in the bid's currency.
    ///   - cost: what the impression costs the campaign, in the campaign's currency (the two differ
    ///     when the bid was converted: ``NoticeTicket/campaignCost(ofClearingPrice:)``).
    func record(
        _ ticket: NoticeTicket,
        kind: NoticeKind,
        clearingPrice: Micros?,
        cost: Micros?,
        receivedAt: Int64,
        day: CalendarDay
    ) async throws -> Recording {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO notice
                        (bid_id, kind, campaign, clearing_price_micros, cost_micros, received_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    ticket.bidID, kind.rawValue, ticket.campaign, clearingPrice?.rawValue, cost?.rawValue ?? 0,
                    receivedAt, ticket.expiresAt,
                ]
            )
            guard db.changesCount == 1 else { return .replayed }
            if let cost {
                try db.execute(
                    sql: """
                        INSERT INTO campaign_spend (campaign, day, spent_micros, impressions) VALUES (?, ?, ?, 1)
                        ON CONFLICT (campaign, day) DO UPDATE
                            SET spent_micros = spent_micros + excluded.spent_micros, impressions = impressions + 1
                        """,
                    arguments: [ticket.campaign, day.rawValue, cost.rawValue]
                )
            }
            return .recorded
        }
    }

    /// Forgets notices whose lifetime is over: they are refused as expired before the replay
    /// check is reached, so remembering them any longer protects nothing.
    /// - Returns: How many were forgotten.
    @discardableResult
    func forgetNotices(expiredBefore now: Int64) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM notice WHERE expires_at < ?", arguments: [now])
            return db.changesCount
        }
    }
}

/// The ledger file could not be opened or migrated.
public struct SpendStoreError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot open the spend ledger \(path): \(reason)" }
}
