public import GavelCore

/// A bid rule file: which keywords, toward which goal, from how much history, within which limits, and the
/// specialist's own conditional rules. Parsed and checked whole before any keyword is looked at.
public struct RuleSet: Sendable {
    public var name: String
    public var fileName: String
    public var scope: RuleScope
    /// The goal also names the strategy: target CPA, target ROAS, max CPC (traffic) or max CPM (branding).
    public var goal: Goal
    /// Printed before amounts in traces (`€1.25`); amounts themselves are plain currency units.
    public var currencySymbol: String
    public var lookback: LookbackWindows
    public var limits: BidLimits
    public var portfolioStop: PortfolioStop?
    public var estimation: EstimationSettings
    public var seasonality: [SeasonalAdjustment]
    public var exclusions: [DataExclusion]
    public var modifiers: ModifierSettings
    public var headroom: HeadroomRule?
    public var forecast: ForecastSettings
    /// In file order; see Docs/rules.md for how matches combine.
    public var rules: [ConditionalRule]

    public init(
        name: String, fileName: String = "<memory>", scope: RuleScope = RuleScope(), goal: Goal,
        currencySymbol: String = "€", lookback: LookbackWindows = LookbackWindows(), limits: BidLimits = BidLimits(),
        portfolioStop: PortfolioStop? = nil, estimation: EstimationSettings = EstimationSettings(),
        seasonality: [SeasonalAdjustment] = [], exclusions: [DataExclusion] = [],
        modifiers: ModifierSettings = ModifierSettings(), headroom: HeadroomRule? = nil,
        forecast: ForecastSettings = ForecastSettings(), rules: [ConditionalRule] = []
    ) {
        self.name = name
        self.fileName = fileName
        self.scope = scope
        self.goal = goal
        self.currencySymbol = currencySymbol
        self.lookback = lookback
        self.limits = limits
        self.portfolioStop = portfolioStop
        self.estimation = estimation
        self.seasonality = seasonality
        self.exclusions = exclusions
        self.modifiers = modifiers
        self.headroom = headroom
        self.forecast = forecast
        self.rules = rules
    }

    /// Whether the rule set bids this keyword.
    public func applies(to identity: borrowing KeywordIdentity, labels: [String]) -> Bool {
        scope.applies(to: identity, labels: labels)
    }

    /// How many days of history, ending on the run's as-of day, the caller must load.
    public var historyDays: Int { max(lookback.conversionRateDays, lookback.metricsDays) }
}

/// How far back each estimate looks.
public struct LookbackWindows: Hashable, Sendable {
    /// Conversion rate, value per conversion, lag and drop detection: long, because conversions are rare.
    public var conversionRateDays: Int
    /// Rule metrics, average CPC, shares and the forecast baseline: short, because auctions move.
    public var metricsDays: Int

    public init(conversionRateDays: Int = 90, metricsDays: Int = 30) {
        self.conversionRateDays = conversionRateDays
        self.metricsDays = metricsDays
    }
}

/// Hard and per-run limits on what a bid may become.
public struct BidLimits: Hashable, Sendable {
    public var minBid: Micros
    public var maxBid: Micros
    /// Largest raise per run as a fraction of the current bid (0.2 = +20 %).
    public var maxRaise: Double
    /// Largest cut per run as a fraction of the current bid (0.2 = −20 %).
    public var maxLower: Double
    /// Below this many clicks in the conversion-rate window the strategy is not trusted and the bid is held.
    public var minClicks: Int64
    /// Below this many impressions in the conversion-rate window the bid is held.
    public var minImpressions: Int64
    /// Bids are rounded to multiples of this (platforms take cents).
    public var bidStep: Micros

    public init(
        minBid: Micros = Micros(10_000), maxBid: Micros = Micros(units: 10), maxRaise: Double = 0.2,
        maxLower: Double = 0.2, minClicks: Int64 = 20, minImpressions: Int64 = 0, bidStep: Micros = Micros(10_000)
    ) {
        self.minBid = minBid
        self.maxBid = maxBid
        self.maxRaise = maxRaise
        self.maxLower = maxLower
        self.minClicks = minClicks
        self.minImpressions = minImpressions
        self.bidStep = bidStep
    }
}

