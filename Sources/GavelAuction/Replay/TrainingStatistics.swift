import Foundation

/// The training-split figures a replay protocol derives budgets and bid scales from
/// (rlb-dp's `info.json`: impressions, clicks and cost of the training log).
public struct TrainingStatistics: Hashable, Sendable, Decodable {
    public var impressions: Int64
    public var clicks: Int64
    /// In the log's price units (iPinYou: CNY fen per mille, summed over impressions).
    public var cost: Int64
    /// Training impressions per market price (index = price), when the file has them.
    public var priceCounts: [Int]?

    public init(impressions: Int64, clicks: Int64, cost: Int64, priceCounts: [Int]? = nil) {
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.priceCounts = priceCounts
    }

    enum CodingKeys: String, CodingKey {
        case impressions = "imp_train"
        case clicks = "clk_train"
        case cost = "cost_train"
        case priceCounts = "price_counter_train"
    }

    /// Reads rlb-dp's `info.json`.
    /// - Throws: ``ReplayError`` if the file is missing or lacks `imp_train`, `clk_train`, `cost_train`.
    public init(contentsOf path: String) throws(ReplayError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        do { self = try JSONDecoder().decode(TrainingStatistics.self, from: data) } catch {
            throw .invalidStatistics(path: path, reason: "\(error)")
        }
        guard impressions > 0, clicks > 0 else {
            throw .invalidStatistics(path: path, reason: "imp_train and clk_train must be positive")
        }
    }

    /// Average cost per impression (CPM_train in rlb-dp, despite the name it is per impression).
    public var costPerImpression: Double { Double(cost) / Double(impressions) }
    /// θ̄: the training CTR.
    public var clickThroughRate: Double { Double(clicks) / Double(impressions) }
    /// eCPC: the training cost per click.
    public var costPerClick: Double { Double(cost) / Double(clicks) }

    /// The market-price histogram as a distribution, for shading or a synthetic display market.
    public var marketPrice: Distribution? { priceCounts.map { .empirical(EmpiricalDistribution(counts: $0)) } }
}
