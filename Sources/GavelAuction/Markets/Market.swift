public import GavelCore

/// A stream of auctions the simulated advertiser takes part in.
///
/// A market draws an auction (with hidden truth the bidder does not see: the real CTR, the rivals'
/// bids), shows the bidder an ``Opportunity``, then resolves the auction for the bidder's bid.
public protocol Market: Sendable {
    associatedtype Auction: Sendable

    /// Draws the next auction.
    func next(using random: inout SeededRandom) -> Auction
    /// What the bidder may see of it.
    func opportunity(of auction: Auction) -> Opportunity
    /// Runs the auction with the advertiser bidding `bid` (0 = no bid) and draws what follows a win.
    func resolve(_ auction: Auction, bid: Double, order: TieOrder, random: inout SeededRandom) -> AuctionResult
}

/// What one auction brought the advertiser.
public struct AuctionResult: Hashable, Sendable {
    public var won: Bool
    /// Amount charged, in currency units (per impression on display, per click on search: 0 without a click).
    public var cost: Double
    public var clicks: Int
    public var conversions: Int
    public var conversionValue: Double

    public init(won: Bool, cost: Double = 0, clicks: Int = 0, conversions: Int = 0, conversionValue: Double = 0) {
        self.won = won
        self.cost = cost
        self.clicks = clicks
        self.conversions = conversions
        self.conversionValue = conversionValue
    }

    public static let lost = AuctionResult(won: false)
}
