public import GavelCore

/// What the ad platform's bid simulator says a keyword would have bought at other max CPCs over a recent period:
/// Google Ads' `ad_group_criterion_simulation` (type `CPC_BID`) and Microsoft Advertising's bid landscape.
///
/// The platform replays its own logged auctions at each bid, so the points carry the keyword's real position
/// effects and prices, which a curve fitted from the few bids the keyword actually ran can only extrapolate: in a
/// generalised second-price auction with several slots a raise moves the ad up the page and re-prices every click,
/// and that is exactly where a fitted curve is wrong (Docs/portfolio.md, "Fitted against true landscapes").
public struct BidSimulation: Hashable, Sendable {
    /// The estimate at one bid, as totals over ``days``.
    public struct Point: Hashable, Sendable {
        public var bid: Micros
        public var clicks: Double
        public var cost: Micros
        public var impressions: Double

        public init(bid: Micros, clicks: Double, cost: Micros, impressions: Double) {
            self.bid = bid
            self.clicks = clicks
            self.cost = cost
            self.impressions = impressions
        }
    }

    /// The days the platform replayed.
    public var days: DayRange
    /// By rising bid, one per bid.
    public var points: [Point]

    /// - Parameter points: In any order; sorted by bid here.
    public init(days: DayRange, points: [Point]) {
        self.days = days
        self.points = points.sorted { $0.bid < $1.bid }
    }

    /// Clicks and cost per day at each bid, the shape the optimiser takes; `nil` below two points, which say
    /// nothing about what a bid change buys.
    public var landscape: GridLandscape? {
        guard points.count >= 2 else { return nil }
        let perDay = 1 / Double(days.dayCount)
        return GridLandscape(
            points: points.map { ($0.bid.units, $0.clicks * perDay, $0.cost.units * perDay) })
    }
}
