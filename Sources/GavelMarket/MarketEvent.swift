public import GavelCore

/// Something that happened during the history and changed the ground truth from a date on.
public enum MarketEvent: Sendable, Hashable, Codable {
    case landingPageChange(LandingPageChange)

    func validate(structure: MarketStructure, keywords: Int) throws(MarketSpecError) {
        switch self {
        case .landingPageChange(let change): try change.validate(structure: structure, keywords: keywords)
        }
    }

    /// The change to a keyword's conversion rate this event makes, if it reaches the keyword.
    func conversionRateChange(for placement: KeywordPlacement) -> ConversionRateChange? {
        switch self {
        case .landingPageChange(let change):
            change.scope.contains(placement)
                ? ConversionRateChange(from: change.from, factor: change.conversionRateFactor) : nil
        }
    }
}

/// A new landing page that converts at `conversionRateFactor` times the old rate, for clicks from `from` on.
public struct LandingPageChange: Sendable, Hashable, Codable {
    public var scope: MarketScope
    public var from: CalendarDay
    public var conversionRateFactor: Double

    public init(scope: MarketScope, from: CalendarDay, conversionRateFactor: Double) {
        self.scope = scope
        self.from = from
        self.conversionRateFactor = conversionRateFactor
    }

    func validate(structure: MarketStructure, keywords: Int) throws(MarketSpecError) {
        guard conversionRateFactor >= 0, conversionRateFactor.isFinite else {
            throw MarketSpecError(field: "events.landingPageChange.conversionRateFactor", reason: "must be ≥ 0")
        }
        guard scope.exists(structure: structure, keywords: keywords) else {
            throw MarketSpecError(field: "events.landingPageChange.scope", reason: "\(scope) is not in the market")
        }
    }
}

/// Which keywords an event reaches, by global index (ad group `i` is the `i`-th ad group of the market).
public enum MarketScope: Sendable, Hashable, Codable {
    case all
    case account(Int)
    case campaign(Int)
    case adGroup(Int)

    func contains(_ placement: KeywordPlacement) -> Bool {
        switch self {
        case .all: true
        case .account(let index): placement.account == index
        case .campaign(let index): placement.campaign == index
        case .adGroup(let index): placement.adGroup == index
        }
    }

    func exists(structure: MarketStructure, keywords: Int) -> Bool {
        let last = structure.placement(ofKeyword: keywords - 1)
        switch self {
        case .all: return true
        case .account(let index): return (0...last.account).contains(index)
        case .campaign(let index): return (0...last.campaign).contains(index)
        case .adGroup(let index): return (0...last.adGroup).contains(index)
        }
    }
}

/// A step in a keyword's true conversion rate: clicks on or after `from` convert `factor` times as often.
public struct ConversionRateChange: Sendable, Hashable, Codable {
    public var from: CalendarDay
    public var factor: Double

    public init(from: CalendarDay, factor: Double) {
        self.from = from
        self.factor = factor
    }
}
