public import GavelCore

/// Thresholds, targets and saved filters for the keyword categorizer, read from a filters file (`Rules/filters.yaml`,
/// documented in Docs/filters.md). Every default below is the shipped file's value.
public struct CategorizerSettings: Sendable {
    /// Where the settings came from, for the output's header and for error messages.
    public var fileName: String
    public var labels = LabelNaming()
    public var targets = CategorizerTargets()
    public var highVolume = HighVolumeSettings()
    public var inefficiency = InefficiencySettings()
    /// Quality scores at or below this are low; `nil` turns the sub-category off.
    public var lowQualityScoreAtMost: Int? = 4
    public var lowPosition = LowPositionSettings()
    /// At most ``maximumSavedFilters``, with distinct names.
    public var savedFilters: [SavedFilter] = []

    /// One bit per saved filter in ``KeywordLabels``.
    public static let maximumSavedFilters = 64

    public init(fileName: String) { self.fileName = fileName }

    /// The names saved filters can read: every bid-rule metric (``KeywordMetric``), then the four categories and
    /// four sub-categories as conditions. Sharing the bid rules' schema means a condition tried out as a saved
    /// filter means the same in a rule file.
    public static let schema = KeywordMetric.schema
        .adding(KeywordCategory.allCases.map(\.name), type: .boolean)
        .adding(KeywordSubCategory.allCases.map(\.name), type: .boolean)

    static let firstCategorySlot = KeywordMetric.allCases.count
    static let firstSubCategorySlot = firstCategorySlot + KeywordCategory.allCases.count
}

/// The targets efficiency is judged against. A target left out is the portfolio's own average over the window,
/// so "inefficient" then means "well above this account's usual CPA", which needs no configuration to be useful.
public struct CategorizerTargets: Hashable, Sendable {
    public var cpa: Micros?
    /// Revenue ÷ cost, 4.0 for 400 %.
    public var roas: Double?
    public var cpc: Micros?

    public init(cpa: Micros? = nil, roas: Double? = nil, cpc: Micros? = nil) {
        self.cpa = cpa
        self.roas = roas
        self.cpc = cpc
    }
}

/// When a keyword counts as high volume: among the head of its category, or above a fixed threshold.
public struct HighVolumeSettings: Hashable, Sendable {
    /// The fewest keywords that together bring this share of their category's volume — conversions for
    /// converting keywords, clicks for clicks without conversions, impressions for impressions without clicks —
    /// are high volume (ties with the last one included). `nil` turns the share rule off.
    public var topShare: Double? = 0.5
    /// Keywords with at least this many conversions / clicks / impressions are high volume whatever their share.
    public var minConversions: Double?
    public var minClicks: Int64?
    public var minImpressions: Int64?

    public init(
        topShare: Double? = 0.5, minConversions: Double? = nil, minClicks: Int64? = nil, minImpressions: Int64? = nil
    ) {
        self.topShare = topShare
        self.minConversions = minConversions
        self.minClicks = minClicks
        self.minImpressions = minImpressions
    }
}

/// Factors on the targets beyond which a keyword is inefficient; `nil` turns a check off.
public struct InefficiencySettings: Hashable, Sendable {
    /// Converting keywords whose CPA is above target CPA × this.
    public var cpaAbove: Double? = 1.5
    /// Keywords with clicks whose average CPC is above target CPC × this.
    public var cpcAbove: Double? = 1.5
    /// Converting keywords whose ROAS is below target ROAS × this (only where conversion value is tracked).
    public var roasBelow: Double? = 0.7

    public init(cpaAbove: Double? = 1.5, cpcAbove: Double? = 1.5, roasBelow: Double? = 0.7) {
        self.cpaAbove = cpaAbove
        self.cpcAbove = cpcAbove
        self.roasBelow = roasBelow
    }
}

/// A keyword with impressions has a low position when any measure its source reported is beyond its threshold;
/// `nil` turns a measure off.
public struct LowPositionSettings: Hashable, Sendable {
    public var topImpressionRateBelow: Double? = 0.3
    public var absoluteTopImpressionRateBelow: Double? = 0.05
    /// Average position (1 = first ad) above this, where a report still has the column.
    public var averagePositionAbove: Double? = 3

    public init(
        topImpressionRateBelow: Double? = 0.3, absoluteTopImpressionRateBelow: Double? = 0.05,
        averagePositionAbove: Double? = 3
    ) {
        self.topImpressionRateBelow = topImpressionRateBelow
        self.absoluteTopImpressionRateBelow = absoluteTopImpressionRateBelow
        self.averagePositionAbove = averagePositionAbove
    }
}

/// A named combination of categories, sub-categories and metrics with the action a specialist takes on it every
/// week, e.g. `wasted-spend: clicks_no_conversions and cost > 2 × target_cpa → pause or lower 30 %`.
public struct SavedFilter: Sendable {
    /// Used in labels (`Gavel: wasted-spend`) and output; letters, digits, `-` and `_`.
    public var name: String
    /// The condition as written, for output.
    public var conditionText: String
    /// Compiled against ``CategorizerSettings/schema``.
    public var condition: CompiledExpression
    /// What to do with the keywords, as the specialist wrote it.
    public var action: String
    /// Where the filter is declared, for messages.
    public var location: SourceLocation

    public init(
        name: String, conditionText: String, condition: CompiledExpression, action: String,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.conditionText = conditionText
        self.condition = condition
        self.action = action
        self.location = location
    }

    /// Parses and compiles `when` against the categorizer's schema; for settings built in code and for tests.
    /// - Throws: ``ExpressionError`` for syntax, unknown names or a condition that is not a condition.
    public init(name: String, when conditionText: String, action: String) throws(ExpressionError) {
        let condition = try Expression.parse(conditionText).compile(against: CategorizerSettings.schema)
        guard condition.resultType == .boolean else {
            throw ExpressionError(.typeMismatch("a saved filter needs a condition, not a number"), at: .start)
        }
        self.init(name: name, conditionText: conditionText, condition: condition, action: action)
    }
}
