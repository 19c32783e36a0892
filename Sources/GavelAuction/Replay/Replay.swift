import GavelCore

/// What a strategy bought on a replayed log, in the log's own integer units.
public struct ReplayMetrics: Hashable, Sendable {
    public var auctions = 0
    public var episodes = 0
    /// Sum of the budgets granted (per episode, or once for the whole log).
    public var budget: Int64 = 0
    public var bids = 0
    public var impressions = 0
    public var clicks = 0
    public var cost: Int64 = 0

    public init() {}

    public var winRate: Double { bids == 0 ? 0 : Double(impressions) / Double(bids) }
    /// Cost per click; `nil` without clicks.
    public var costPerClick: Double? { clicks == 0 ? nil : Double(cost) / Double(clicks) }
    /// Clicks per impression won.
    public var clickThroughRate: Double { impressions == 0 ? 0 : Double(clicks) / Double(impressions) }
}

/// Replays logged auctions against a strategy (and optionally a pacer) under ``ReplayRules``.
public struct Replay: Sendable {
    public var log: AuctionLog
    public var statistics: TrainingStatistics
    public var rules: ReplayRules

    public init(log: AuctionLog, statistics: TrainingStatistics, rules: ReplayRules) {
        self.log = log
        self.statistics = statistics
        self.rules = rules
    }

    /// Runs the replay.
    ///
    /// The strategy sees θ = the logged pCTR and value θ × eCPC_train (a click is worth what
    /// clicks cost in training). A pacer, if given, targets the period budget spread evenly over
    /// its auctions and keeps its state across episodes.
    public func run<S: BidStrategy, P: Pacer>(strategy: S, pacer: P, seed: UInt64 = 0) -> ReplayMetrics {
        let period = rules.budgetScope == .perEpisode ? rules.episodeLength : max(log.auctions.count, 1)
        let periodBudget = rules.budget(for: period, statistics: statistics)
        var pacer = pacer
        var random = SeededRandom(seed: seed, stream: 3)
        var metrics = ReplayMetrics()
        var remaining: Int64 = 0
        let valuePerClick = statistics.costPerClick
        for (index, auction) in log.auctions.enumerated() {
            if index % rules.episodeLength == 0 { metrics.episodes += 1 }
            if index % period == 0 {
                remaining = periodBudget
                metrics.budget += periodBudget
            }
            let opportunity = Opportunity(
                predictedRate: auction.predictedCTR,
                value: auction.predictedCTR * valuePerClick
            )
            let paced = pacer.pace(strategy.bid(for: opportunity), random: &random)
            var bid = paced > 0 ? Int64(min(paced, 0x1p62)) : 0
            if let cap = rules.maxBid { bid = min(bid, cap) }
            bid = min(bid, remaining)
            metrics.auctions += 1
            metrics.bids += bid > 0 ? 1 : 0
            guard rules.wins(bid: bid, price: auction.marketPrice) else {
                pacer.record(spend: 0)
                continue
            }
            metrics.impressions += 1
            metrics.clicks += auction.clicked ? 1 : 0
            metrics.cost += auction.marketPrice
            remaining -= auction.marketPrice
            pacer.record(spend: Double(auction.marketPrice))
        }
        return metrics
    }

    /// Runs the replay without pacing.
    public func run<S: BidStrategy>(strategy: S) -> ReplayMetrics { run(strategy: strategy, pacer: NoPacing()) }
}
