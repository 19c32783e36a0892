public import GavelCore
internal import GRDB

/// A keyword as stored: its row id, identity and latest known attributes.
public struct StoredKeyword: Sendable, Hashable {
    public var id: Int64
    public var identity: KeywordIdentity
    public var attributes: KeywordAttributes
}

extension HistoryStore {
    /// Every keyword, in row-id order.
    public func keywords() throws -> [StoredKeyword] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM keywords ORDER BY id").map(StoredKeyword.init(row:))
        }
    }
}

extension StoredKeyword {
    init(row: Row) {
        id = row["id"]
        identity = KeywordIdentity(
            account: row["account"], campaign: row["campaign"], adGroup: row["ad_group"], text: row["text"],
            matchType: MatchType(rawValue: row["match_type"]) ?? .broad)
        attributes = KeywordAttributes(
            maxCPC: (row["max_cpc_micros"] as Int64?).map(Micros.init(rawValue:)),
            qualityScore: row["quality_score"], status: row["status"],
            platformKeywordID: row["platform_keyword_id"], platformAdGroupID: row["platform_ad_group_id"],
            automatedBidStrategy: row["automated_bid_strategy"])
    }
}

extension HistoryStore {
    /// The last day any fact covers: the natural as-of date of a job run on this history.
    public func lastDay() throws -> CalendarDay? {
        try database.read { db in
            try Int32.fetchOne(db, sql: "SELECT max(last_day) FROM facts").map(CalendarDay.init(rawValue:))
        }
    }
}
