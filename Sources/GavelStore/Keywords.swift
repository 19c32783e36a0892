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
            try Row.fetchAll(db, sql: "SELECT \(StoredKeyword.columns) FROM keywords ORDER BY id")
                .map(StoredKeyword.init(row:))
        }
    }
}

extension StoredKeyword {
    /// The columns ``init(row:)`` reads, by position: a million-keyword scan should not look names up.
    static let columns = """
        id, account, campaign, ad_group, text, match_type, max_cpc_micros, quality_score, status, \
        platform_keyword_id, platform_ad_group_id, automated_bid_strategy
        """

    init(row: Row) {
        id = row[0]
        identity = KeywordIdentity(
            account: row[1], campaign: row[2], adGroup: row[3], text: row[4],
            matchType: MatchType(rawValue: row[5]) ?? .broad)
        attributes = KeywordAttributes(
            maxCPC: (row[6] as Int64?).map(Micros.init(rawValue:)), qualityScore: row[7], status: row[8],
            platformKeywordID: row[9], platformAdGroupID: row[10], automatedBidStrategy: row[11])
    }
}

extension HistoryStore {
    /// The last day any fact covers: the natural as-of date of a job run on this history.
    ///
    /// Every fact arrives through a logged import (or generation), so the import log answers
    /// without scanning the facts.
    public func lastDay() throws -> CalendarDay? {
        try database.read { db in
            try Int32.fetchOne(db, sql: "SELECT max(last_day) FROM imports").map(CalendarDay.init(rawValue:))
        }
    }
}
