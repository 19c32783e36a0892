public import GavelBidding
public import GavelCore
public import GavelReports
public import GavelStore

import struct Foundation.Data
import class Foundation.JSONEncoder

/// The nightly rule-based bid job: history from the store, a rule file, an explained plan, an
/// auditable run and upload files — the one library call behind `gavel bid`.
public struct BidJob {
    /// What a run produced, before or after it was recorded.
    public struct Outcome: Sendable {
        public var plan: BidPlan
        public var asOf: CalendarDay
        /// Keywords whose bid changes, with what the upload files need.
        public var uploads: [BidUpload]
        /// The run as it is (or would be) stored.
        public var run: NewBidRun
    }

    public let store: HistoryStore
    public let ruleSet: RuleSet
    public let ruleFile: String
    public let ruleHash: String

    /// - Parameters:
    ///   - ruleHash: a digest of the rule file's bytes, stored with the run so an audit can tell which
    ///     version of the rules produced it.
    public init(store: HistoryStore, ruleSet: RuleSet, ruleFile: String, ruleHash: String) {
        self.store = store
        self.ruleSet = ruleSet
        self.ruleFile = ruleFile
        self.ruleHash = ruleHash
    }

    /// Plans new bids from the history up to `asOf` (default: the last day in the store).
    /// - Parameters:
    ///   - explaining: Keyword-text patterns whose keywords get a reason trace even when their bid does not
    ///     change (changed and skipped keywords always have one).
    ///   - progress: called with the number of keywords loaded so far.
    /// - Throws: ``BidJobError/emptyHistory`` when there is nothing to bid on; store errors.
    public func plan(
        asOf requested: CalendarDay?, force: Bool, explaining patterns: [GlobPattern] = [],
        progress: (Int) -> Void = { _ in }
    ) throws -> Outcome {
        guard let asOf = try requested ?? store.lastDay() else { throw BidJobError.emptyHistory }
        let window = DayRange(first: asOf.advanced(by: 1 - ruleSet.historyDays), last: asOf)
        let stored = try StoredKeywords.read(from: store, window: window, progress: progress) { keyword, rows in
            KeywordHistory(stored: keyword, rows: rows, asOf: asOf)
        }
        let explaining: BidEngine.Explanation =
            patterns.isEmpty ? .changes : .changesAnd { identity in patterns.contains { $0.matches(identity.text) } }
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(stored.elements, force: force, explaining: explaining)
        let (changes, uploads) = stored.records(of: plan, ruleSet: ruleSet) { $0 }
        stored.releaseInBackground()
        let run = NewBidRun(
            asOf: asOf, ruleFile: ruleFile, ruleHash: ruleHash, ruleSet: ruleSet.name,
            strategy: ruleSet.goal.strategyName, forced: force, summary: try Self.summaryJSON(plan), changes: changes)
        return Outcome(plan: plan, asOf: asOf, uploads: uploads, run: run)
    }

    /// Stores the run (and with `apply`, makes its bids current) in one transaction.
    /// - Throws: ``BidJobError/refused(_:)`` when the portfolio stop fired and the run was not forced.
    public func record(_ outcome: Outcome, apply: Bool) throws -> BidRunRecord {
        if outcome.plan.isRefused, let reason = outcome.plan.portfolioStop { throw BidJobError.refused(reason) }
        return try store.record(outcome.run, apply: apply)
    }

    /// Days since the bid last differed from the current one, from the per-day bids the history kept.
    static func daysSinceBidChange(_ rows: [FactRow], current: Micros?, asOf: CalendarDay) -> Int? {
        guard let current else { return nil }
        guard let lastDifferent = rows.last(where: { $0.maxCPC != nil && $0.maxCPC != current }) else { return nil }
        return lastDifferent.period.last.distance(to: asOf)
    }

    static func summaryJSON(_ plan: BidPlan) throws -> String {
        struct Summary: Encodable {
            var raised, lowered, unchanged, skipped, outOfScope: Int
            var baselineCost, forecastCost: Int64
            var baselineConversions, forecastConversions: Double
            var portfolioStop: String?
            var drops: [String]
        }
        let summary = plan.summary
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(
            Summary(
                raised: summary.raised, lowered: summary.lowered, unchanged: summary.unchanged,
                skipped: summary.skipped, outOfScope: summary.outOfScope,
                baselineCost: summary.baseline.cost.rawValue, forecastCost: summary.forecast.cost.rawValue,
                baselineConversions: summary.baseline.conversions, forecastConversions: summary.forecast.conversions,
                portfolioStop: plan.portfolioStop, drops: plan.drops))
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a bid job did not produce a run.
public enum BidJobError: Error, CustomStringConvertible, Equatable {
    case emptyHistory
    case refused(String)

    public var description: String {
        switch self {
        case .emptyHistory: "the history is empty: import reports or generate a market first"
        case .refused(let reason): "run refused by the portfolio stop: \(reason). Review the plan, then use --force."
        }
    }
}

extension DailyPoint {
    /// A stored fact as a daily point; a multi-day period (a report without a Day column) lands on its last day.
    init(row: FactRow) {
        self.init(
            day: row.period.last, device: row.device, impressions: row.totals.impressions, clicks: row.totals.clicks,
            cost: row.totals.cost, conversions: row.totals.conversions, value: row.totals.conversionValue,
            topImpressionRate: row.shares.topImpressionRate,
            absoluteTopImpressionRate: row.shares.absoluteTopImpressionRate,
            searchImpressionShare: row.shares.searchImpressionShare)
    }
}

extension BidDecision.Action {
    /// The word stored in the run and shown in reviews.
    public var name: String {
        switch self {
        case .raised: "raised"
        case .lowered: "lowered"
        case .unchanged: "unchanged"
        case .skipped(let reason): "skipped: \(reason)"
        }
    }
}

extension Goal {
    /// The strategy a goal implies, as runs record it.
    public var strategyName: String {
        switch self {
        case .targetCPA: "target-cpa"
        case .targetROAS: "target-roas"
        case .maxCPC: "traffic-max-cpc"
        case .maxCPM: "branding-max-cpm"
        }
    }
}
