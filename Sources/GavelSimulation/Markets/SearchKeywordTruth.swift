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

    public init(
        queryVolume: Double,
        clickThroughRateAtTop: Double,
        conversionRate: Double,
        valuePerConversion: Micros,
        competitorBid: Micros,
        qualityScore: Int
    ) {
        self.queryVolume = queryVolume
        self.clickThroughRateAtTop = clickThroughRateAtTop
        self.conversionRate = conversionRate
        self.valuePerConversion = valuePerConversion
        self.competitorBid = competitorBid
        self.qualityScore = qualityScore
    }
}
