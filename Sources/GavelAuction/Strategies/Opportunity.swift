/// What a bidder knows about one auction before it bids.
///
/// The same strategies price display impressions and search clicks, so the rate and value are
/// stated per *unit bought*: on display the unit is an impression and θ is its predicted CTR; on
/// search the unit is a click and θ is its predicted conversion rate. Mcpc then reads as the
/// specialist's rule "bid = target CPA × CVR" (€25 × 5 % = €1.25) as well as eCPC × pCTR.
public struct Opportunity: Hashable, Sendable {
    /// θ: predicted rate of the valued event per unit bought.
    public var predictedRate: Double
    /// Expected value of the unit bought, in currency units.
    public var value: Double
    /// The keyword's index in a search market (0 on display).
    public var keyword: Int

    public init(predictedRate: Double, value: Double, keyword: Int = 0) {
        self.predictedRate = predictedRate
        self.value = value
        self.keyword = keyword
    }
}

/// Turns an opportunity into a bid (currency units per unit bought; 0 means no bid).
///
/// Strategies are pure and stateless; budgets are the ``Pacer``'s job and first-price shading the
/// ``BidShader``'s, so each can be swapped without touching the others.
public protocol BidStrategy: Sendable {
    func bid(for opportunity: Opportunity) -> Double
}
