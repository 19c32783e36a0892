import Foundation
import GavelAuction
import GavelCore
import GavelSimulation
import Testing

@Suite("Search market from ground truth")
struct SearchMarketTests {
    let truth = SearchKeywordTruth(
        queryVolume: 120,
        clickThroughRateAtTop: 0.08,
        conversionRate: 0.04,
        valuePerConversion: Micros(units: 50),
        competitorBid: Micros(1_000_000),
        qualityScore: 6
    )

    @Test("a keyword's truth maps onto the simulator's keyword and rivals")
    func mapping() {
        let setup = SearchAuctionSetup(slots: 3, clickDecay: 1, competitors: 4, competitorSpread: 0.3)
        let keyword = setup.keyword(truth, aggressiveness: 2)
        #expect(keyword.queryVolume == 120)
        #expect(keyword.quality == 0.08)
        #expect(keyword.conversionRate == 0.04)
        #expect(keyword.conversionValue == 50)
        #expect(keyword.competitors.count == 4)
        // Quality score 6 is parity: rivals rank with our quality; aggressiveness 2 doubles their median bid.
        #expect(keyword.competitors[0].quality == 0.08)
        #expect(keyword.competitors[0].bid == .logNormal(mu: Foundation.log(2.0), sigma: 0.3))
        // CTR in position p = CTR at top × p^-1.
        #expect(setup.slotClickRates == [1, 0.5, 1.0 / 3])
    }

    @Test("quality score 8 needs (6/8)^0.75 ≈ 80.6 % of the bid to rank level with the rivals")
    func qualityScore() {
        var better = truth
        better.qualityScore = 8
        let rival = SearchAuctionSetup().keyword(better).competitors[0]
        let parityBid = 1.0 * rival.quality / 0.08
        #expect(abs(parityBid - 0.80593) < 1e-5)
    }

    @Test("the synthetic market is seeded, Zipf-distributed and stable per keyword")
    func synthetic() {
        let market = SyntheticSearchMarket(keywords: 50, seed: 9, volumeZipf: 1, topVolume: 1000)
        let truths = market.truths()
        #expect(truths.count == 50)
        #expect(truths[0].queryVolume == 1000)
        #expect(truths[3].queryVolume == 250)
        #expect(truths == market.truths())
        var more = market
        more.keywords = 80
        #expect(Array(more.truths().prefix(50)) == truths)
        var reseeded = market
        reseeded.seed = 10
        #expect(reseeded.truths()[0].conversionRate != truths[0].conversionRate)
        #expect(truths.allSatisfy { (1...10).contains($0.qualityScore) && $0.conversionRate > 0 })
    }

    @Test("a scenario's explicit keyword list is read as truth")
    func keywordList() throws {
        let sweep = try GavelSimulationTests.sweep(
            """
            kind: search
            market:
              keywords:
                - {volume: 100, ctr_at_top: 0.1, conversion_rate: 0.05, value_per_conversion: 40, competitor_bid: 0.5}
                - volume: 300
                  ctr_at_top: 0.05
                  conversion_rate: 0.02
                  value_per_conversion: €80
                  competitor_bid: 1
                  quality_score: 8
              competitors: 2
            target_cpa: 20
            """
        )
        guard case .simulation(let scenario) = sweep.points[0].job, case .search(let market) = scenario.market else {
            Issue.record("expected a search simulation")
            return
        }
        #expect(market.keywords.map(\.queryVolume) == [100, 300])
        #expect(market.keywords[1].conversionValue == 80)
        #expect(market.keywords[1].competitors.count == 2)
        #expect(scenario.strategy == .mcpc(McpcBid(costPerEvent: 20)))
    }

    @Test("higher target CPA buys more (or equal) clicks and cost, without a budget")
    func monotoneInTargetCPA() throws {
        let sweep = try GavelSimulationTests.sweep(
            searchScenario(grid: "  target_cpa: [10, 25, 40, 60]", queries: 3_000, repetitions: 6)
        )
        let result = SweepRunner(workers: 2).run(sweep)
        let clicks = result.points.map { $0[.clicks].mean! }
        let cost = result.points.map { $0[.cost].mean! }
        #expect(zip(clicks, clicks.dropFirst()).allSatisfy { $0 <= $1 }, "clicks \(clicks)")
        #expect(zip(cost, cost.dropFirst()).allSatisfy { $0 <= $1 }, "cost \(cost)")
        #expect(clicks[3] > 1.5 * clicks[0])
    }
}
