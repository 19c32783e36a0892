public import GavelBidding
public import GavelCore
import GavelReports
public import GavelStore

import struct Foundation.Data
import class Foundation.JSONDecoder
import class Foundation.JSONEncoder

/// The portfolio bid job: the same history, rule file, run storage and upload files as ``BidJob``, but every
/// keyword's bid comes from one optimisation of the whole portfolio under a budget or an overall target.
public struct PortfolioJob {
    /// A run as ``BidJob`` shapes it (so reports, storage and exports are shared), plus what the portfolio settled at.
    public struct Outcome: Sendable {
        public var bid: BidJob.Outcome
        public var portfolio: PortfolioPlan
    }

    public let store: HistoryStore
    public let ruleSet: RuleSet
    public let ruleFile: String
    public let ruleHash: String
    public let objective: PortfolioObjective
    public let estimator: LandscapeEstimator
    /// Bid keywords with an imported bid simulation on its points instead of their fitted landscapes. Off by
    /// default: in the closed loop the portfolio did worse on replayed landscapes than on fitted ones
    /// (Docs/portfolio.md, "Landscapes from the platform's bid simulator").
    public let usesBidSimulations: Bool

    public init(
        store: HistoryStore, ruleSet: RuleSet, ruleFile: String, ruleHash: String,
        objective: PortfolioObjective,
        estimator: LandscapeEstimator = LandscapeEstimator(),
        usesBidSimulations: Bool = false
    ) {
        self.store = store
        self.ruleSet = ruleSet
        self.ruleFile = ruleFile
        self.ruleHash = ruleHash
        self.objective = objective
        self.estimator = estimator
        self.usesBidSimulations = usesBidSimulations
    }

