public import GavelCore

/// How many keywords a category, sub-category or saved filter holds, and what they did together.
public struct GroupTotals: Hashable, Sendable {
    public var keywords = 0
    public var totals = PerformanceTotals()

    public init(keywords: Int = 0, totals: PerformanceTotals = PerformanceTotals()) {
        self.keywords = keywords
        self.totals = totals
    }

    mutating func add(_ performance: PerformanceTotals) {
        keywords += 1
        totals += performance
    }

    /// This group's cost ÷ `whole`'s cost; `nil` when nothing was spent.
    public func shareOfSpend(of whole: GroupTotals) -> Double? {
        whole.totals.cost > .zero ? totals.cost.units / whole.totals.cost.units : nil
    }
}

/// The targets a run judged efficiency by, and whether each came from the filters file or the portfolio.
public struct EffectiveTargets: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable {
        case filtersFile = "filters_file"
        case portfolioAverage = "portfolio_average"
    }

    public struct Target<Value: Hashable & Sendable>: Hashable, Sendable {
        public var value: Value
        public var source: Source

        public init(value: Value, source: Source) {
            self.value = value
            self.source = source
        }
    }

    /// `nil` when neither the file nor the data gives one (no conversions, no clicks, no revenue).
    public var cpa: Target<Micros>?
    public var roas: Target<Double>?
    public var cpc: Target<Micros>?

    /// The file's targets where given, else the averages of `portfolio`. A portfolio without conversion value
    /// (lead generation) has no ROAS target, so ROAS is not judged.
    public init(configured: CategorizerTargets, portfolio: PerformanceTotals) {
        cpa = configured.cpa.map { Target(value: $0, source: .filtersFile) }
            ?? portfolio.cpa.map { Target(value: $0, source: .portfolioAverage) }
        roas = configured.roas.map { Target(value: $0, source: .filtersFile) }
            ?? (portfolio.conversionValue > .zero ? portfolio.roas : nil).map {
                Target(value: $0, source: .portfolioAverage)
            }
        cpc = configured.cpc.map { Target(value: $0, source: .filtersFile) }
            ?? portfolio.averageCPC.map { Target(value: $0, source: .portfolioAverage) }
    }
}

/// What the categorizer decided for a whole set of keywords.
public struct Categorization: Sendable {
    /// Parallel to the input performances.
    public var labels: [KeywordLabels]
    /// Everything, for shares.
    public var total = GroupTotals()
    /// Indexed by ``KeywordCategory/rawValue``; the keyword counts add up to ``total``'s.
    public var categories = [GroupTotals](repeating: GroupTotals(), count: KeywordCategory.allCases.count)
    /// Indexed by ``KeywordSubCategory/rawValue``; they overlap.
    public var subCategories = [GroupTotals](repeating: GroupTotals(), count: KeywordSubCategory.allCases.count)
    /// Parallel to ``CategorizerSettings/savedFilters``; they overlap.
    public var savedFilters: [GroupTotals]
    public var targets: EffectiveTargets
    /// Per category, the volume at or above which the `top_share` rule made a keyword high volume
    /// (conversions, clicks or impressions); `nil` where the rule is off or the category has no volume.
    public var highVolumeCutoffs: [Double?]

    public func category(_ category: KeywordCategory) -> GroupTotals { categories[category.rawValue] }
    public func subCategory(_ subCategory: KeywordSubCategory) -> GroupTotals { subCategories[subCategory.rawValue] }
}
