import GavelAuction
import GavelCore
import RealModule

/// `kind: display` — an RTB impression stream, bid per impression.
///
/// Prices and bids are written as CPM (per thousand impressions), as display buyers quote them, and turned
/// into per-impression amounts here; `aggressiveness` scales the market price per grid point.
struct DisplayModel: SweepModel {
    static let settingNames =
        [
            "auctions", "strategy", "base_cpm", "ecpc", "fixed_cpm", "budget", "aggressiveness", "payment",
            "shading",
        ] + pacingNames
    static let fixedNames = ["market"]
    static let defaultRepetitions = 10
    static let defaultChartMetric = SweepMetric.conversions

    static let marketKeys = [
        "ctr", "prediction_noise", "conversion_rate", "conversion_value", "market_price_cpm", "reserve_cpm",
    ]

    /// How a display scenario bids.
    enum Strategy: String, CaseIterable {
        /// b = b₀ · pCTR / average pCTR, with b₀ = `base_cpm`.
        case linear
        /// b = eCPC · pCTR: pay for an impression what its predicted click is worth.
        case mcpc
        /// b = pCTR × CVR × mean conversion value: the expected value, truthful under second price.
        case value
        /// The same CPM everywhere.
        case fixed
    }

    let clickThroughRate: DistributionSpec
    let predictionNoise: Double
    let conversionRate: Double
    let conversionValue: DistributionSpec
    /// In CPM.
    let marketPrice: DistributionSpec
    /// In CPM.
    let reserve: Double

    init(root: YAMLMapping, directory: String) throws(ScenarioFileError) {
        guard let market = try root.mapping("market", allowed: Self.marketKeys) else {
            throw root.error("a display scenario needs a 'market' block (ctr, conversion_rate, market_price_cpm, …)")
        }
        let file = market.file
        func distribution(_ key: String) throws(ScenarioFileError) -> DistributionSpec {
            guard let node = market.node(key) else { throw market.error("'market' needs '\(key)'") }
            return try DistributionReader.read(node, key: key, file: file)
        }
        clickThroughRate = try distribution("ctr")
        predictionNoise = try market.setting("prediction_noise")?.number(in: 0...3) ?? 0
        conversionRate = try market.required("conversion_rate").number(in: 0...1)
        conversionValue = try distribution("conversion_value")
        marketPrice = try distribution("market_price_cpm")
        reserve = try market.setting("reserve_cpm")?.number() ?? 0
    }

    func job(_ settings: SettingTable, seed: UInt64) throws(ScenarioFileError) -> PointJob {
        let payments = PaymentRule.allCases.map {
            (name: $0 == .firstPrice ? "first_price" : "second_price", value: $0)
        }
        let payment = try settings["payment"]?.choice(payments) ?? .secondPrice
        let aggressiveness = try settings["aggressiveness"]?.positiveNumber() ?? 1
        let prices = marketPrice.distribution(scale: aggressiveness / 1000)
        let market = DisplayMarket(
            clickThroughRate: clickThroughRate.distribution(),
            predictionNoise: predictionNoise,
            conversionRate: conversionRate,
            conversionValue: conversionValue.distribution(),
            marketPrice: prices,
            auction: SingleSlotAuction(payment: payment, reserve: reserve / 1000)
        )
        let shading = try settings["shading"]?.bool() ?? false
        if shading, payment != .firstPrice, let setting = settings["shading"] {
            throw setting.error("'shading' lowers first-price bids; it needs 'payment: first_price'")
        }
        let budget = try settings["budget"]?.optionalMoney()
        let pacing = try Self.pacing(settings)
        if pacing.kind != .none, budget == nil, let setting = settings["pacing"] {
            throw setting.error("pacing '\(setting.text)' needs a 'budget' to pace")
        }
        let auctions = try settings["auctions"]?.integer(in: 1...1_000_000_000) ?? 100_000
        return .simulation(
            Scenario(
                market: .display(market),
                strategy: try strategy(settings, market: market),
                pacing: pacing.choice(targetSpendPerAuction: budget.map { $0.units / Double(auctions) } ?? .infinity),
                shader: shading ? BidShader(marketPrice: prices) : nil,
                budget: budget,
                auctions: auctions,
                seed: seed
            )
        )
    }

    private func strategy(_ settings: SettingTable, market: DisplayMarket) throws(ScenarioFileError) -> StrategyChoice {
        let strategies = Strategy.allCases.map { (name: $0.rawValue, value: $0) }
        switch try settings["strategy"]?.choice(strategies) ?? .linear {
        case .linear:
            let base = try settings.required("base_cpm", because: "for strategy linear").positiveNumber()
            // θ̄: the mean predicted CTR, i.e. the true mean times the mean of the log-normal prediction error.
            let averageRate = market.clickThroughRate.mean * Double.exp(predictionNoise * predictionNoise / 2)
            return .linear(LinearBid(base: base / 1000, averageRate: averageRate))
        case .mcpc:
            let ecpc = try settings.required("ecpc", because: "for strategy mcpc").money()
            return .mcpc(McpcBid(costPerEvent: ecpc.units))
        case .value:
            return .truthful
        case .fixed:
            let cpm = try settings.required("fixed_cpm", because: "for strategy fixed").positiveNumber()
            return .fixed(FixedBid(amount: cpm / 1000))
        }
    }
}