    /// Plans the portfolio's bids from the history up to `asOf` (default: the last day in the store).
    /// - Throws: ``BidJobError/emptyHistory`` when there is nothing to bid on; store errors.
    public func plan(
        asOf requested: CalendarDay?, force: Bool, progress: (Int) -> Void = { _ in }
    )
        throws -> Outcome
    {
        guard let asOf = try requested ?? store.lastDay() else { throw BidJobError.emptyHistory }
        let window = DayRange(first: asOf.advanced(by: 1 - ruleSet.historyDays), last: asOf)
        // The planner decides whether each is recent enough to bid on (``PortfolioPlanner/simulationMaxAgeDays``).
        let simulations = usesBidSimulations ? try store.bidSimulations(endingOnOrBefore: asOf) : [:]
        let stored = try StoredKeywords.read(from: store, window: window, progress: progress) { keyword, rows in
            var bids: [DailyBid] = []
            for row in rows {
                // Rows come by day; only changes matter (the bid holds until the next one).
                guard let bid = row.maxCPC, bids.last?.bid != bid else { continue }
                bids.append(DailyBid(day: row.period.last, bid: bid))
            }
            return PortfolioKeyword(
                history: KeywordHistory(stored: keyword, rows: rows, asOf: asOf), bids: bids,
                simulation: simulations[keyword.id])
        }
        let planner = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: objective, estimator: estimator)
        let portfolio = planner.plan(
            stored.elements, force: force, recentPlans: try recentPlans(for: planner.brake, asOf: asOf))
        let (changes, uploads) = stored.records(of: portfolio.plan, ruleSet: ruleSet) { $0.history }
        stored.releaseInBackground()
        let run = NewBidRun(
            asOf: asOf, ruleFile: ruleFile, ruleHash: ruleHash, ruleSet: ruleSet.name,
            strategy: objective.strategyName, forced: force, summary: try Self.summaryJSON(portfolio),
            changes: changes)
        return Outcome(
            bid: BidJob.Outcome(plan: portfolio.plan, asOf: asOf, uploads: uploads, run: run),
            portfolio: portfolio)
    }

    /// Stores the run (and with `apply`, makes its bids current) in one transaction.
    /// - Throws: ``BidJobError/refused(_:)`` when the portfolio stop fired and the run was not forced.
    public func record(_ outcome: Outcome, apply: Bool) throws -> BidRunRecord {
        try BidJob(store: store, ruleSet: ruleSet, ruleFile: ruleFile, ruleHash: ruleHash)
            .record(outcome.bid, apply: apply)
    }

    /// What the applied budget runs of this rule set forecast for the days their bids ran (the day after each run's
    /// as-of), over the brake's window up to `asOf`; the latest run of a day counts.
    func recentPlans(for brake: SpendBrake, asOf: CalendarDay) throws -> [SpendBrake.PlannedDay] {
        guard case .budget = objective, let window = brake.window(endingOn: asOf) else { return [] }
        struct Forecast: Decodable { var forecastCost: Int64 }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var planned: [CalendarDay: Micros] = [:]
        for run in try store.bidRuns()
        where run.applied && run.ruleSet == ruleSet.name && run.strategy == objective.strategyName
            && window.contains(run.asOf.advanced(by: 1))
        {
            guard let forecast = try? decoder.decode(Forecast.self, from: Data(run.summary.utf8)) else { continue }
            planned[run.asOf.advanced(by: 1)] = Micros(forecast.forecastCost)
        }
        return planned.map { SpendBrake.PlannedDay(day: $0.key, cost: $0.value) }.sorted { $0.day < $1.day }
    }

    static func summaryJSON(_ portfolio: PortfolioPlan) throws -> String {
        struct Summary: Encodable {
            var objective: String
            var objectiveAmount: Double
            var status: String
            var marginalCpaMicros: Int64?
            var marginalRoas: Double?
            var optimised, fixed: Int
            /// Keywords bid on the platform's bid simulation rather than a fitted landscape, and how far their
            /// simulations reach (``PortfolioPlan/simulationReach``).
            var simulated: Int
            var simulationReachLow, simulationReachHigh: Double?
            var raised, lowered, unchanged, skipped, outOfScope: Int
            var baselineCost, forecastCost: Int64
            var baselineConversions, forecastConversions: Double
            var portfolioStop: String?
            /// Reported ÷ forecast clicks and cost per click over the calibration window (``ForecastCalibration``).
            var calibrationClicks, calibrationCostPerClick: Double?
            /// Set when the last days spent more than their plans (``SpendBrake``): reported ÷ planned, and the
            /// budget planned for instead.
            var brakeOverspend: Double?
            var brakePlannedBudgetMicros: Int64?
        }
        let summary = portfolio.plan.summary
        let amount: Double
        switch portfolio.objective {
        case .budget(let budget): amount = budget.units
        case .targetCPA(let target): amount = target.units
        case .targetROAS(let target): amount = target
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(
            Summary(
                objective: portfolio.objective.strategyName, objectiveAmount: amount,
                status: "\(portfolio.status)", marginalCpaMicros: portfolio.marginalCPA?.rawValue,
                marginalRoas: portfolio.marginalROAS, optimised: portfolio.optimised,
                fixed: portfolio.fixed, simulated: portfolio.simulated,
                simulationReachLow: portfolio.simulationReach?.lowerBound,
                simulationReachHigh: portfolio.simulationReach?.upperBound,
                raised: summary.raised, lowered: summary.lowered, unchanged: summary.unchanged,
                skipped: summary.skipped, outOfScope: summary.outOfScope,
                baselineCost: summary.baseline.cost.rawValue, forecastCost: summary.forecast.cost.rawValue,
                baselineConversions: summary.baseline.conversions,
                forecastConversions: summary.forecast.conversions,
                portfolioStop: portfolio.plan.portfolioStop,
                calibrationClicks: portfolio.calibration?.clicks,
                calibrationCostPerClick: portfolio.calibration?.costPerClick,
                brakeOverspend: portfolio.braking?.overspend,
                brakePlannedBudgetMicros: portfolio.braking?.plannedBudget.rawValue))
        return String(decoding: data, as: UTF8.self)
    }
}

extension PortfolioObjective {
    /// The strategy name a run records: `portfolio-budget`, `portfolio-target-cpa`, `portfolio-target-roas`.
    public var strategyName: String {
        switch self {
        case .budget: "portfolio-budget"
        case .targetCPA: "portfolio-target-cpa"
        case .targetROAS: "portfolio-target-roas"
        }
    }
}
