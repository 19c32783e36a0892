public import GavelAuction

/// The replay strategies by the names the rlb-dp code and the command line use.
public enum ReplayStrategy: Hashable, Sendable {
    /// Lin-Bid: b = b₀ · pCTR / training CTR.
    case linear(baseBid: Double)
    /// Mcpc: b = training eCPC · pCTR.
    case mcpc

    public enum Name: String, Hashable, Sendable {
        case lin
        case mcpc
    }

    /// The strategy with the training figures filled in.
    public func choice(statistics: TrainingStatistics) -> StrategyChoice {
        switch self {
        case .linear(let base): .linear(LinearBid(base: base, averageRate: statistics.clickThroughRate))
        case .mcpc: .mcpc(McpcBid(costPerEvent: statistics.costPerClick))
        }
    }
}

/// The words scenario files and `gavel simulate replay` share for replay rules, so both read alike.
public enum ReplayVocabulary {
    /// `lin` (rlb-dp's name) or `linear`, and `mcpc`.
    public static let strategies: [(name: String, value: ReplayStrategy.Name)] = [
        ("lin", .lin), ("linear", .lin), ("mcpc", .mcpc),
    ]
    /// `ge`: bid ≥ logged price wins (rlb-dp); `gt`: only a higher bid wins.
    public static let winRules: [(name: String, value: ReplayRules.WinRule)] = [("ge", .atLeast), ("gt", .above)]
    /// `episode`: the budget renews every episode (rlb-dp); `whole`: one budget for the whole log.
    public static let budgetScopes: [(name: String, value: ReplayRules.BudgetScope)] = [
        ("episode", .perEpisode), ("whole", .wholeLog),
    ]
}
