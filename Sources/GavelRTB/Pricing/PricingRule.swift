public import GavelCore

/// How a campaign values an impression, in the account currency.
///
/// The three strategies are the RTB forms of GavelCore's ``Goal``: a fixed CPM for branding
/// (`maxCPM`), a target cost per click for traffic (`maxCPC`) and a target cost per acquisition
/// for leads (`targetCPA`). Turning a per-click or per-action price into a CPM needs the
/// predicted click-through rate (and conversion rate), which ``Pricer`` supplies.
public enum BidStrategy: Hashable, Sendable {
    /// Bid this CPM whatever the predictions.
    case fixedCPM(Micros)
    /// Bid `targetCPC × pCTR × 1000`: the CPM at which clicks cost the target on average.
    case targetCPC(Micros)
    /// Bid `targetCPA × pCTR × pCVR × 1000`.
    case targetCPA(Micros)
}

public struct PricingRule: Hashable, Sendable {
    public var strategy: BidStrategy
    /// The highest CPM the campaign ever bids, whatever the predictions say.
    public var maxBid: Micros
    /// ISO-4217 currency of `strategy`'s amounts and `maxBid`.
    public var currency: String
    /// Post-click conversion rate for `targetCPA` when no conversion model is given.
    public var conversionRate: Double

    public init(strategy: BidStrategy, maxBid: Micros, currency: String = "USD", conversionRate: Double = 0) {
        self.strategy = strategy
        self.maxBid = maxBid
        self.currency = currency.uppercased()
        self.conversionRate = conversionRate
    }

    /// The most this rule can bid, in `currency`: what lets a bidder skip pricing campaigns
    /// that cannot beat a quote it already has.
    public var ceiling: Micros {
        if case .fixedCPM(let cpm) = strategy { return min(cpm, maxBid) }
        return maxBid
    }
}
