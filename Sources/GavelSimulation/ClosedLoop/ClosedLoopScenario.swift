import Foundation
import GavelBidding
import GavelCore

/// The closed-loop side of a search scenario: a `strategy:` block naming a rule file (and optionally a portfolio
/// objective) makes Gavel re-bid the simulated account every night instead of bidding by formula.
///
///     market: {generated: {keywords: 2000, seed: 7}}
///     strategy: {rules: ../Rules/demo-target-cpa.yaml}                    # the nightly rule-based job
///     strategy: {rules: ../Rules/demo-target-cpa.yaml, portfolio: {budget: 500}}   # the portfolio job
///
/// The rule file is read once, with its own `file:line:column` errors; per grid point `target_cpa` or
/// `target_roas` replace its goal (or the portfolio's target), `budget` the portfolio's daily budget, and
/// `rebid: false` holds the starting bids for a baseline. `warmup_bid_spread: 0.3` has the account's manager move
/// every keyword's bid during the warm-up (weekly, or every `warmup_bid_change_days`), so the first night's
/// landscapes see several bids per keyword. `bid_simulator: true` hands the portfolio a platform-style replay of
/// each keyword's last week; `bid_simulator_reach: 20` has it replay from 1/20 × to 20 × the bid (default ½ × to
/// 3 ×).
struct ClosedLoopScenario {
    static let strategyKeys = ["rules", "portfolio"]
    static let portfolioKeys = ["budget", "target_cpa", "target_roas"]
    /// Settings only a closed loop reads; each can be swept.
    static let settingNames = [
        "days", "warmup_days", "conversion_lag_days", "rebid", "force", "target_roas", "bid_simulator",
        "bid_simulator_reach", "warmup_bid_spread", "warmup_bid_change_days",
    ]
    /// Search settings a closed loop has no use for: searches come from the keywords' volumes, bids from the job.
    static let openLoopNames = ["queries", "fixed_bid", "pacing", "throttling_step", "dual_step"]

    static let defaultDays = 30
    /// Four weeks at the starting bids: enough history for the first night's conversion-rate estimates.
    static let defaultWarmupDays = 28

    let keywords: [SimulatedKeyword]
    let setup: SearchAuctionSetup
    let firstDay: CalendarDay
    /// The generator's reporting lag, used unless `conversion_lag_days` says otherwise.
    let defaultLag: Double
    let ruleSet: RuleSet
    let objective: PortfolioObjective?

    /// - Parameter market: the generated market and its keywords; `nil` when the scenario's market is not generated.
    init(
        strategy block: YAMLMapping,
        directory: String,
        market: (source: GeneratedSearchMarket, keywords: [SimulatedKeyword])?,
        setup: SearchAuctionSetup
    ) throws(ScenarioFileError) {
        guard let market else {
            throw block.error(
                "a closed loop needs 'market: {generated: …}': the nightly job bids by keyword names, account "
                    + "structure and current bids, which only the market generator gives")
        }
        let rules = try block.required("rules")
        let ruleSet = try Self.ruleSet(rules, directory: directory)
        guard market.keywords.contains(where: { ruleSet.applies(to: $0.identity, labels: []) }) else {
            throw rules.error(
                "rule set '\(ruleSet.name)' covers none of the \(market.keywords.count) generated keywords "
                    + "(their first account is '\(market.keywords[0].identity.account)'); check its 'scope'")
        }
        self.ruleSet = ruleSet
        objective = try block.mapping("portfolio", allowed: Self.portfolioKeys).map(Self.objective)
        keywords = market.keywords
        self.setup = setup
        firstDay = market.source.firstDay
        defaultLag = market.source.conversionLagMeanDays
    }

