/// The same bid everywhere: the baseline every smarter strategy must beat.
public struct FixedBid: BidStrategy, Hashable {
    public var amount: Double

    public init(amount: Double) { self.amount = amount }

    public func bid(for opportunity: Opportunity) -> Double { amount }
}

/// Bid the expected value: the dominant strategy in a second-price auction without a budget.
public struct TruthfulBid: BidStrategy, Hashable {
    public init() {}

    public func bid(for opportunity: Opportunity) -> Double { opportunity.value }
}

/// Linear bidding (Perlich et al. 2012): b = b₀ · θ / θ̄, a base bid scaled by how much better than
/// average this opportunity is predicted to be.
public struct LinearBid: BidStrategy, Hashable {
    /// b₀: the bid for an average opportunity.
    public var base: Double
    /// θ̄: the average predicted rate (e.g. training CTR = clicks ÷ impressions).
    public var averageRate: Double

    public init(base: Double, averageRate: Double) {
        self.base = base
        self.averageRate = averageRate
    }

    public func bid(for opportunity: Opportunity) -> Double { base * opportunity.predictedRate / averageRate }
}

/// Mcpc: b = eCPC · θ, paying for an impression what its predicted click is worth at the historical
/// (or target) cost per click — or, on search, target CPA × CVR per click.
public struct McpcBid: BidStrategy, Hashable {
    /// Cost per valued event: eCPC on display, target CPA on search.
    public var costPerEvent: Double

    public init(costPerEvent: Double) { self.costPerEvent = costPerEvent }

    public func bid(for opportunity: Opportunity) -> Double { costPerEvent * opportunity.predictedRate }
}

/// Optimal real-time bidding, ORTB1 (Zhang, Yuan & Wang, KDD 2014): b = √(c/λ · θ + c²) − c.
///
/// Concave in θ: under a budget it bids relatively more on the many cheap, average impressions than
/// linear bidding does, because the win-rate curve w(b) = b/(c + b) saturates for high bids.
public struct ORTBBid: BidStrategy, Hashable {
    /// c: the market-price scale of the win function w(b) = b/(c + b).
    public var c: Double
    /// λ: the budget's Lagrange multiplier (larger = tighter budget = lower bids).
    public var lambda: Double

    public init(c: Double, lambda: Double) {
        self.c = c
        self.lambda = lambda
    }

    public func bid(for opportunity: Opportunity) -> Double {
        (c / lambda * opportunity.predictedRate + c * c).squareRoot() - c
    }
}

/// A bid per keyword, as a nightly bid run produces them: simulating the run's output as it would go live.
public struct KeywordBids: BidStrategy, Hashable {
    /// Bid per click by keyword index of the search market; keywords beyond the list get no bid.
    public var bids: [Double]

    public init(bids: [Double]) { self.bids = bids }

    public func bid(for opportunity: Opportunity) -> Double {
        bids.indices.contains(opportunity.keyword) ? bids[opportunity.keyword] : 0
    }
}
