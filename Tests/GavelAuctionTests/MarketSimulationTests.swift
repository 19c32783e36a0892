import GavelAuction
import GavelCore
import Testing

@Suite("Markets and the simulation runner")
struct MarketSimulationTests {
    let display = DisplayMarket(
        clickThroughRate: .logNormal(mu: -4, sigma: 0.5),
        predictionNoise: 0.2,
        conversionRate: 0.1,
        conversionValue: .uniform(lower: 20, upper: 60),
        marketPrice: .logNormal(mu: -3, sigma: 0.6),
        auction: SingleSlotAuction(payment: .secondPrice)
    )

    var search: SearchMarket {
        let rivals = [
            SearchCompetitor(bid: .uniform(lower: 0.5, upper: 1.5)),
            SearchCompetitor(bid: .uniform(lower: 0.2, upper: 1.2), quality: 0.8),
        ]
        let keywords = [
            SearchKeyword(queryVolume: 3, quality: 1, conversionRate: 0.05, conversionValue: 40, competitors: rivals),
            SearchKeyword(queryVolume: 1, quality: 0.7, conversionRate: 0.02, conversionValue: 30, competitors: rivals),
        ]
        return SearchMarket(
            keywords: keywords,
            auction: PositionAuction(
                clickRates: [0.08, 0.04, 0.02],
                pricing: .generalizedSecondPrice(increment: 0.01)
            )
        )
    }

    @Test("a scenario replays exactly from its seed and changes with it")
    func deterministic() {
        let scenario = Scenario(market: .display(display), strategy: .truthful, auctions: 20_000, seed: 9)
        #expect(scenario.run() == scenario.run())
        #expect(scenario.run(seed: 10) != scenario.run())
    }

    @Test("second-price display: truthful bidding wins where value ≥ market price and pays no more than value")
    func displaySecondPrice() {
        let metrics = Scenario(market: .display(display), strategy: .truthful, auctions: 20_000, seed: 1).run()
        #expect(metrics.impressions > 0 && metrics.impressions < metrics.auctions)
        #expect(metrics.clicks <= metrics.impressions && metrics.conversions <= metrics.clicks)
        // Truthful bidding never pays more than the value it bid, so ROAS (realised value/cost) is typically > 1.
        #expect((metrics.returnOnAdSpend ?? 0) > 1)
        #expect(metrics.winRate == Double(metrics.impressions) / Double(metrics.bids))
    }

    @Test("first price with shading pays less per impression than unshaded first price")
    func shading() {
        var firstPrice = display
        firstPrice.auction = SingleSlotAuction(payment: .firstPrice)
        let plain = Scenario(market: .display(firstPrice), strategy: .truthful, auctions: 20_000, seed: 2).run()
        let shaded = Scenario(
            market: .display(firstPrice),
            strategy: .truthful,
            shader: BidShader(marketPrice: firstPrice.marketPrice),
            auctions: 20_000,
            seed: 2
        ).run()
        #expect(shaded.impressions < plain.impressions)
        #expect(shaded.cost.units / Double(shaded.impressions) < plain.cost.units / Double(plain.impressions))
    }

    @Test("search: higher bids buy more clicks, and the budget is a hard cap")
    func searchMarket() {
        let low = Scenario(market: .search(search), strategy: .fixed(FixedBid(amount: 0.6)), auctions: 20_000, seed: 4)
        let high = Scenario(market: .search(search), strategy: .fixed(FixedBid(amount: 2)), auctions: 20_000, seed: 4)
        let lowMetrics = low.run()
        let highMetrics = high.run()
        #expect(highMetrics.clicks > lowMetrics.clicks)
        #expect(highMetrics.costPerClick! > lowMetrics.costPerClick!)
        // A bid of 2 always ranks first on keyword 0 (rival scores ≤ 1.5) and pays ≤ 1.51 per click.
        #expect(highMetrics.costPerClick!.units <= 1.51)
        var capped = high
        capped.budget = Micros(units: 20)
        #expect(capped.run().cost <= Micros(units: 20))
        #expect(capped.run().cost.units > 19)
    }

    @Test("repetitions give a mean with a Student-t interval")
    func repetitions() {
        let summary = Scenario(market: .display(display), strategy: .truthful, auctions: 2_000, seed: 3).repeated(8)
        #expect(summary.runs.count == 8)
        #expect(Set(summary.runs).count == 8)
        let mean = summary.runs.map { Double($0.clicks) }.reduce(0, +) / 8
        #expect(abs(summary.clicks.mean - mean) < 1e-9)
        #expect(summary.clicks.lower < mean && mean < summary.clicks.upper)
    }

    @Test("quantiles: z(0.975) = 1.959964, t(0.975, 9) = 2.262157, t(0.975, 1) = 12.7062")
    func quantiles() {
        #expect(abs(Repetition.normalQuantile(0.975) - 1.959963985) < 1e-8)
        #expect(abs(Repetition.studentQuantile(probability: 0.975, degrees: 9) - 2.262157) < 1e-4)
        #expect(abs(Repetition.studentQuantile(probability: 0.975, degrees: 1) - 12.7062047) < 1e-6)
        #expect(abs(Repetition.studentQuantile(probability: 0.975, degrees: 2) - 4.3026527) < 1e-6)
        let estimate = Estimate([1, 2, 3, 4])
        #expect(estimate.mean == 2.5)
        #expect(abs(estimate.standardError - (5.0 / 12).squareRoot()) < 1e-12)
    }
}
