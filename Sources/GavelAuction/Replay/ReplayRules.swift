/// The rules of a replay: episodes, budget, bid cap and how a tie with the logged price is read.
///
/// Defaults are the protocol of Cai et al. (WSDM 2017, rlb-dp): episodes of N = 1000 consecutive
/// auctions (the last, shorter one included), each with budget int(CPM_train × c₀ × N); a bid is
/// min(int(strategy bid), 300, budget left); it wins when bid ≥ logged price and pays the logged price.
public struct ReplayRules: Hashable, Sendable {
    /// When a bid beats the logged market price.
    public enum WinRule: String, Hashable, Sendable, Codable {
        /// bid ≥ price (rlb-dp).
        case atLeast
        /// bid > price (a strict reading of second price with the logger winning ties).
        case above
    }

    /// Whether the budget is renewed each episode or spans the whole log.
    public enum BudgetScope: String, Hashable, Sendable, Codable {
        case perEpisode
        case wholeLog
    }

    /// Auctions per episode (N).
    public var episodeLength: Int
    /// c₀: the budget as a fraction of what the training traffic cost at its average price.
    public var budgetFraction: Double
    public var budgetScope: BudgetScope
    /// The largest bid allowed, in the log's units (`nil` = no cap).
    public var maxBid: Int64?
    public var winRule: WinRule

    public init(
        episodeLength: Int = 1000,
        budgetFraction: Double,
        budgetScope: BudgetScope = .perEpisode,
        maxBid: Int64? = 300,
        winRule: WinRule = .atLeast
    ) {
        precondition(episodeLength > 0, "episode length must be positive")
        self.episodeLength = episodeLength
        self.budgetFraction = budgetFraction
        self.budgetScope = budgetScope
        self.maxBid = maxBid
        self.winRule = winRule
    }

    /// The budget for a period of `auctions` auctions: int(CPM_train × c₀ × auctions), evaluated in
    /// that order so it matches the Python reference to the unit.
    public func budget(for auctions: Int, statistics: TrainingStatistics) -> Int64 {
        Int64(statistics.costPerImpression * budgetFraction * Double(auctions))
    }

    @inline(__always)
    func wins(bid: Int64, price: Int64) -> Bool {
        switch winRule {
        case .atLeast: bid >= price
        case .above: bid > price
        }
    }
}
