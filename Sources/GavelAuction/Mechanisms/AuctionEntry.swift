/// One advertiser in a position auction: a bid per click and a quality score.
///
/// Quality multiplies both the ranking score (ad rank = bid × quality) and the expected clicks in a slot
/// (clicks = slot click rate × quality, the separable model of Varian 2007), which is what makes GSP
/// and VCG comparable on the same entries.
public struct AuctionEntry: Hashable, Sendable {
    public var bid: Double
    public var quality: Double

    public init(bid: Double, quality: Double = 1) {
        self.bid = bid
        self.quality = quality
    }

    @inline(__always)
    public var score: Double { bid * quality }
}

/// One filled slot: the bidder (index into the entry buffer), its rank score and its price per click.
public struct SlotAward: Hashable, Sendable {
    public var bidder: Int
    public var score: Double
    public var pricePerClick: Double

    public init(bidder: Int, score: Double, pricePerClick: Double) {
        self.bidder = bidder
        self.score = score
        self.pricePerClick = pricePerClick
    }
}
