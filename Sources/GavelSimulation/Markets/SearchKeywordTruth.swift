public import GavelCore

/// What is true about one keyword, in the terms a market generator's ground truth states it.
///
/// This is the seam between a generated market (or any other source of truth) and the auction simulator:
/// fill it from the generator's keyword truth and ``SearchAuctionSetup`` turns it into the simulator's
/// ``SearchKeyword`` with rivals, so a sweep runs on the very market the bid engine was scored against.
public struct SearchKeywordTruth: Hashable, Sendable {
    /// Searches per day (only the ratios between keywords matter: queries are drawn in proportion).
    public var queryVolume: Double
    /// Probability that an ad in position 1 is clicked.
    public var clickThroughRateAtTop: Double
    /// True probability that a click converts.
    public var conversionRate: Double
    public var valuePerConversion: Micros
    /// The median per-click bid of each rival on this keyword.
    public var competitorBid: Micros
    /// The advertiser's quality score, 1–10; 6 ranks level with the rivals.
    public var qualityScore: Int
    /// This keyword's own rival count and spread; `nil` for the setup's, which every keyword then shares.
    public var auctionShape: AuctionShape?

    public init(
        queryVolume: Double,
        clickThroughRateAtTop: Double,
        conversionRate: Double,
        valuePerConversion: Micros,
        competitorBid: Micros,
        qualityScore: Int,
        auctionShape: AuctionShape? = nil
    ) {
        self.queryVolume = queryVolume
        self.clickThroughRateAtTop = clickThroughRateAtTop
        self.conversionRate = conversionRate
        self.valuePerConversion = valuePerConversion
        self.competitorBid = competitorBid
        self.qualityScore = qualityScore
        self.auctionShape = auctionShape
    }
}

/// How crowded and how volatile one keyword's auction is: its number of rivals and the σ of their log bids.
///
/// Real keywords differ in both, and that is what could let a portfolio beat a uniform bid rule: where every keyword
/// has the same shape, target × CVR is already close to the equal-marginal-CPA bid (Docs/portfolio.md).
public struct AuctionShape: Hashable, Sendable {
    public var competitors: Int
    /// σ of a rival's log bid.
    public var competitorSpread: Double

    public init(competitors: Int, competitorSpread: Double) {
        precondition(competitors >= 0 && competitorSpread >= 0, "rivals and spread cannot be negative")
        self.competitors = competitors
        self.competitorSpread = competitorSpread
    }

    /// The shapes a `varied` market draws from, each equally likely: few, some or many rivals (2, 5, 8) bidding
    /// steadily, moderately or erratically (σ 0.2, 0.45, 0.8). The middle one is the setup's default shape.
    public static let varied: [AuctionShape] = [2, 5, 8].flatMap { competitors in
        [0.2, 0.45, 0.8].map { AuctionShape(competitors: competitors, competitorSpread: $0) }
    }
}
