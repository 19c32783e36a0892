public import GavelCore
import RealModule

/// A seeded long-tail keyword set for scenario files that do not reference a generated database.
///
/// Volumes follow Zipf's law (the k-th keyword gets volume ∝ k^(−s)), as search demand does; CTR, CVR,
/// value per conversion and competitor bid are log-normal around the given medians, and quality scores are
/// drawn like the market generator's (normal around 6.5, 1–10). Each keyword draws from its own stream, so
/// keyword k is the same whatever the keyword count.
public struct SyntheticSearchMarket: Hashable, Sendable {
    public var keywords: Int
    public var seed: UInt64
    /// s in volume ∝ rank^(−s).
    public var volumeZipf: Double
    /// Searches per day of the most searched keyword.
    public var topVolume: Double
    public var clickThroughRateAtTop: Double
    public var conversionRate: Double
    public var valuePerConversion: Micros
    public var competitorBid: Micros
    /// σ of the log-normal spread of CTR, CVR, value and competitor bid around their medians.
    public var spread: Double

    public init(
        keywords: Int = 200,
        seed: UInt64 = 1,
        volumeZipf: Double = 1,
        topVolume: Double = 5_000,
        clickThroughRateAtTop: Double = 0.08,
        conversionRate: Double = 0.03,
        valuePerConversion: Micros = Micros(units: 60),
        competitorBid: Micros = Micros(800_000),
        spread: Double = 0.5
    ) {
        precondition(keywords > 0, "need at least one keyword")
        self.keywords = keywords
        self.seed = seed
        self.volumeZipf = volumeZipf
        self.topVolume = topVolume
        self.clickThroughRateAtTop = clickThroughRateAtTop
        self.conversionRate = conversionRate
        self.valuePerConversion = valuePerConversion
        self.competitorBid = competitorBid
        self.spread = spread
    }

    /// The keywords' truth, most searched first.
    public func truths() -> [SearchKeywordTruth] {
        (0..<keywords).map { index in
            var random = SeededRandom(seed: seed, stream: UInt64(index))
            func around(_ median: Double) -> Double { median * Double.exp(spread * random.nextNormal()) }
            let ctr = min(0.9, around(clickThroughRateAtTop))
            let cvr = min(0.9, around(conversionRate))
            let value = Micros(rounding: around(valuePerConversion.units))
            let rivals = Micros(rounding: max(0.01, around(competitorBid.units)))
            let quality = min(10, max(1, Int((6.5 + 1.8 * random.nextNormal()).rounded(.down))))
            return SearchKeywordTruth(
                queryVolume: topVolume * Double.pow(Double(index + 1), -volumeZipf),
                clickThroughRateAtTop: ctr,
                conversionRate: cvr,
                valuePerConversion: value,
                competitorBid: rivals,
                qualityScore: quality
            )
        }
    }
}

extension SeededRandom {
    /// A standard normal draw (Box–Muller, one per call so stream positions do not depend on caching).
    mutating func nextNormal() -> Double {
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }
}