/// Refuses a run in which too many keywords would move too far at once (a broken import or a typo in a target).
public struct PortfolioStop: Hashable, Sendable {
    /// The run stops when more than this fraction of decided keywords …
    public var maxShareOfKeywords: Double
    /// … would change their bid by more than this fraction.
    public var changeAbove: Double

    public init(maxShareOfKeywords: Double, changeAbove: Double) {
        self.maxShareOfKeywords = maxShareOfKeywords
        self.changeAbove = changeAbove
    }

    /// Why the run is refused when more than ``maxShareOfKeywords`` of the decided (not skipped) keywords would
    /// change by more than ``changeAbove``, or `nil` when they would not. The rule engine and the portfolio
    /// planner both stop on this.
    /// - Parameter suspect: what the specialist should check first ("the targets", "the objective").
    func refusal(for decisions: [BidDecision], suspect: String, format: TraceFormat) -> String? {
        var decided = 0
        var bigChanges = 0
        // Through the buffer: `decisions[index].x` would copy each decision (retaining and releasing its strings).
        decisions.withUnsafeBufferPointer { decisions in
            for index in decisions.indices {
                if case .skipped = decisions[index].action { continue }
                decided += 1
                let change = BidDecision.relativeChange(from: decisions[index].oldBid, to: decisions[index].newBid)
                if let change, abs(change) > changeAbove { bigChanges += 1 }
            }
        }
        let share = Double(bigChanges) / Double(max(decided, 1))
        guard decided > 0, share > maxShareOfKeywords else { return nil }
        return
            "\(bigChanges) of \(decided) keywords (\(format.percent(share, decimals: 0)))"
            + " would change by more than \(format.percent(changeAbove, decimals: 0)); the limit is "
            + "\(format.percent(maxShareOfKeywords, decimals: 0)). Check \(suspect) and the imported data, "
            + "or run with force."
    }
}

public struct EstimationSettings: Hashable, Sendable {
    public var pooling: PoolingSettings
    public var conversionLag: ConversionLagSettings
    public var dropDetection: DropDetectionSettings?

    public init(
        pooling: PoolingSettings = PoolingSettings(), conversionLag: ConversionLagSettings = ConversionLagSettings(),
        dropDetection: DropDetectionSettings? = DropDetectionSettings()
    ) {
        self.pooling = pooling
        self.conversionLag = conversionLag
        self.dropDetection = dropDetection
    }
}

/// How strongly sparse keywords borrow from their ad group, campaign and account.
public struct PoolingSettings: Hashable, Sendable {
    /// A fixed prior strength in clicks, or `nil` to estimate it from the data (method of moments).
    public var priorStrength: Double?
    /// Bounds for the estimated strength: never trust a group less than `min` clicks' worth or more than `max`.
    public var minPriorStrength: Double
    public var maxPriorStrength: Double

    public init(priorStrength: Double? = nil, minPriorStrength: Double = 10, maxPriorStrength: Double = 5_000) {
        self.priorStrength = priorStrength
        self.minPriorStrength = minPriorStrength
        self.maxPriorStrength = maxPriorStrength
    }
}

/// How late conversions arrive after their click.
public struct ConversionLagSettings: Hashable, Sendable {
    /// Fit the lag from the data when it has enough conversions; otherwise, or when `false`, use ``meanDays``.
    public var estimate: Bool
    /// Mean delay in days of the geometric lag used when the data cannot tell (0 = no lag).
    public var meanDays: Double
    /// Click days at least this old are taken as fully reported.
    public var matureAfterDays: Int

    public init(estimate: Bool = true, meanDays: Double = 1, matureAfterDays: Int = 30) {
        self.estimate = estimate
        self.meanDays = meanDays
        self.matureAfterDays = matureAfterDays
    }
}

/// CUSUM detection of a fall in the conversion rate (a broken landing page, a tracking change).
public struct DropDetectionSettings: Hashable, Sendable {
    public enum Level: String, Hashable, Sendable, CaseIterable {
        case adGroup = "ad_group"
        case campaign
    }

