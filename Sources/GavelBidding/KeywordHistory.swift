public import GavelCore

/// What one keyword did on one day (on one device, when the report was segmented by device).
///
/// Kept small (64 bytes) because a nightly run holds up to a million keywords × 90 days: shares are stored as
/// `Float` with NaN for "not reported" and read back as optionals. Days without impressions may be left out.
public struct DailyPoint: Hashable, Sendable {
    public var day: CalendarDay
    public var device: Device
    public var impressions: Int64
    public var clicks: Int64
    public var cost: Micros
    /// Fractional, as data-driven attribution reports it.
    public var conversions: Double
    public var value: Micros
    private var storedTopImpressionRate: Float
    private var storedAbsoluteTopImpressionRate: Float
    private var storedSearchImpressionShare: Float

    public init(
        day: CalendarDay, device: Device = .all, impressions: Int64, clicks: Int64, cost: Micros,
        conversions: Double = 0, value: Micros = .zero, topImpressionRate: Double? = nil,
        absoluteTopImpressionRate: Double? = nil, searchImpressionShare: Double? = nil
    ) {
        self.day = day
        self.device = device
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.conversions = conversions
        self.value = value
        self.storedTopImpressionRate = Float(topImpressionRate ?? .nan)
        self.storedAbsoluteTopImpressionRate = Float(absoluteTopImpressionRate ?? .nan)
        self.storedSearchImpressionShare = Float(searchImpressionShare ?? .nan)
    }

    /// Builds a point from an imported fact (one day's row).
    public init(fact: PerformanceFact) {
        self.init(
            day: fact.period.last, device: fact.device, impressions: fact.impressions, clicks: fact.clicks,
            cost: fact.cost, conversions: fact.conversions, value: fact.conversionValue,
            topImpressionRate: fact.shares.topImpressionRate,
            absoluteTopImpressionRate: fact.shares.absoluteTopImpressionRate,
            searchImpressionShare: fact.shares.searchImpressionShare)
    }

    /// `Impr. (Top) %` as a fraction.
    public var topImpressionRate: Double? { storedTopImpressionRate.isNaN ? nil : Double(storedTopImpressionRate) }
    /// `Impr. (Abs. Top) %` as a fraction.
    public var absoluteTopImpressionRate: Double? {
        storedAbsoluteTopImpressionRate.isNaN ? nil : Double(storedAbsoluteTopImpressionRate)
    }
    /// `Search impr. share` as a fraction.
    public var searchImpressionShare: Double? {
        storedSearchImpressionShare.isNaN ? nil : Double(storedSearchImpressionShare)
    }
}

/// Everything the bid engine needs about one keyword: who it is, its current state and its recent days.
public struct KeywordHistory: Sendable {
    public var identity: KeywordIdentity
    public var attributes: KeywordAttributes
    /// Labels the specialist attached (scope `labels:` matches on these).
    public var labels: [String]
    /// Daily rows, any order; at most the rule set's ``RuleSet/historyDays`` are read.
    public var daily: [DailyPoint]
    /// Days since the bid last changed, if the store knows.
    public var daysSinceBidChange: Int?

    public init(
        identity: KeywordIdentity, attributes: KeywordAttributes, labels: [String] = [], daily: [DailyPoint],
        daysSinceBidChange: Int? = nil
    ) {
        self.identity = identity
        self.attributes = attributes
        self.labels = labels
        self.daily = daily
        self.daysSinceBidChange = daysSinceBidChange
    }
}
