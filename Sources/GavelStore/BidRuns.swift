public import GavelCore
internal import GRDB

/// One keyword's line in a bid run: what the job proposed and why.
public struct BidChangeRecord: Sendable, Hashable {
    public var keywordID: Int64
    /// `raised`, `lowered`, `unchanged` or `skipped: reason`.
    public var action: String
    public var oldBid: Micros?
    public var newBid: Micros?
    public var estimatedCVR: Double?
    public var trace: String

    public init(
        keywordID: Int64, action: String, oldBid: Micros?, newBid: Micros?, estimatedCVR: Double?, trace: String
    ) {
        self.keywordID = keywordID
        self.action = action
        self.oldBid = oldBid
        self.newBid = newBid
        self.estimatedCVR = estimatedCVR
        self.trace = trace
    }
}

/// A stored bid run: the audit record of one nightly job.
public struct BidRunRecord: Sendable, Hashable {
    public var id: Int64
    public var createdAt: String
    public var asOf: CalendarDay
    public var ruleFile: String
    public var ruleHash: String
    public var ruleSet: String
    public var strategy: String
    public var forced: Bool
    public var applied: Bool
    public var changesDigest: String
    /// The run's summary as the job rendered it (JSON), kept verbatim for the audit trail.
    public var summary: String
}

/// What a new run is, before the store gives it an id.
public struct NewBidRun: Sendable {
    public var asOf: CalendarDay
    public var ruleFile: String
    public var ruleHash: String
    public var ruleSet: String
    public var strategy: String
    public var forced: Bool
    public var summary: String
    public var changes: [BidChangeRecord]

    public init(
        asOf: CalendarDay, ruleFile: String, ruleHash: String, ruleSet: String, strategy: String, forced: Bool,
        summary: String, changes: [BidChangeRecord]
    ) {
        self.asOf = asOf
        self.ruleFile = ruleFile
        self.ruleHash = ruleHash
        self.ruleSet = ruleSet
        self.strategy = strategy
        self.forced = forced
        self.summary = summary
        self.changes = changes
    }

    /// A digest of every change (FNV-1a, 64 bit): two runs with the same digest proposed the same bids
    /// for the same reasons. Not a security hash; it only has to tell reruns apart.
    public var changesDigest: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        let separator = CollectionOfOne(UInt8(ascii: "|"))
        // Each change is hashed as the text `id|action|old|new|trace` followed by a 0xFF byte, fed piece by
        // piece rather than built as one string per change.
        for change in changes {
            mix(String(change.keywordID).utf8)
            mix(separator)
            mix(change.action.utf8)
            mix(separator)
            mix(String(change.oldBid?.rawValue ?? -1).utf8)
            mix(separator)
            mix(String(change.newBid?.rawValue ?? -1).utf8)
            mix(separator)
            mix(change.trace.utf8)
            mix(CollectionOfOne(0xFF))
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension HistoryStore {
    /// Stores a run with all its changes in one transaction (an interrupted run leaves nothing),
    /// and with `apply`, makes the new bids the keywords' current max CPC in the same transaction.
    /// - Returns: the stored run.
    public func record(_ run: NewBidRun, apply: Bool) throws -> BidRunRecord {
        let digest = run.changesDigest
        return try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO bid_runs (as_of, rule_file, rule_hash, rule_set, strategy, forced, applied,
                        changes_digest, summary)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.asOf.rawValue, run.ruleFile, run.ruleHash, run.ruleSet, run.strategy, run.forced, apply,
                    digest, run.summary,
                ])
            let runID = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO bid_changes (run_id, keyword_id, action, old_bid_micros, new_bid_micros,
                        estimated_cvr, trace) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            let update = try db.makeStatement(sql: "UPDATE keywords SET max_cpc_micros = ? WHERE id = ?")
            for change in run.changes {
                try insert.execute(arguments: [
                    runID, change.keywordID, change.action, change.oldBid?.rawValue, change.newBid?.rawValue,
                    change.estimatedCVR, change.trace,
                ])
                if apply, let newBid = change.newBid, newBid != change.oldBid {
                    try update.execute(arguments: [newBid.rawValue, change.keywordID])
                }
            }
            return try BidRunRecord.fetch(db, id: runID)
        }
    }

    /// Every stored run, oldest first.
    public func bidRuns() throws -> [BidRunRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bid_runs ORDER BY id").map(BidRunRecord.init(row:))
        }
    }

    /// The changes of one run, in keyword order.
    public func changes(ofRun id: Int64) throws -> [BidChangeRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bid_changes WHERE run_id = ? ORDER BY keyword_id", arguments: [id])
                .map { row in
                    BidChangeRecord(
                        keywordID: row["keyword_id"], action: row["action"],
                        oldBid: (row["old_bid_micros"] as Int64?).map(Micros.init(rawValue:)),
                        newBid: (row["new_bid_micros"] as Int64?).map(Micros.init(rawValue:)),
                        estimatedCVR: row["estimated_cvr"], trace: row["trace"])
                }
        }
    }
}

extension BidRunRecord {
    init(row: Row) {
        id = row["id"]
        createdAt = row["created_at"]
        asOf = CalendarDay(rawValue: row["as_of"])
        ruleFile = row["rule_file"]
        ruleHash = row["rule_hash"]
        ruleSet = row["rule_set"]
        strategy = row["strategy"]
        forced = row["forced"]
        applied = row["applied"]
        changesDigest = row["changes_digest"]
        summary = row["summary"]
    }

    static func fetch(_ db: Database, id: Int64) throws -> BidRunRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bid_runs WHERE id = ?", arguments: [id]) else {
            throw StoreError.transactionDidNotComplete
        }
        return BidRunRecord(row: row)
    }
}
