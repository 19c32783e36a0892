import GavelAuction
import GavelBidding
import GavelCore
import GavelSimulation
import Testing

import class Foundation.ProcessInfo

/// Issue 5's evidence protocol (`PortfolioEvidenceTests`: one plan on the account's history, scored on the market's
/// truth at equal true spend against target × estimated CVR and an oracle) with the truth drawn from simulated
/// auctions instead of the generator's curves: the history is the closed loop's warm-up — GSP auctions against
/// rivals that bid each keyword's value, nine auction shapes, bids moved weekly by the account's manager — and each
/// keyword's true landscape is its auction shape's curve (``ClosedLoopHeadroomTests``).
///
/// Measured (2026-11-26, Docs/portfolio.md "One plan in simulated auctions"): the portfolio buys 1.9–4.6 %
/// *fewer* conversions than the rules at equal spend, 5–11 % fewer when every keyword's searches are capped at 200
/// a day, while the true landscapes with the same estimated CVRs would buy 0.9–8.4 % more: in GSP auctions the
/// fitted landscapes' marginal costs are wrong enough to misallocate. Issue 5's "show the same in simulated auctions" is not shown; this
/// test keeps the measurement reproducible (`SEED`, `SCALE` × the starting spend as budget, `CAP` searches a day, as
/// for the other rows of the table) and guards it from getting worse.
@Suite struct PortfolioAuctionEvidenceTests {
    @Test func portfolioAgainstRulesAndTheOracleInSimulatedAuctions() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["SEED"].flatMap { UInt64($0) } ?? 1
        let market = GeneratedSearchMarket(
            keywords: 2_000, seed: 7, minimumDailySearches: 2, auctionShapes: .varied,
            rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0.5),
            maximumDailySearches: environment["CAP"].flatMap { Double($0) })
        let keywords = try market.keywords()
        let truth = ClosedLoopHeadroomTests.trueItems(keywords, searches: 4_000)
        let warmupDays = 56
        let history = ClosedLoopSimulation(
            keywords: keywords, bidder: .hold, firstDay: market.firstDay, warmupDays: warmupDays, days: 1,
            conversionLagMeanDays: market.conversionLagMeanDays,
            warmupBidChanges: .init(every: 7, spread: 0.3)
        ).warmupHistory(seed: seed)

        /// True clicks and cost per day of a bid per keyword, and conversions at the true rates.
        func trueTotals(_ bids: [Double]) -> (cost: Double, conversions: Double) {
            zip(truth, bids).reduce((0, 0)) { sum, pair in
                let (clicks, cost) = pair.0.landscape.clicksAndCost(atBid: pair.1)
                return (sum.0 + cost, sum.1 + clicks * pair.0.valuePerClick)
            }
        }
        let startingBids = keywords.map { ($0.attributes.maxCPC ?? .zero).units }
        let current = trueTotals(startingBids)

        let ruleSet = try RuleSet.parse(yaml: Self.wideOpenRules, fileName: "auction-evidence.yaml")
        let plan = PortfolioPlanner(
            ruleSet: ruleSet, asOf: market.firstDay.advanced(by: warmupDays - 1),
            objective: .budget(Micros(rounding: current.cost * (environment["SCALE"].flatMap { Double($0) } ?? 1)))
        ).plan(history, force: true).plan
        #expect(plan.decisions.count == keywords.count)
        let portfolioBids = zip(plan.decisions, startingBids).map { $0.newBid?.units ?? $1 }
        let estimatedCVRs = plan.decisions.map { $0.estimatedCVR ?? 0 }
        let portfolio = trueTotals(portfolioBids)
        let planned = plan.summary.forecast.cost.units

        // Rules: bid = target × estimated CVR, the target tuned to the portfolio's true spend.
        func rules(_ target: Double) -> (cost: Double, conversions: Double) {
            trueTotals(estimatedCVRs.map { min(100, max(0.05, target * $0)) })
        }
        var low = 0.1
        var high = 10_000.0
        for _ in 0..<60 {
            let middle = (low * high).squareRoot()
            if rules(middle).cost > portfolio.cost { high = middle } else { low = middle }
        }
        let rule = rules(low)

        // The oracle knows the true landscapes, with the true CVRs and with the estimated ones, within the same limits.
        let limited = truth.map {
            PortfolioOptimizer.Item(landscape: $0.landscape, valuePerClick: $0.valuePerClick, bids: 0.05...100)
        }
        let oracle = PortfolioOptimizer().solve(limited, subjectTo: .budget(portfolio.cost))
        let withEstimates = PortfolioOptimizer().solve(
            zip(limited, estimatedCVRs).map {
                PortfolioOptimizer.Item(landscape: $0.landscape, valuePerClick: $1, bids: $0.bids)
            },
            subjectTo: .budget(portfolio.cost))
        let ceiling = trueTotals(withEstimates.bids)

        let uplift = portfolio.conversions / rule.conversions - 1
        print(
            """
            auction evidence (history seed \(seed), 2,000 keywords, value-tracking rivals, nine shapes):
              starting bids: €\(current.cost)/day → \(current.conversions) conv.
              portfolio: €\(portfolio.cost)/day → \(portfolio.conversions) conv. (planned €\(planned))
              rules at equal spend: \(rule.conversions) conv. (target €\(low), €\(rule.cost))
              oracle: \(oracle.value) conv. (€\(oracle.cost)); with estimated CVRs \(ceiling.conversions) \
            (€\(ceiling.cost))
              uplift over rules \(uplift * 100) %, share of oracle \(portfolio.conversions / oracle.value * 100) %, \
            of the estimated-CVR oracle \(portfolio.conversions / ceiling.conversions * 100) %
            """)
        #expect(abs(rule.cost / portfolio.cost - 1) < 0.01)
        #expect(abs(oracle.cost / portfolio.cost - 1) < 0.01 && abs(ceiling.cost / portfolio.cost - 1) < 0.01)
        // There is something to find with these CVR estimates: +2.7 % for perfect landscapes (seed 1).
        #expect(ceiling.conversions > 1.02 * rule.conversions)
        // Measured (seed 1, budget = the starting spend): −2.1 % against the rules, 95.3 % of the estimated-CVR
        // oracle, €313 spent for €282 planned.
        #expect(uplift > -0.04)
        #expect(portfolio.conversions / ceiling.conversions > 0.93)
        #expect(portfolio.cost / planned < 1.15)
    }

    static let wideOpenRules = """
        name: Portfolio evidence in simulated auctions
        scope:
          accounts: ["Demo Shop"]
        goal:
          target_cpa: 25.00
        lookback:
          conversion_rate_days: 90
          metrics_days: 30
        limits:
          min_bid: 0.05
          max_bid: 100.00
          max_raise: 100000%
          max_lower: 99.99%
          min_clicks: 0
          bid_step: 0.01
        estimation:
          pooling:
            prior_strength: auto
          conversion_lag:
            estimate: true
            mean_days: 2
            mature_after_days: 30
        """
}