    /// Reads the rule file at `setting` (relative to the scenario's folder), as `gavel bid` would.
    private static func ruleSet(_ setting: Setting, directory: String) throws(ScenarioFileError) -> RuleSet {
        let path =
            setting.text.hasPrefix("/")
            ? setting.text
            : URL(fileURLWithPath: directory).resolvingSymlinksInPath().appendingPathComponent(setting.text)
                .standardized.path
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw setting.error(
                "cannot read the rule file \(setting.text) (looked for \(path); "
                    + "paths are relative to the scenario file)")
        }
        do { return try RuleSet.parse(yaml: text, fileName: path) } catch {
            throw ScenarioFileError(
                file: error.fileName,
                location: SourceLocation(line: error.location.line, column: error.location.column),
                reason: error.reason + " (the rules of \(setting.file):\(setting.location))"
            )
        }
    }

    private static func objective(_ block: YAMLMapping) throws(ScenarioFileError) -> PortfolioObjective {
        guard block.keys.count == 1, let key = block.keys.first, let setting = try block.setting(key) else {
            throw block.error("'portfolio' takes one objective: 'budget' (per day), 'target_cpa' or 'target_roas'")
        }
        return try objective(named: key, setting)
    }

    private static func objective(
        named key: String,
        _ setting: Setting
    ) throws(ScenarioFileError) -> PortfolioObjective {
        switch key {
        case "budget": .budget(try setting.money())
        case "target_cpa": .targetCPA(try setting.money())
        default: .targetROAS(try setting.positiveNumber())
        }
    }

    func job(_ settings: SettingTable, seed: UInt64) throws(ScenarioFileError) -> PointJob {
        if let swept = settings["strategy"] {
            throw swept.error(
                "a closed loop's strategy is its 'strategy' block and cannot be swept; "
                    + "sweep 'rebid: [false, true]' to compare with the starting bids held")
        }
        for key in Self.openLoopNames {
            if let setting = settings[key] {
                throw setting.error(
                    "'\(key)' does not apply to a closed loop: each day's searches come from the keywords' volumes "
                        + "and the bids from the nightly job")
            }
        }
        let rebid = try settings["rebid"]?.bool() ?? true
        return .closedLoop(
            ClosedLoopSimulation(
                keywords: keywords,
                setup: setup,
                aggressiveness: try settings["aggressiveness"]?.positiveNumber() ?? 1,
                bidder: rebid ? try bidder(settings) : .hold,
                force: try settings["force"]?.bool() ?? false,
                firstDay: firstDay,
                warmupDays: try settings["warmup_days"]?.integer(in: 0...3_650) ?? Self.defaultWarmupDays,
                days: try settings["days"]?.integer(in: 1...3_650) ?? Self.defaultDays,
                conversionLagMeanDays: try settings["conversion_lag_days"]?.number(in: 0...60) ?? defaultLag,
                bidSimulator: try Self.bidSimulator(settings),
                warmupBidChanges: try Self.warmupBidChanges(settings)
            )
        )
    }

    /// `bid_simulator` and its `bid_simulator_reach` (the replay's bids from 1/reach × to reach × the keyword's).
    /// A reach without any `bid_simulator` setting is an error; with `bid_simulator: false` (one side of a sweep
    /// `[false, true]`) it is unused.
    private static func bidSimulator(_ settings: SettingTable) throws(ScenarioFileError) -> BidSimulatorSetup? {
        let reach = try settings["bid_simulator_reach"]?.number(in: 1.05...1_000)
        guard let simulator = settings["bid_simulator"] else {
            if let reach = settings["bid_simulator_reach"] {
                throw reach.error("'bid_simulator_reach' needs 'bid_simulator: true': there is nothing to reach")
            }
            return nil
        }
        guard try simulator.bool() else { return nil }
        return reach.map { BidSimulatorSetup(reach: (1 / $0)...$0) } ?? BidSimulatorSetup()
    }

    /// `warmup_bid_spread` (σ of the log-normal move around each starting bid) and `warmup_bid_change_days`
    /// (how often, weekly by default); neither: the warm-up holds the starting bids.
    private static func warmupBidChanges(
        _ settings: SettingTable
    ) throws(ScenarioFileError) -> ClosedLoopSimulation.WarmupBidChanges? {
        let every = try settings["warmup_bid_change_days"]?.integer(in: 1...365)
        guard let spread = try settings["warmup_bid_spread"]?.number(in: 0...2) else {
            if let days = settings["warmup_bid_change_days"] {
                throw days.error("'warmup_bid_change_days' needs 'warmup_bid_spread': how far the bids move")
            }
            return nil
        }
        return .init(every: every ?? 7, spread: spread)
    }

    /// The rule set, or the portfolio, with this grid point's target or budget in place of the file's.
    private func bidder(_ settings: SettingTable) throws(ScenarioFileError) -> ClosedLoopBidder {
        let overrides = Self.portfolioKeys.compactMap { key in settings[key].map { (key: key, setting: $0) } }
        if overrides.count > 1 {
            throw overrides[1].setting.error(
                "'\(overrides[0].key)' and '\(overrides[1].key)' cannot both set the goal of one grid point")
        }
        guard let override = overrides.first else {
            return objective.map { .portfolio(self.ruleSet, $0) } ?? .rules(self.ruleSet)
        }
        let replacement = try Self.objective(named: override.key, override.setting)
        if let objective {
            guard replacement.sameKind(as: objective) else {
                throw override.setting.error(
                    "'\(override.key)' replaces the portfolio's objective, which is \(objective.kindName)")
            }
            return .portfolio(ruleSet, replacement)
        }
        var ruleSet = self.ruleSet
        switch (replacement, ruleSet.goal) {
        case (.targetCPA(let target), .targetCPA): ruleSet.goal = .targetCPA(target)
        case (.targetROAS(let target), .targetROAS): ruleSet.goal = .targetROAS(target)
        case (.budget, _):
            throw override.setting.error(
                "'budget' needs the portfolio job: strategy: {rules: …, portfolio: {budget: …}}")
        default:
            throw override.setting.error(
                "'\(override.key)' replaces the goal of rule set '\(ruleSet.name)', which is not \(override.key)")
        }
        return .rules(ruleSet)
    }
}

