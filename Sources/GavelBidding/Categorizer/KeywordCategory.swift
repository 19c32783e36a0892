public import GavelCore

/// The four performance categories of the brief's keyword filters; every keyword falls in exactly one.
///
/// They are checked in this order, so a keyword with conversions is `converting` even if a report attributes a
/// conversion to it on a day without clicks (cross-device or view-through attribution).
public enum KeywordCategory: Int, CaseIterable, Sendable, Hashable {
    /// Conversions above zero.
    case converting
    /// Clicks but no conversions: spend without a result, the first place to look for waste.
    case clicksNoConversions
    /// Impressions but no clicks: shown, but the ad or the position does not attract.
    case impressionsNoClicks
    /// Not a single impression in the window: candidates for removal.
    case noImpressions

    /// The category a keyword's totals put it in.
    public init(_ totals: PerformanceTotals) {
        if totals.conversions > 0 {
            self = .converting
        } else if totals.clicks > 0 {
            self = .clicksNoConversions
        } else if totals.impressions > 0 {
            self = .impressionsNoClicks
        } else {
            self = .noImpressions
        }
    }

    /// The name in expressions (`converting and high_volume`), in JSON and, hyphenated, in labels.
    public var name: String {
        switch self {
        case .converting: "converting"
        case .clicksNoConversions: "clicks_no_conversions"
        case .impressionsNoClicks: "impressions_no_clicks"
        case .noImpressions: "no_impressions"
        }
    }

    /// What a table row says.
    public var title: String {
        switch self {
        case .converting: "With conversions"
        case .clicksNoConversions: "Clicks, no conversions"
        case .impressionsNoClicks: "Impressions, no clicks"
        case .noImpressions: "No impressions (remove?)"
        }
    }
}

/// Sub-categories layered on top of the category; a keyword can carry several or none.
public enum KeywordSubCategory: Int, CaseIterable, Sendable, Hashable {
    /// Among the few keywords that bring the head of their category's conversions, clicks or impressions.
    case highVolume
    /// CPA or CPC above the target × factor, or ROAS below it.
    case inefficient
    /// Quality score at or below the threshold.
    case lowQualityScore
    /// Rarely shown at the top of the page (or a poor average position where a report has one).
    case lowPosition

    public var name: String {
        switch self {
        case .highVolume: "high_volume"
        case .inefficient: "inefficient"
        case .lowQualityScore: "low_quality_score"
        case .lowPosition: "low_position"
        }
    }

    public var title: String {
        switch self {
        case .highVolume: "High volume"
        case .inefficient: "Inefficient"
        case .lowQualityScore: "Low quality score"
        case .lowPosition: "Low position"
        }
    }

    /// The bit in ``KeywordLabels/subCategories``.
    var bit: UInt8 { 1 << UInt8(rawValue) }
}

/// Everything the categorizer decided about one keyword, in eight bytes plus a filter bit set.
public struct KeywordLabels: Hashable, Sendable {
    public var category: KeywordCategory
    /// One bit per ``KeywordSubCategory`` (bit `rawValue`).
    var subCategoryBits: UInt8
    /// One bit per saved filter, in the order of ``CategorizerSettings/savedFilters``.
    public var savedFilterBits: UInt64

    public init(category: KeywordCategory, subCategories: [KeywordSubCategory] = [], savedFilterBits: UInt64 = 0) {
        self.category = category
        self.subCategoryBits = subCategories.reduce(0) { $0 | $1.bit }
        self.savedFilterBits = savedFilterBits
    }

    public func has(_ subCategory: KeywordSubCategory) -> Bool { subCategoryBits & subCategory.bit != 0 }

    public var subCategories: [KeywordSubCategory] { KeywordSubCategory.allCases.filter(has) }

    public func matches(savedFilter index: Int) -> Bool { savedFilterBits & (1 << UInt64(index)) != 0 }

    mutating func insert(_ subCategory: KeywordSubCategory) { subCategoryBits |= subCategory.bit }
}

/// Turns the categorizer's names into Google Ads label names: `Gavel: converting`, `Gavel: wasted-spend`.
///
/// Labels use hyphens because that is how specialists name labels; expressions use underscores because `-` is
/// minus there. The prefix keeps Gavel's labels apart from the account's own and is set in the filters file.
public struct LabelNaming: Hashable, Sendable {
    public var prefix: String

    public init(prefix: String = "Gavel: ") { self.prefix = prefix }

    public func label(_ name: String) -> String {
        prefix + String(name.map { $0 == "_" ? "-" : $0 })
    }

    /// Every label of one keyword: its category, its sub-categories, then its saved filters, in settings order.
    public func labels(of keyword: KeywordLabels, savedFilters: [SavedFilter]) -> [String] {
        var result = [label(keyword.category.name)]
        for subCategory in keyword.subCategories { result.append(label(subCategory.name)) }
        for (index, filter) in savedFilters.enumerated() where keyword.matches(savedFilter: index) {
            result.append(label(filter.name))
        }
        return result
    }
}
