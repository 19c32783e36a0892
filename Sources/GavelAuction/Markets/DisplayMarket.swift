public import GavelCore
import RealModule

/// A display / RTB impression stream: each impression has a true CTR, a predicted CTR, and a market
/// price (the highest competing bid), drawn from seeded distributions.
///
/// Bids are per impression in currency units (a CPM of €2 is a bid of 0.002). Conversions follow
/// clicks at a fixed rate with a drawn order value, so CPA and ROAS are measurable.
public struct DisplayMarket: Market, Hashable {
    /// True click probability of each impression.
    public var clickThroughRate: Distribution
    /// σ of the multiplicative log-normal error of the predicted CTR (0 = the bidder knows the CTR).
    public var predictionNoise: Double
    public var conversionRate: Double
    /// Value of one conversion, in currency units.
    public var conversionValue: Distribution
    /// The highest competing bid per impression.
    public var marketPrice: Distribution
    /// First or second price, and the exchange floor.
    public var auction: SingleSlotAuction

    public init(
        clickThroughRate: Distribution,
        predictionNoise: Double = 0,
        conversionRate: Double,
        conversionValue: Distribution,
        marketPrice: Distribution,
        auction: SingleSlotAuction
    ) {
        self.clickThroughRate = clickThroughRate
        self.predictionNoise = predictionNoise
        self.conversionRate = conversionRate
        self.conversionValue = conversionValue
        self.marketPrice = marketPrice
        self.auction = auction
    }

    public struct Impression: Hashable, Sendable {
        public var clickThroughRate: Double
        public var predictedClickThroughRate: Double
        public var marketPrice: Double
    }

    public func next(using random: inout SeededRandom) -> Impression {
        let ctr = min(1, max(0, clickThroughRate.sample(using: &random)))
        let noise =
            predictionNoise > 0
            ? Double.exp(predictionNoise * Distribution.standardNormal(using: &random)) : 1
        return Impression(
            clickThroughRate: ctr,
            predictedClickThroughRate: min(1, ctr * noise),
            marketPrice: marketPrice.sample(using: &random)
        )
    }

    /// Value of an impression = predicted CTR × CVR × mean conversion value.
    public func opportunity(of impression: Impression) -> Opportunity {
        let theta = impression.predictedClickThroughRate
        return Opportunity(predictedRate: theta, value: theta * conversionRate * conversionValue.mean)
    }

    public func resolve(
        _ impression: Impression,
        bid: Double,
        order: TieOrder,
        random: inout SeededRandom
    )
        -> AuctionResult
    {
        let outcome = withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { bids in
            bids[0] = bid
            bids[1] = impression.marketPrice
            return auction.run(UnsafeBufferPointer(bids), order: order)
        }
        guard outcome.winner == 0 else { return .lost }
        guard random.nextUnit() < impression.clickThroughRate else {
            return AuctionResult(won: true, cost: outcome.price)
        }
        guard random.nextUnit() < conversionRate else {
            return AuctionResult(won: true, cost: outcome.price, clicks: 1)
        }
        return AuctionResult(
            won: true,
            cost: outcome.price,
            clicks: 1,
            conversions: 1,
            conversionValue: conversionValue.sample(using: &random)
        )
    }
}
