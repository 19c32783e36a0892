/// What the ad platform's bid simulator says a keyword would have bought at other max CPCs over a recent period:
/// Google Ads' `ad_group_criterion_simulation` (type `CPC_BID`) and Microsoft Advertising's bid landscape.
///
/// The platform replays its own logged auctions at each bid, so the points carry the keyword's real position
/// effects and prices, which a curve fitted from the few bids the keyword actually ran can only extrapolate: in a
/// generalised second-price auction with several slots a raise moves the ad up the page and re-prices every click,
/// and that is exactly where a fitted curve is wrong (Docs/portfolio.md, "Fitted against true landscapes").
///
/// A Core value rather than a Bidding one because the report readers and the store, which know only Core, read and
/// keep it; the landscape the optimiser takes from it is ``GavelBidding``'s extension.
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
}