    /// Where landing pages usually change, and so where daily conversions are summed and watched.
    public var level: Level
    /// The relative fall the detector is tuned to (0.5 = the rate halves).
    public var drop: Double
    /// The CUSUM decision interval in log-likelihood units: higher is slower but has fewer false alarms.
    public var threshold: Double
    /// Days of history needed before the baseline rate is trusted.
    public var burnInDays: Int

    public init(level: Level = .adGroup, drop: Double = 0.5, threshold: Double = 5, burnInDays: Int = 14) {
        self.level = level
        self.drop = drop
        self.threshold = threshold
        self.burnInDays = burnInDays
    }
}

/// A date window with an expected change in conversion rate (a sale, a holiday).
public struct SeasonalAdjustment: Hashable, Sendable {
    public var name: String
    public var days: DayRange
    /// Relative change: 0.3 = +30 %.
    public var cvrChange: Double

    public init(name: String, days: DayRange, cvrChange: Double) {
        self.name = name
        self.days = days
        self.cvrChange = cvrChange
    }
}

/// Days whose data must not count (a tracking outage, a bot attack).
public struct DataExclusion: Hashable, Sendable {
    public var name: String
    public var days: DayRange

    public init(name: String, days: DayRange) {
        self.name = name
        self.days = days
    }
}

/// Device and day-of-week bid modifiers, computed per campaign.
public struct ModifierSettings: Hashable, Sendable {
    public var devices: Bool
    public var weekdays: Bool
    /// Clicks' worth of "no difference" each segment is shrunk toward.
    public var shrinkClicks: Double
    public var minFactor: Double
    public var maxFactor: Double

    public init(
        devices: Bool = false, weekdays: Bool = false, shrinkClicks: Double = 200, minFactor: Double = 0.5,
        maxFactor: Double = 1.5
    ) {
        self.devices = devices
        self.weekdays = weekdays
        self.shrinkClicks = shrinkClicks
        self.minFactor = minFactor
        self.maxFactor = maxFactor
    }
}

/// Lowers bids that buy nothing more: the keyword already shows on top and pays far less than it bids.
public struct HeadroomRule: Hashable, Sendable {
    /// Fires when the average CPC paid is at most this fraction of the current bid …
    public var cpcBelow: Double
    /// … and the top-of-page impression rate is at least this.
    public var topImpressionRateAbove: Double
    /// Then the bid is capped at `current bid × (1 − lowerBy)`, never below the average CPC paid.
    public var lowerBy: Double

    public init(cpcBelow: Double = 0.6, topImpressionRateAbove: Double = 0.8, lowerBy: Double = 0.1) {
        self.cpcBelow = cpcBelow
        self.topImpressionRateAbove = topImpressionRateAbove
        self.lowerBy = lowerBy
    }
}

/// The rough bid response used for the run's forecast (a bid landscape replaces it when one is fitted).
public struct ForecastSettings: Hashable, Sendable {
    /// Clicks scale with `(new bid ÷ old bid) ^ clickElasticity`; so does the average CPC, never above the bid.
    public var clickElasticity: Double

    public init(clickElasticity: Double = 0.5) { self.clickElasticity = clickElasticity }
}

/// "When this holds, do that": one of the specialist's rules.
public struct ConditionalRule: Sendable {
    public enum Action: Sendable {
        /// Replace the strategy's bid with this amount (an expression in currency units, e.g. `avg_cpc * 1.1`).
        case set(CompiledExpression)
        /// Change the current bid by this fraction (`-20%`).
        case adjust(CompiledExpression)
        /// Never bid above this amount.
        case cap(CompiledExpression)
        /// Never bid below this amount.
        case floor(CompiledExpression)
        /// Keep the current bid, whatever the strategy says.
        case hold
    }

    public var name: String
    public var conditionText: String
    public var condition: CompiledExpression
    public var action: Action
    /// Where the rule starts in its file, for traces that point back at it.
    public var location: SourceLocation

    public init(
        name: String, conditionText: String, condition: CompiledExpression, action: Action,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.conditionText = conditionText
        self.condition = condition
        self.action = action
        self.location = location
    }
}
