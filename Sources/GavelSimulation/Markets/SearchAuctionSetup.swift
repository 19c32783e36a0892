public import GavelAuction
import GavelCore
import RealModule

/// The page and the competition every keyword of a simulated search market shares: slots, how CTR falls
/// with position, how many rivals bid and how their bids vary, and the pricing rule.
///
/// GavelAuction's search market has one quality per keyword that multiplies both the ad's rank and its
/// slot click rates, as a platform's quality score is mostly expected CTR. The setup therefore uses the
/// keyword's position-1 CTR as the advertiser's quality (slot 1 has click rate 1), and gives rivals the
/// quality that makes a bid of `competitorBid × (parity ÷ QS)^0.75` tie a median rival — the same parity
/// bid the market generator uses, so quality score 8 needs about 20 % less bid than quality score 6.
public struct SearchAuctionSetup: Hashable, Sendable {
    public var slots: Int
    /// CTR in position p = CTR at top × p^(−decay).
    public var clickDecay: Double
    /// Rivals per keyword, each bidding log-normally around the keyword's competitor bid, unless the keyword's truth
    /// has its own ``AuctionShape``.
    public var competitors: Int
    /// σ of a rival's log bid: how much its bid moves from query to query (unless the keyword has its own shape).
    public var competitorSpread: Double
    public var pricing: PositionPricing
    /// The minimum bid per click.
    public var reserve: Double

    /// The quality score at which the advertiser ranks level with its rivals.
    public static let parityQualityScore = 6.0
    /// How strongly quality score moves the parity bid (the generator's exponent).
    public static let qualityExponent = 0.75

    public init(
        slots: Int = 4,
        clickDecay: Double = 0.7,
        competitors: Int = 5,
        competitorSpread: Double = 0.45,
        pricing: PositionPricing = .generalizedSecondPrice(increment: 0.01),
        reserve: Double = 0.05
    ) {
        precondition(slots > 0 && competitors >= 0, "need a slot; rivals cannot be negative")
        self.slots = slots
        self.clickDecay = clickDecay
        self.competitors = competitors
        self.competitorSpread = competitorSpread
        self.pricing = pricing
        self.reserve = reserve
    }

    /// Click rates per slot relative to position 1.
    public var slotClickRates: [Double] { (1...slots).map { Double.pow(Double($0), -clickDecay) } }

    /// The keyword's own rival count and spread, or this setup's when it has none.
    public func shape(of truth: SearchKeywordTruth) -> AuctionShape {
        truth.auctionShape ?? AuctionShape(competitors: competitors, competitorSpread: competitorSpread)
    }

    /// The simulator's view of one keyword.
    /// - Parameter aggressiveness: multiplies every rival's bid (1 = the truth's competitor bid level).
    public func keyword(_ truth: SearchKeywordTruth, aggressiveness: Double = 1) -> SearchKeyword {
        let quality = truth.clickThroughRateAtTop
        let rivalQuality =
            quality
            * Double.pow(Self.parityQualityScore / Double(max(1, truth.qualityScore)), Self.qualityExponent)
        let median = max(truth.competitorBid.units * aggressiveness, 1e-6)
        let shape = shape(of: truth)
        let rival = SearchCompetitor(
            bid: .logNormal(mu: Double.log(median), sigma: shape.competitorSpread),
            quality: rivalQuality
        )
        return SearchKeyword(
            queryVolume: truth.queryVolume,
            quality: quality,
            conversionRate: truth.conversionRate,
            conversionValue: truth.valuePerConversion.units,
            competitors: Array(repeating: rival, count: shape.competitors)
        )
    }

    /// The market of `truths` under this setup.
    public func market(_ truths: [SearchKeywordTruth], aggressiveness: Double = 1) -> SearchMarket {
        SearchMarket(
            keywords: truths.map { keyword($0, aggressiveness: aggressiveness) },
            auction: PositionAuction(
                clickRates: slotClickRates,
                pricing: pricing,
                reserve: ReservePrice(perClick: reserve)
            )
        )
    }
}
