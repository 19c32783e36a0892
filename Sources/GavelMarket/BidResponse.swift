public import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a keyword's traffic and price respond to its max CPC: the curve a bid landscape estimates.
///
/// With `x = bid ÷ parityBid` and `s = x^steepness`:
/// - impression share `= maximumImpressionShare · s / (1 + s)` — saturating: past the competitors,
///   more bid buys little more traffic;
/// - position `= 1 + positionSpread / (1 + s)` — from the bottom of the page towards 1;
/// - CTR `= ctrAtTop · position^(−clickThroughRateDecay)`;
/// - CPC paid `= bid · (1 − (1 − minimumPriceFraction) · s / (1 + s))` — second-price-like: the
///   paid price is the bid when just scraping in, and a shrinking fraction of it when far ahead.
///
/// Every factor rises with the bid (the price fraction falls, but not faster than the bid rises
/// for the steepness and fractions the market draws), so expected clicks and cost are monotone.
public struct BidResponse: Sendable, Hashable, Codable {
    /// The bid that wins half the maximum impression share: the competitor bid adjusted for quality score.
    public var parityBid: Micros
    /// How sharply share rises around the parity bid (Hill exponent).
    public var steepness: Double
    /// The share the keyword gets at any bid (budget, targeting and rank thresholds cap the rest).
    public var maximumImpressionShare: Double
    /// How far down the page the ad sits when it barely shows: position 1 + spread at a zero bid.
    public var positionSpread: Double
    /// How fast CTR falls with position.
    public var clickThroughRateDecay: Double
    /// CPC paid ÷ bid when the bid is far above the competition.
    public var minimumPriceFraction: Double

    public init(
        parityBid: Micros,
        steepness: Double,
        maximumImpressionShare: Double,
        positionSpread: Double,
        clickThroughRateDecay: Double,
        minimumPriceFraction: Double
    ) {
        self.parityBid = parityBid
        self.steepness = steepness
        self.maximumImpressionShare = maximumImpressionShare
        self.positionSpread = positionSpread
        self.clickThroughRateDecay = clickThroughRateDecay
        self.minimumPriceFraction = minimumPriceFraction
    }

    /// `s / (1 + s)`: the competitive strength of a bid, 0 (no chance) … 1 (far ahead).
    func strength(bid: Micros) -> Double {
        guard bid > .zero else { return 0 }
        let s = pow(Double(bid.rawValue) / Double(parityBid.rawValue), steepness)
        return s.isInfinite ? 1 : s / (1 + s)
    }

    /// Share of eligible searches the ad is shown on.
    public func impressionShare(bid: Micros) -> Double { maximumImpressionShare * strength(bid: bid) }

    /// Average position, 1 being the top.
    public func position(bid: Micros) -> Double { 1 + positionSpread * (1 - strength(bid: bid)) }

    /// The CTR multiplier of the position this bid reaches, relative to position 1.
    public func positionFactor(bid: Micros) -> Double {
        pow(position(bid: bid), -clickThroughRateDecay)
    }

    /// The CPC this bid pays on average, before device adjustments and daily noise; never above the bid.
    public func costPerClick(bid: Micros) -> Micros {
        min(bid, bid.scaled(by: 1 - (1 - minimumPriceFraction) * strength(bid: bid)))
    }
}

/// The simulated advertiser's bid over the history: unchanged on most days, moved by ±10–30 % on some.
///
/// Runs on its own stream, so the bid path (and the keyword's current bid) is known without
/// generating any performance rows.
struct BidWalk {
    private var random: SeededRandom
    private let model: BidChangeModel
    private(set) var bid: Micros

    init(seed: UInt64, initialBid: Micros, model: BidChangeModel) {
        self.random = SeededRandom(seed: seed)
        self.model = model
        self.bid = initialBid
    }

    /// Bids are set in whole cents within the model's bounds, as specialists and platforms do.
    static func rounded(_ bid: Micros, model: BidChangeModel) -> Micros {
        let cents = Micros((bid.rawValue + 5_000) / 10_000 * 10_000)
        return min(max(cents, model.minimumBid), model.maximumBid)
    }

    /// Moves to the next day; returns `true` when the bid changed.
    mutating func advance() -> Bool {
        guard random.nextUnit() < model.probabilityPerDay else { return false }
        let range = model.changeFraction
        let size = range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnit()
        let factor = random.nextUnit() < 0.5 ? 1 - size : 1 + size
        let next = BidWalk.rounded(bid.scaled(by: factor), model: model)
        defer { bid = next }
        return next != bid
    }
}
