import GavelCore
@testable import GavelSimulation
import Testing

/// The portfolio job against the rule-based job at equal spend, in the closed loop: the rules job runs at target
/// CPA €20, its realised spend per counted day becomes the portfolio's daily budget, and both run on the same seed
/// (the same searches and rival draws).
///
/// On this small, busy market (60 keywords, most free in the portfolio after the two-week warm-up) the portfolio
/// spends about what the rules job spent and buys more conversions over eight seeds: 672 against 651 (+3.2 %) at
/// +3.4 % of the rules' spend in all (2026-11-26, with the click floor for keywords shown on every search; 694 at
/// +3.5 % without it). With ≈ 80 conversions a run, one seed's Poisson noise is ≈ ±11 %, and three seeds decided the
/// sum by one conversion, so eight are summed; a seed's spend may miss the budget by up to 8 % (the spend brake
/// allows 10 %), the eight together by less than 5 %. This is not the general result: on the 2,000-keyword demo
/// market the portfolio buys about as many conversions as the rules job at the same realised spend (Docs/portfolio.md,
/// "Closed loop"), where even an oracle with the true landscapes gains at most 0.16 % (`ClosedLoopHeadroomTests`).
@Suite("Closed loop: portfolio against rules at equal spend")
struct ClosedLoopEqualSpendTests {
    @Test("at the rules job's spend as its budget the portfolio spends within 5 % of it and buys as many conversions")
    func equalSpend() throws {
        let settings = "days: 21\nwarmup_days: 14"
        let rules = try #require(closedLoops(closedLoopScenario(settings: settings + "\ntarget_cpa: 20")).first)
        var rulesTotals = (conversions: 0, cost: 0.0)
        var portfolioTotals = (conversions: 0, cost: 0.0)
        for seed: UInt64 in 1...8 {
            let byRules = rules.run(seed: seed)
            let dailySpend = byRules.totals.cost.units / Double(rules.days)
            let budget = (dailySpend * 100).rounded() / 100
            let portfolio = try #require(
                closedLoops(closedLoopScenario(portfolio: "{budget: \(budget)}", settings: settings)).first)
            let byPortfolio = portfolio.run(seed: seed)
            let spendRatio = byPortfolio.totals.cost.units / byRules.totals.cost.units
            print(
                "closed loop, seed \(seed): rules \(byRules.totals.conversions) conv. for \(byRules.totals.cost), "
                    + "portfolio \(byPortfolio.totals.conversions) conv. for \(byPortfolio.totals.cost)")
            #expect(abs(spendRatio - 1) < 0.08, "seed \(seed): the portfolio spent \(spendRatio) × the rules' spend")
            rulesTotals.conversions += byRules.totals.conversions
            rulesTotals.cost += byRules.totals.cost.units
            portfolioTotals.conversions += byPortfolio.totals.conversions
            portfolioTotals.cost += byPortfolio.totals.cost.units
        }
        #expect(abs(portfolioTotals.cost / rulesTotals.cost - 1) < 0.05)
        #expect(rulesTotals.conversions > 500)
        #expect(portfolioTotals.conversions >= rulesTotals.conversions)
    }
}
