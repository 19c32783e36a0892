public import GavelCore

/// What a simulated campaign bought: the figures a specialist reads off a report.
public struct SimulationMetrics: Hashable, Sendable {
    public var auctions = 0
    /// Auctions entered with a positive bid.
    public var bids = 0
    /// Auctions won; every win is one impression.
    public var impressions = 0
    public var clicks = 0
    public var conversions = 0
    /// Spend, each charge rounded once to the micro.
    public var cost = Micros.zero
    public var conversionValue = Micros.zero

    public init() {}

    mutating func add(_ result: AuctionResult, charged: Micros) {
        impressions += result.won ? 1 : 0
        clicks += result.clicks
        conversions += result.conversions
        cost += charged
        conversionValue += Micros(rounding: result.conversionValue)
    }

    /// Wins ÷ bids entered (0 without bids).
    public var winRate: Double { bids == 0 ? 0 : Double(impressions) / Double(bids) }
    /// Cost per conversion; `nil` without conversions.
    public var costPerAcquisition: Micros? {
        conversions == 0 ? nil : Micros(rounding: cost.units / Double(conversions))
    }
    /// Conversion value ÷ cost; `nil` without cost.
    public var returnOnAdSpend: Double? { cost == .zero ? nil : conversionValue.units / cost.units }
    public var costPerClick: Micros? { clicks == 0 ? nil : Micros(rounding: cost.units / Double(clicks)) }
}
