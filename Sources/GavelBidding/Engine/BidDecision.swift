public import GavelCore

/// What the run decided for one keyword, with the numbers and the reasons.
public struct BidDecision: Sendable {
    public enum Action: Hashable, Sendable {
        case raised, lowered, unchanged
        case skipped(SkipReason)
    }

    /// Why a keyword in scope was not bid at all.
    public enum SkipReason: Hashable, Sendable, CustomStringConvertible {
        /// The platform bids it (`Target CPA`, `Maximize conversions`, …); Gavel must not fight it.
        case automatedStrategy(String)
        /// It inherits the ad group's default bid; a keyword bid would change more than this keyword.
        case noKeywordBid
        /// Paused or removed.
        case inactive(String)

        public var description: String {
            switch self {
            case .automatedStrategy(let name): "run by the platform's '\(name)' strategy"
            case .noKeywordBid: "no keyword bid (it uses the ad group default)"
            case .inactive(let status): "status \(status)"
            }
        }
    }

    public var identity: KeywordIdentity
    public var oldBid: Micros?
    /// `nil` only when skipped.
    public var newBid: Micros?
    public var action: Action
    /// One line, e.g. `CVR 4.3 % (3/40 pooled with ad group 3.0 %) · × target CPA €25.00 = €1.07 · → €1.07`;
    /// empty for an unchanged keyword when the plan explained only changes (``BidEngine/Explanation/changes``).
    public var trace: String
    /// The conversion-rate estimate (pooled, lag- and season-corrected), when computed.
    public var estimatedCVR: Double?
    /// Names of the conditional rules whose condition held.
    public var matchedRules: [String]
    /// The drop in this keyword's ad group (or campaign) that shortened its window, if any.
    public var drop: ConversionDrop?
    /// Expected per-day figures at the old bid and at the new bid.
    public var baseline: DailyForecast?
    public var forecast: DailyForecast?

    /// `(new − old) ÷ old`, when both exist.
    public var relativeChange: Double? { Self.relativeChange(from: oldBid, to: newBid) }

    /// For loops over a million decisions that read the two bids in place: calling a computed property on
    /// `decisions[i]` copies the whole decision first.
    static func relativeChange(from oldBid: Micros?, to newBid: Micros?) -> Double? {
        guard let oldBid, let newBid, oldBid > .zero else { return nil }
        return Double(newBid.rawValue - oldBid.rawValue) / Double(oldBid.rawValue)
    }
}

/// Expected clicks, cost, conversions and conversion value for one day.
public struct DailyForecast: Hashable, Sendable {
    public var clicks: Double
    public var cost: Micros
    public var conversions: Double
    public var value: Micros

    public init(clicks: Double, cost: Micros, conversions: Double, value: Micros) {
        self.clicks = clicks
        self.cost = cost
        self.conversions = conversions
        self.value = value
    }

    public static let zero = DailyForecast(clicks: 0, cost: .zero, conversions: 0, value: .zero)

    public static func + (lhs: DailyForecast, rhs: DailyForecast) -> DailyForecast {
        DailyForecast(
            clicks: lhs.clicks + rhs.clicks, cost: lhs.cost + rhs.cost, conversions: lhs.conversions + rhs.conversions,
            value: lhs.value + rhs.value)
    }
}

/// A device or day-of-week bid modifier for one campaign.
public struct BidModifier: Hashable, Sendable {
    public enum Segment: Hashable, Sendable, CustomStringConvertible {
        case device(Device)
        /// ISO weekday, 1 = Monday.
        case weekday(Int)

        public var description: String {
            switch self {
            case .device(let device): device.rawValue
            case .weekday(let day): ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day - 1]
            }
        }
    }

    public var account: String
    public var campaign: String
    public var segment: Segment
    /// Multiplier on the keyword bid (1.2 = +20 %).
    public var factor: Double
    public var clicks: Double
    public var trace: String
}

/// The whole run: every decision, the totals, and whether the portfolio stop refused it.
public struct BidPlan: Sendable {
    public var ruleSetName: String
    public var asOf: CalendarDay
    /// In the order the keywords were given (keywords outside the rule set's scope are left out).
    public var decisions: [BidDecision]
    public var summary: BidSummary
    /// Why the run refuses to apply (too many large changes), or `nil`.
    public var portfolioStop: String?
    /// Whether the caller overrode the portfolio stop.
    public var forced: Bool
    public var conversionLag: ConversionLagCurve
    /// Prior strengths used for CVR pooling (clicks) at keyword, ad-group and campaign level.
    public var priorStrengths: (keyword: Double, adGroup: Double, campaign: Double)
    /// Drops found, one line each: `Acme › Leads DE › Car insurance: CVR 3.0 % → 1.4 % since 2026-11-12`.
    public var drops: [String]
    public var modifiers: [BidModifier]

    /// True when the portfolio stop fired and was not forced: write nothing.
    public var isRefused: Bool { portfolioStop != nil && !forced }

    /// Positions in ``decisions`` of the raised, lowered and skipped keywords, in order: what a run stores, exports
    /// and shows. A nightly run over a million keywords leaves most unchanged; reading only these spares a copy of
    /// every decision (`decisions[i].x` copies the whole decision, retaining its strings, before reading `x`).
    public var changedIndices: [Int] {
        decisions.withUnsafeBufferPointer { buffer in
            buffer.indices.filter { index in
                if case .unchanged = buffer[index].action { return false }
                return true
            }
        }
    }

    /// Keywords left alone because the platform bids them, for the run report.
    public var automatedKeywords: [KeywordIdentity] {
        changedIndices.compactMap { index in
            if case .skipped(.automatedStrategy) = decisions[index].action { return decisions[index].identity }
            return nil
        }
    }
}

public struct BidSummary: Hashable, Sendable {
    public var raised = 0
    public var lowered = 0
    public var unchanged = 0
    public var skipped = 0
    /// Keywords given to the engine that the rule set's scope does not cover.
    public var outOfScope = 0
    /// Per-day totals at the current bids and at the new bids.
    public var baseline = DailyForecast.zero
    public var forecast = DailyForecast.zero

    public init() {}
}
