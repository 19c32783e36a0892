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
/// keyword's true landscape is its auction shape's curve with the market's reserve (``ClosedLoopHeadroomTests``).
///
/// The same plan is made twice, on two sources of landscapes: curves fitted from the history alone, and the bid
/// simulator's replay of the last week's logged auctions from 1/20 × to 20 × each keyword's bid (the platform's
/// counterfactual, which a real account imports). Measured (2026-11-26, Docs/portfolio.md "One plan in simulated
/// auctions", seeds 1–3, budget 1× and 2×, with and without a cap of 200 searches a keyword a day): on the replay
/// the portfolio buys 2.2–5.4 % more conversions than the rules at equal spend and 98.1–99.8 % of what the true
/// landscapes would buy with the same CVR estimates, spending 97–101 % of its forecast; on fitted curves it buys
/// 2.3–10.9 % fewer and spends up to 3.5 × its forecast. `SEED`, `SCALE` × the starting spend as budget, `CAP`
/// searches a keyword a day and `REACH` (the replay's reach, 20) reproduce the other rows.
@Suite struct PortfolioAuctionEvidenceTests {
    @Test func portfolioAgainstRulesAndTheOracleInSimulatedAuctions() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["SEED"].flatMap { UInt64($0) } ?? 1
        let reach = environment["REACH"].flatMap { Double($0) } ?? 20
        let market = GeneratedSearchMarket(
            keywords: 2_000, seed: 7, minimumDailySearches: 2, auctionShapes: .varied,
            rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0.5),
            maximumDailySearches: environment["CAP"].flatMap { Double($0) })
        let keywords = try market.keywords()
        let warmupDays = 56
        let replayed = ClosedLoopSimulation(
            keywords: keywords, bidder: .hold, firstDay: market.firstDay, warmupDays: warmupDays, days: 1,
            conversionLagMeanDays: market.conversionLagMeanDays,
            bidSimulator: BidSimulatorSetup(reach: (1 / reach)...reach),
            warmupBidChanges: .init(every: 7, spread: 0.3)
        ).warmupHistory(seed: seed)
        let fitted = replayed.map { PortfolioKeyword(history: $0.history, bids: $0.bids) }
        let evidence = Evidence(
            truth: ClosedLoopHeadroomTests.trueItems(keywords, searches: 4_000),
            startingBids: keywords.map { ($0.attributes.maxCPC ?? .zero).units },
            asOf: market.firstDay.advanced(by: warmupDays - 1),
            scale: environment["SCALE"].flatMap { Double($0) } ?? 1)

        let onReplay = try evidence.compare(replayed, label: "bid simulator ×\(reach)")
        let onFitted = try evidence.compare(fitted, label: "fitted curves")
        // Every keyword but a few that never cleared the reserve in the last week has a replay.
        #expect(replayed.filter { $0.simulation != nil }.count > 1_950)

        // There is something to find with these CVR estimates: +2.0 % for perfect landscapes (seed 1).
        #expect(onReplay.ceiling > 1.015 * onReplay.rules)
        // Measured (seed 1, budget = the starting spend): +2.0 % over the rules, 100.0 % of the estimated-CVR
        // oracle, €327 spent for €331 planned.
        #expect(onReplay.uplift > 0.01)
        #expect(onReplay.shareOfCeiling > 0.99)
        #expect(abs(onReplay.spentOfPlan - 1) < 0.05)
        // Measured: −2.8 % and 92.7 %, €535 spent for €331 planned; guarded from getting worse.
        #expect(onFitted.uplift > -0.04)
        #expect(onFitted.shareOfCeiling > 0.9)
    }

    /// One plan's score on the truth, and what the rules and the oracles buy at its true spend.
    struct Comparison {
        var portfolio: Double
        var rules: Double
        /// The oracle with the true landscapes and the plan's CVR estimates.
        var ceiling: Double
        /// The oracle with the true landscapes and the true CVRs.
        var oracle: Double
        var spentOfPlan: Double

        var uplift: Double { portfolio / rules - 1 }
        var shareOfCeiling: Double { portfolio / ceiling }
    }

    struct Evidence {
        /// Each keyword's true landscape and CVR.
        let truth: [PortfolioOptimizer.Item<GridLandscape>]
        let startingBids: [Double]
        let asOf: CalendarDay
        /// The budget as a multiple of the starting bids' true spend.
        let scale: Double

        /// True clicks and cost per day of a bid per keyword, and conversions at the true rates.
        func trueTotals(_ bids: [Double]) -> (cost: Double, conversions: Double) {
            zip(truth, bids).reduce((0, 0)) { sum, pair in
                let (clicks, cost) = pair.0.landscape.clicksAndCost(atBid: pair.1)
                return (sum.0 + cost, sum.1 + clicks * pair.0.valuePerClick)
            }
        }

        func compare(_ history: [PortfolioKeyword], label: String) throws -> Comparison {
            let ruleSet = try RuleSet.parse(yaml: wideOpenRules, fileName: "auction-evidence.yaml")
            let budget = Micros(rounding: trueTotals(startingBids).cost * scale)
            let plan = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: .budget(budget))
                .plan(history, force: true).plan
            #expect(plan.decisions.count == truth.count)
            let estimatedCVRs = plan.decisions.map { $0.estimatedCVR ?? 0 }
            let portfolio = trueTotals(zip(plan.decisions, startingBids).map { $0.newBid?.units ?? $1 })
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

            // The oracles know the true landscapes, with the true CVRs and with the estimated ones, within the
            // same limits.
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
            #expect(abs(rule.cost / portfolio.cost - 1) < 0.01)
            #expect(abs(oracle.cost / portfolio.cost - 1) < 0.01 && abs(ceiling.cost / portfolio.cost - 1) < 0.01)

            let comparison = Comparison(
                portfolio: portfolio.conversions, rules: rule.conversions, ceiling: ceiling.conversions,
                oracle: oracle.value, spentOfPlan: portfolio.cost / planned)
            print(
                """
                auction evidence, \(label) (budget \(budget)):
                  portfolio: €\(portfolio.cost)/day → \(portfolio.conversions) conv. (planned €\(planned))
                  rules at equal spend: \(rule.conversions) conv. (target €\(low))
                  oracle: \(oracle.value) conv.; with estimated CVRs \(ceiling.conversions)
                  uplift over rules \(comparison.uplift * 100) %, share of the estimated-CVR oracle \
                \(comparison.shareOfCeiling * 100) %, of the oracle \(portfolio.conversions / oracle.value * 100) %
                """)
            return comparison
        }
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
