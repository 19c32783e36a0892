/// The minimum an auctioneer accepts, per click and/or on the ranking score (bid × quality).
///
/// Search platforms floor both ways: a per-click minimum (a "first page bid") and a minimum ad rank
/// that a low-quality ad must buy its way past. A bid is eligible only if it clears both.
public struct ReservePrice: Hashable, Sendable {
    /// Minimum bid per click (or per impression for single-slot auctions).
    public var perClick: Double
    /// Minimum bid × quality score.
    public var score: Double

    public init(perClick: Double = 0, score: Double = 0) {
        self.perClick = perClick
        self.score = score
    }

    public static let none = ReservePrice()

    /// A non-positive bid is a no-bid whatever the reserve.
    @inline(__always)
    public func admits(bid: Double, quality: Double) -> Bool {
        bid > 0 && bid >= perClick && bid * quality >= score
    }

    /// The reserve in score units for a bidder of this quality: the lowest score it may rank with.
    @inline(__always)
    public func floorScore(quality: Double) -> Double { max(score, perClick * quality) }
}
