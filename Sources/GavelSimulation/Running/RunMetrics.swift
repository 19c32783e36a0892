public import GavelAuction
import GavelCore

/// What one run of one grid point bought, whether simulated or replayed, in the figures a sweep reports.
public struct RunMetrics: Hashable, Sendable {
    /// Auctions (queries, impressions offered, log lines) the run saw.
    public var auctions: Int
    /// Auctions entered with a positive bid.
    public var bids: Int
    public var impressions: Int
    public var clicks: Int
    /// `nil` when the source has no conversions (a click log).
    public var conversions: Int?
    /// In currency units, or the log's price units for a replay.
    public var cost: Double
    public var conversionValue: Double?

    public init(
        auctions: Int,
        bids: Int,
        impressions: Int,
        clicks: Int,
        conversions: Int?,
        cost: Double,
        conversionValue: Double?
    ) {
        self.auctions = auctions
        self.bids = bids
        self.impressions = impressions
        self.clicks = clicks
        self.conversions = conversions
        self.cost = cost
        self.conversionValue = conversionValue
    }

    public init(_ metrics: SimulationMetrics) {
        self.init(
            auctions: metrics.auctions,
            bids: metrics.bids,
            impressions: metrics.impressions,
            clicks: metrics.clicks,
            conversions: metrics.conversions,
            cost: metrics.cost.units,
            conversionValue: metrics.conversionValue.units
        )
    }

    public init(_ metrics: ReplayMetrics) {
        self.init(
            auctions: metrics.auctions,
            bids: metrics.bids,
            impressions: metrics.impressions,
            clicks: metrics.clicks,
            conversions: nil,
            cost: Double(metrics.cost),
            conversionValue: nil
        )
    }

    /// The run's value of `metric`; `nil` where it is undefined (CPA without conversions, ROAS without cost).
    public func value(of metric: SweepMetric) -> Double? {
        switch metric {
        case .impressions: Double(impressions)
        case .clicks: Double(clicks)
        case .conversions: conversions.map(Double.init)
        case .cost: cost
        case .costPerAcquisition: conversions.flatMap { $0 > 0 ? cost / Double($0) : nil }
        case .returnOnAdSpend: conversionValue.flatMap { cost > 0 ? $0 / cost : nil }
        case .impressionShare: auctions > 0 ? Double(impressions) / Double(auctions) : nil
        case .winRate: bids > 0 ? Double(impressions) / Double(bids) : nil
        }
    }
}

/// The figures a sweep reports per grid point, in CSV column order.
public enum SweepMetric: String, CaseIterable, Hashable, Sendable {
    case impressions
    case clicks
    case conversions
    case cost
    case costPerAcquisition = "cpa"
    case returnOnAdSpend = "roas"
    /// Impressions ÷ auctions: the share of the traffic the advertiser was shown on.
    case impressionShare = "impression_share"
    /// Impressions ÷ auctions bid on.
    case winRate = "win_rate"

    /// The CSV column and the name a scenario's `chart:` block uses.
    public var column: String { rawValue }

    /// How a chart axis names it.
    public var title: String {
        switch self {
        case .impressions: "Impressions"
        case .clicks: "Clicks"
        case .conversions: "Conversions"
        case .cost: "Cost"
        case .costPerAcquisition: "CPA"
        case .returnOnAdSpend: "ROAS"
        case .impressionShare: "Impression share"
        case .winRate: "Win rate"
        }
    }
}

/// The mean of a metric over repetitions and its confidence interval.
public struct MetricInterval: Hashable, Sendable {
    /// `nil` when no run defined the metric.
    public var mean: Double?
    /// `nil` when the interval is unknown (one run of a random process).
    public var lower: Double?
    public var upper: Double?

    public init(mean: Double?, lower: Double?, upper: Double?) {
        self.mean = mean
        self.lower = lower
        self.upper = upper
    }

    /// Student-t interval over the runs that define the value. A single run has no interval unless the
    /// process is deterministic (a replay without random pacing), where the interval is the value itself.
    init(_ values: [Double], confidence: Double, deterministic: Bool) {
        switch values.count {
        case 0:
            self.init(mean: nil, lower: nil, upper: nil)
        case 1:
            self.init(mean: values[0], lower: deterministic ? values[0] : nil, upper: deterministic ? values[0] : nil)
        default:
            let estimate = Estimate(values, confidence: confidence)
            self.init(mean: estimate.mean, lower: estimate.lower, upper: estimate.upper)
        }
    }
}
