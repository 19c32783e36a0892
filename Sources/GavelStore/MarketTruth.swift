public import GavelCore
internal import GRDB

/// The ground truth of one generated keyword: what estimators and optimisers are scored against.
///
/// Only generated markets have one; it lives in its own table so nothing in a real account's
/// history can be mistaken for it.
public struct MarketTruthRecord: Sendable, Hashable {
    public var seed: UInt64
    public var trueCVR: Double
    public var valuePerConversion: Micros
    public var positionOneCTR: Double
    public var dailyQueries: Double
    public var competitorBid: Micros
    public var qualityScore: Int

    public init(
        seed: UInt64, trueCVR: Double, valuePerConversion: Micros, positionOneCTR: Double, dailyQueries: Double,
        competitorBid: Micros, qualityScore: Int
    ) {
        self.seed = seed
        self.trueCVR = trueCVR
        self.valuePerConversion = valuePerConversion
        self.positionOneCTR = positionOneCTR
        self.dailyQueries = dailyQueries
        self.competitorBid = competitorBid
        self.qualityScore = qualityScore
    }
}

extension FactWriter {
    /// Records the ground truth of a generated keyword (replacing any earlier truth for it).
    public func write(truth: MarketTruthRecord, of keyword: KeywordIdentity) throws {
        let id = try keywordID(keyword)
        try database.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO market_truth (keyword_id, seed, true_cvr, value_per_conversion_micros,
                    position1_ctr, daily_queries, competitor_bid_micros, quality_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                id, Int64(bitPattern: truth.seed), truth.trueCVR, truth.valuePerConversion.rawValue,
                truth.positionOneCTR, truth.dailyQueries, truth.competitorBid.rawValue, truth.qualityScore,
            ])
    }
}

extension HistoryStore {
    /// The ground truth of every generated keyword, by keyword row id.
    public func marketTruth() throws -> [Int64: MarketTruthRecord] {
        try database.read { db in
            var truth: [Int64: MarketTruthRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM market_truth") {
                truth[row["keyword_id"]] = MarketTruthRecord(
                    seed: UInt64(bitPattern: row["seed"]), trueCVR: row["true_cvr"],
                    valuePerConversion: Micros(row["value_per_conversion_micros"] as Int64),
                    positionOneCTR: row["position1_ctr"], dailyQueries: row["daily_queries"],
                    competitorBid: Micros(row["competitor_bid_micros"] as Int64), qualityScore: row["quality_score"])
            }
            return truth
        }
    }
}
