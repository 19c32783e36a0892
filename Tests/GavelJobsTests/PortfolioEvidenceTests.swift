import GavelBidding
import GavelCore
import GavelJobs
import GavelMarket
import GavelStore
import Testing

import class Foundation.FileManager
import class Foundation.ProcessInfo
import struct Foundation.UUID
import func Foundation.pow

/// Portfolio bidding against keyword-by-keyword target-CPA rules and an oracle, all scored on the generated
/// market's true expected clicks, cost and conversion rates, at the same true spend.
@Suite(.serialized) struct PortfolioEvidenceTests {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 24)!

    @Test func portfolioAgainstRulesAndTheOracleAtEqualSpend() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gavel-portfolio-\(UUID()).db"
        ).path
        defer {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        let store = try HistoryStore(path: path)
        // Seed 21 unless the environment's SEED says otherwise (how the other seeds in Docs/portfolio.md are run).
        let seed = ProcessInfo.processInfo.environment["SEED"].flatMap { UInt64($0) } ?? 21
        let market = try Market(
            spec: MarketSpec(
                seed: seed, keywords: 2_000, days: 90, asOf: Self.asOf,
                volume: SearchVolumeModel(minimumDailySearches: 10)))
        try await GenerateJob.run(market, into: store)
        let truths = (0..<market.keywordCount).map(market.truth(ofKeyword:))
        let truthByIdentity = Dictionary(uniqueKeysWithValues: truths.map { ($0.identity, $0) })
        let day = Self.asOf.advanced(by: 1)

        func trueTotals(_ bids: [(KeywordTruth, Double)]) -> (cost: Double, conversions: Double) {
            bids.reduce((0, 0)) { sum, pair in
                let bid = Micros(rounding: pair.1)
                return (
                    sum.0 + pair.0.expectedCost(bid: bid).units,
                    sum.1 + pair.0.expectedClicks(bid: bid) * pair.0.conversionRate(on: day)
                )
            }
        }
        let current = trueTotals(truths.map { ($0, $0.currentBid.units) })

        let ruleSet = try RuleSet.parse(yaml: Self.wideOpenRules, fileName: "evidence.yaml")
        let outcome = try PortfolioJob(
            store: store, ruleSet: ruleSet, ruleFile: "evidence.yaml", ruleHash: "test",
            objective: .budget(Micros(rounding: current.cost))
        ).plan(asOf: Self.asOf, force: true)
        let decisions = outcome.bid.plan.decisions.compactMap {
            decision -> (KeywordTruth, BidDecision)? in
            guard let truth = truthByIdentity[decision.identity], decision.newBid != nil else {
                return nil
            }
            return (truth, decision)
        }
        #expect(decisions.count == truths.count)
        let portfolio = trueTotals(decisions.map { ($0.0, $0.1.newBid!.units) })
        let planned = outcome.bid.plan.summary.forecast.cost.units

        // Rules: bid = target CPA × estimated CVR, the target chosen so that the true spend matches.
        func rules(_ target: Double) -> (cost: Double, conversions: Double) {
            trueTotals(decisions.map { ($0.0, min(100, max(0.01, target * ($0.1.estimatedCVR ?? 0)))) })
        }
        var low = 0.1
        var high = 10_000.0
        for _ in 0..<60 {
            let middle = (low * high).squareRoot()
            if rules(middle).cost > portfolio.cost { high = middle } else { low = middle }
        }
        let rule = rules(low)

        // Oracle: true landscapes (on a 3 % bid grid) and true conversion rates, same bid limits, same spend.
        let grid = (0..<300).map { 0.01 * pow(10_000.0, Double($0) / 299) }
        let oracleItems = truths.map { truth in
            PortfolioOptimizer.Item(
                landscape: GridLandscape(
                    points: grid.map { bid in
                        let micros = Micros(rounding: bid)
                        return (bid, truth.expectedClicks(bid: micros), truth.expectedCost(bid: micros).units)
                    }),
                valuePerClick: truth.conversionRate(on: day), bids: 0.01...100)
        }
        let oracle = PortfolioOptimizer().solve(oracleItems, subjectTo: .budget(portfolio.cost))
        // The same oracle with the estimated CVRs the rules and the portfolio use: what perfect landscapes would
        // reach, so the rest of the gap is the conversion rates' estimation noise.
        let withEstimates = PortfolioOptimizer().solve(
            zip(oracleItems, decisions).map { item, pair in
                PortfolioOptimizer.Item(
                    landscape: item.landscape, valuePerClick: pair.1.estimatedCVR ?? 0, bids: item.bids)
            },
            subjectTo: .budget(portfolio.cost))
        let ceiling = trueTotals(zip(decisions, withEstimates.bids).map { ($0.0, $1) })

        let uplift = portfolio.conversions / rule.conversions - 1
        let share = portfolio.conversions / oracle.value
        print(
            """
            evidence (seed \(seed), 2,000 keywords): current bids €\(current.cost)/day → \(current.conversions) conv.
              portfolio: €\(portfolio.cost)/day → \(portfolio.conversions) conv. \
            (planned €\(planned), true ÷ planned \(portfolio.cost / planned))
              target-CPA rules at equal spend: \(rule.conversions) conv. (target €\(low))
              oracle at equal spend: \(oracle.value) conv. (cost €\(oracle.cost))
              oracle's landscapes with estimated CVRs: \(ceiling.conversions) conv. (cost €\(ceiling.cost))
              uplift over rules \(uplift * 100) %, share of oracle \(share * 100) %, \
            of the estimated-CVR oracle \(portfolio.conversions / ceiling.conversions * 100) %
            """)
        #expect(portfolio.conversions > 2 * current.conversions)
        #expect(abs(rule.cost / portfolio.cost - 1) < 0.01)
        #expect(abs(oracle.cost / portfolio.cost - 1) < 0.01)
        #expect(abs(ceiling.cost / portfolio.cost - 1) < 0.01)
        // Budget honesty: what the plan forecasts is what the bids truly spend. Measured (seed 21): planned €1,578,
        // true €1,566 (−0.7 %) since the landscapes are calibrated against the last week's reported clicks and cost
        // (ForecastCalibration; +1.8 % before it, +27 % before censoring-aware shares, the CTR curvature and the
        // price share).
        #expect(abs(portfolio.cost / planned - 1) < 0.02)
        // Measured (seed 21, 2026-11-26): 95.9 % of the oracle and 4.1 % more conversions than the rules at equal
        // spend; the oracle's landscapes with the estimated CVRs reach 96.5 %, so CVR noise alone keeps any landscape
        // below the 97 % here, and the portfolio gets 99.4 % of that. Seeds 22 and 23 (environment SEED):
        // Docs/portfolio.md.
        #expect(share > 0.958)
        #expect(uplift > 0.04)
        #expect(portfolio.conversions / ceiling.conversions > 0.99)
    }

    static let wideOpenRules = """
        name: Portfolio evidence
        scope:
          accounts: ["Demo Shop"]
        goal:
          target_cpa: 25.00
        lookback:
          conversion_rate_days: 90
          metrics_days: 30
        limits:
          min_bid: 0.01
          max_bid: 100.00
          max_raise: 100000%
          max_lower: 99.99%
          min_clicks: 0
          bid_step: 0.01
        estimation:
          pooling:
            prior_strength: auto
        """
}
