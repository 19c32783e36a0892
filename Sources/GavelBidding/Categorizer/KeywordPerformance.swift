public import GavelCore

/// One keyword's figures over the window — or one keyword × device segment's — as the categorizer reads them.
///
/// Shares are impression-weighted means over the rows that reported them, because a day with 1,000 impressions at
/// 20 % top rate says more than a day with 3 impressions at 100 %. Kept compact (no optionals in storage) since a
/// run holds one per keyword for a million keywords.
public struct KeywordPerformance: Hashable, Sendable {
    public var totals: PerformanceTotals
    private var storedTopImpressionRate: Double
    private var storedAbsoluteTopImpressionRate: Double
    private var storedSearchImpressionShare: Double
    private var storedAveragePosition: Double
    /// The keyword's current max CPC, where known.
    public var maxCPC: Micros?
    private var storedQualityScore: Int8

    public init(
        totals: PerformanceTotals, topImpressionRate: Double? = nil, absoluteTopImpressionRate: Double? = nil,
        searchImpressionShare: Double? = nil, averagePosition: Double? = nil, qualityScore: Int? = nil,
        maxCPC: Micros? = nil
    ) {
        self.totals = totals
        storedTopImpressionRate = topImpressionRate ?? .nan
        storedAbsoluteTopImpressionRate = absoluteTopImpressionRate ?? .nan
        storedSearchImpressionShare = searchImpressionShare ?? .nan
        storedAveragePosition = averagePosition ?? .nan
        storedQualityScore = qualityScore.map { Int8(clamping: $0) } ?? 0
        self.maxCPC = maxCPC
    }

    /// `Impr. (Top) %` as a fraction.
    public var topImpressionRate: Double? { storedTopImpressionRate.isNaN ? nil : storedTopImpressionRate }
    /// `Impr. (Abs. Top) %` as a fraction.
    public var absoluteTopImpressionRate: Double? {
        storedAbsoluteTopImpressionRate.isNaN ? nil : storedAbsoluteTopImpressionRate
    }
    /// `Search impr. share` as a fraction.
    public var searchImpressionShare: Double? {
        storedSearchImpressionShare.isNaN ? nil : storedSearchImpressionShare
    }
    /// Average position (1 is the top) where a report still carries it; Google Ads retired the column in 2019.
    public var averagePosition: Double? { storedAveragePosition.isNaN ? nil : storedAveragePosition }
    /// 1–10 as the platforms report it.
    public var qualityScore: Int? { storedQualityScore > 0 ? Int(storedQualityScore) : nil }

    /// The expression language's view: NaN means "not reported".
    var topImpressionRateOrNaN: Double { storedTopImpressionRate }
    var absoluteTopImpressionRateOrNaN: Double { storedAbsoluteTopImpressionRate }
    var searchImpressionShareOrNaN: Double { storedSearchImpressionShare }
    var averagePositionOrNaN: Double { storedAveragePosition }
}

/// Sums rows of one keyword (or segment) into a ``KeywordPerformance``.
public struct PerformanceAccumulator: Sendable {
    public private(set) var totals = PerformanceTotals()
    private var topImpressionRate = WeightedMean()
    private var absoluteTopImpressionRate = WeightedMean()
    private var searchImpressionShare = WeightedMean()
    private var averagePosition = WeightedMean()
    /// Rows added, for telling keywords with rows apart from keywords without.
    public private(set) var rows = 0

    public init() {}

    /// Adds one row; shares and the average position are weighted by the row's impressions.
    public mutating func add(
        _ rowTotals: PerformanceTotals, shares: ShareMetrics, averagePosition position: Double? = nil
    ) {
        totals += rowTotals
        rows += 1
        let weight = Double(rowTotals.impressions)
        topImpressionRate.add(shares.topImpressionRate, weight: weight)
        absoluteTopImpressionRate.add(shares.absoluteTopImpressionRate, weight: weight)
        searchImpressionShare.add(shares.searchImpressionShare, weight: weight)
        averagePosition.add(position, weight: weight)
    }

    /// The performance with the keyword's current state (quality score, max CPC) attached.
    public func performance(attributes: KeywordAttributes) -> KeywordPerformance {
        func optional(_ mean: WeightedMean) -> Double? { mean.mean.isNaN ? nil : mean.mean }
        return KeywordPerformance(
            totals: totals, topImpressionRate: optional(topImpressionRate),
            absoluteTopImpressionRate: optional(absoluteTopImpressionRate),
            searchImpressionShare: optional(searchImpressionShare),
            averagePosition: optional(averagePosition), qualityScore: attributes.qualityScore,
            maxCPC: attributes.maxCPC)
    }
}
