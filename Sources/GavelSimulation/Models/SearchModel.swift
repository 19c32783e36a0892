import GavelAuction
import GavelCore
import Yams

/// `kind: search` — a keyword market with GSP/VCG position auctions, bid per click.
///
/// The market is `synthetic:` (a seeded Zipf long tail), an explicit `keywords:` list of ``SearchKeywordTruth``
/// fields, or `generated:` (the market generator's ground truth); `aggressiveness` scales the rivals' bids per grid
/// point. A `strategy:` block naming a rule file makes it a closed loop (``ClosedLoopScenario``).
struct SearchModel: SweepModel {
    static let settingNames =
        ["queries", "strategy", "target_cpa", "fixed_bid", "budget", "aggressiveness"] + pacingNames
        + ClosedLoopScenario.settingNames
    static let fixedNames = ["market"]
    static let blockSettingNames = ["strategy"]
    static let defaultRepetitions = 10
    static let defaultChartMetric = SweepMetric.conversions

    static let marketKeys = [
        "synthetic", "keywords", "generated", "slots", "click_decay", "competitors", "competitor_spread", "pricing",
        "reserve",
    ]
    static let syntheticKeys = [
        "keywords", "seed", "volume_zipf", "top_volume", "ctr_at_top", "conversion_rate", "value_per_conversion",
        "competitor_bid", "spread",
    ]
    static let keywordKeys = [
        "volume", "ctr_at_top", "conversion_rate", "value_per_conversion", "competitor_bid", "quality_score",
    ]

    /// How a search scenario bids.
    enum Strategy: String, CaseIterable {
        /// bid = target CPA × the keyword's conversion rate (Mcpc on search).
        case targetCPA = "target_cpa"
        /// bid = conversion rate × value per conversion: the break-even, truthful bid.
        case value
        /// The same bid per click everywhere.
        case fixed
    }

    let truths: [SearchKeywordTruth]
    let setup: SearchAuctionSetup
    /// Set when the strategy is a block: Gavel's own bid job re-bids the market every simulated night.
    let closedLoop: ClosedLoopScenario?

    static let marketSources = ["synthetic", "keywords", "generated"]

    init(root: YAMLMapping, directory: String) throws(ScenarioFileError) {
        guard let market = try root.mapping("market", allowed: Self.marketKeys) else {
            throw root.error("a search scenario needs a 'market' block with 'synthetic', 'keywords' or 'generated'")
        }
        let pricings: [(name: String, value: PositionPricing)] = [
            ("gsp", .generalizedSecondPrice(increment: 0.01)), ("vcg", .vcg),
        ]
        let defaults = SearchAuctionSetup()
        setup = SearchAuctionSetup(
            slots: try market.setting("slots")?.integer(in: 1...20) ?? defaults.slots,
            clickDecay: try market.setting("click_decay")?.number(in: 0...5) ?? defaults.clickDecay,
            competitors: try market.setting("competitors")?.integer(in: 0...100) ?? defaults.competitors,
            competitorSpread: try market.setting("competitor_spread")?.number(in: 0...3) ?? defaults.competitorSpread,
            pricing: try market.setting("pricing")?.choice(pricings) ?? defaults.pricing,
            reserve: try market.setting("reserve")?.money().units ?? defaults.reserve
        )
        let sources = Self.marketSources.filter { market.node($0) != nil }
        guard sources.count == 1 else {
            throw market.error(
                sources.isEmpty
                    ? "'market' needs 'synthetic' (a seeded long tail), a 'keywords' list or 'generated' "
                        + "(the market generator's ground truth)"
                    : "'market' takes one of 'synthetic', 'keywords' or 'generated', not "
                        + sources.map { "'\($0)'" }.joined(separator: " and "))
        }
        var generated: (source: GeneratedSearchMarket, keywords: [SimulatedKeyword])?
        switch sources[0] {
        case "synthetic":
            truths = try Self.synthetic(market.mapping("synthetic", allowed: Self.syntheticKeys)!).truths()
        case "keywords":
            truths = try Self.keywords(market.node("keywords")!, file: market.file)
        default:
            let block = try market.mapping("generated", allowed: GeneratedSearchMarket.keys)!
            generated = try GeneratedSearchMarket.read(block)
            truths = generated!.keywords.map(\.truth)
        }
        if root.node("strategy")?.mapping != nil {
            closedLoop = try ClosedLoopScenario(
                strategy: root.mapping("strategy", allowed: ClosedLoopScenario.strategyKeys)!,
                directory: directory,
                market: generated,
                setup: setup
            )
        } else {
            closedLoop = nil
        }
    }