extension PortfolioObjective {
    fileprivate func sameKind(as other: PortfolioObjective) -> Bool { kindName == other.kindName }

    fileprivate var kindName: String {
        switch self {
        case .budget: "a budget"
        case .targetCPA: "a target CPA"
        case .targetROAS: "a target ROAS"
        }
    }
}

extension GeneratedSearchMarket {
    static let keys = ["keywords", "seed", "min_daily_searches", "max_daily_searches", "auction_shapes", "rival_bids"]

    /// Reads `market: {generated: {keywords: 2000, seed: 7, min_daily_searches: 0.2, max_daily_searches: 200,
    /// auction_shapes: varied, rival_bids: {target_cpa: 25, spread: 0.5}}}` with its keywords; `auction_shapes` is
    /// `uniform` (the default) or `varied`; without `rival_bids` the rivals bid as the generator drew them.
    static func read(_ block: YAMLMapping) throws(ScenarioFileError) -> (
        source: GeneratedSearchMarket, keywords: [SimulatedKeyword]
    ) {
        let source = GeneratedSearchMarket(
            // `gavel generate`'s default size, so `generated: {seed: 7}` is the market it writes with `--seed 7`.
            keywords: try block.setting("keywords")?.integer(in: 1...1_000_000) ?? 5_000,
            seed: UInt64(try block.setting("seed")?.integer(in: 0...Int.max) ?? 1),
            minimumDailySearches: try block.setting("min_daily_searches")?.number(in: 0.001...10_000),
            auctionShapes: try block.setting("auction_shapes")?.choice(AuctionShapes.allCases.map { ($0.rawValue, $0) })
                ?? .uniform,
            rivalBids: try readRivalBids(block),
            maximumDailySearches: try block.setting("max_daily_searches")?.number(in: 0.001...10_000_000)
        )
        do { return (source, try source.keywords()) } catch {
            throw block.error("cannot generate the market: \(error)")
        }
    }

    private static func readRivalBids(_ block: YAMLMapping) throws(ScenarioFileError) -> RivalBids {
        guard let rivals = try block.mapping("rival_bids", allowed: ["target_cpa", "spread"]) else { return .generated }
        let targetCPA = try rivals.required("target_cpa")
        let amount = try targetCPA.money()
        guard amount > .zero else { throw targetCPA.error("'target_cpa' must be more than 0, not '\(targetCPA.text)'") }
        return .valueTracking(
            targetCPA: amount,
            spread: try rivals.setting("spread")?.number(in: 0...3) ?? RivalBids.defaultSpread
        )
    }
}