    private static func synthetic(_ block: YAMLMapping) throws(ScenarioFileError) -> SyntheticSearchMarket {
        let defaults = SyntheticSearchMarket()
        return SyntheticSearchMarket(
            keywords: try block.setting("keywords")?.integer(in: 1...1_000_000) ?? defaults.keywords,
            seed: UInt64(try block.setting("seed")?.integer(in: 0...Int.max) ?? Int(defaults.seed)),
            volumeZipf: try block.setting("volume_zipf")?.number(in: 0...5) ?? defaults.volumeZipf,
            topVolume: try block.setting("top_volume")?.positiveNumber() ?? defaults.topVolume,
            clickThroughRateAtTop: try block.setting("ctr_at_top")?.number(in: 0.0001...1)
                ?? defaults.clickThroughRateAtTop,
            conversionRate: try block.setting("conversion_rate")?.number(in: 0...1) ?? defaults.conversionRate,
            valuePerConversion: try block.setting("value_per_conversion")?.money() ?? defaults.valuePerConversion,
            competitorBid: try block.setting("competitor_bid")?.money() ?? defaults.competitorBid,
            spread: try block.setting("spread")?.number(in: 0...3) ?? defaults.spread
        )
    }

    private static func keywords(_ node: Node, file: String) throws(ScenarioFileError) -> [SearchKeywordTruth] {
        guard let list = node.sequence, !list.isEmpty else {
            throw ScenarioFileError(
                file: file,
                location: YAMLMapping.location(of: node),
                reason: "'keywords' must be a non-empty list"
            )
        }
        var truths: [SearchKeywordTruth] = []
        for item in list {
            let entry = try YAMLMapping(item, file: file, section: "a keyword", allowed: keywordKeys)
            truths.append(
                SearchKeywordTruth(
                    queryVolume: try entry.required("volume").positiveNumber(),
                    clickThroughRateAtTop: try entry.required("ctr_at_top").number(in: 0.0001...1),
                    conversionRate: try entry.required("conversion_rate").number(in: 0...1),
                    valuePerConversion: try entry.required("value_per_conversion").money(),
                    competitorBid: try entry.required("competitor_bid").money(),
                    qualityScore: try entry.setting("quality_score")?.integer(in: 1...10) ?? 6
                )
            )
        }
        return truths
    }

    func job(_ settings: SettingTable, seed: UInt64) throws(ScenarioFileError) -> PointJob {
        if let closedLoop { return try closedLoop.job(settings, seed: seed) }
        for key in ClosedLoopScenario.settingNames {
            if let setting = settings[key] {
                throw setting.error(
                    "'\(key)' applies only to a closed loop, which re-bids every night: strategy: {rules: <rule file>}")
            }
        }
        let strategies = Strategy.allCases.map { (name: $0.rawValue, value: $0) }
        let strategy: StrategyChoice
        switch try settings["strategy"]?.choice(strategies) ?? .targetCPA {
        case .targetCPA:
            let target = try settings.required("target_cpa", because: "for strategy target_cpa").money()
            strategy = .mcpc(McpcBid(costPerEvent: target.units))
        case .value:
            strategy = .truthful
        case .fixed:
            strategy = .fixed(
                FixedBid(amount: try settings.required("fixed_bid", because: "for strategy fixed").money().units)
            )
        }
        let budget = try settings["budget"]?.optionalMoney()
        let pacing = try Self.pacing(settings)
        if pacing.kind != .none, budget == nil, let setting = settings["pacing"] {
            throw setting.error("pacing '\(setting.text)' needs a 'budget' to pace")
        }
        let queries = try settings["queries"]?.integer(in: 1...1_000_000_000) ?? 20_000
        let rho = budget.map { $0.units / Double(queries) } ?? .infinity
        let aggressiveness = try settings["aggressiveness"]?.positiveNumber() ?? 1
        return .simulation(
            Scenario(
                market: .search(setup.market(truths, aggressiveness: aggressiveness)),
                strategy: strategy,
                pacing: pacing.choice(targetSpendPerAuction: rho),
                budget: budget,
                auctions: queries,
                seed: seed
            )
        )
    }
}
