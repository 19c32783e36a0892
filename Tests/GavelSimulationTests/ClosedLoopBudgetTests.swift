import GavelCore
@testable import GavelSimulation
import Testing

/// The portfolio job spends its budget in the closed loop on the 2,000-keyword demo market
/// (Simulations/closed-loop-equal-spend-portfolio.yaml's €1,190.23 point, run on seed 1).
///
/// Its landscapes are fitted mostly from 28 warm-up days at one bid; as the nights move the bids, they forecast
/// CPCs up to 20 % above what the bids in force pay. Before ``ForecastCalibration`` held them to the last week the
/// portfolio spent 85.9 % of this budget (85–93 % over three seeds and three budgets in Docs/portfolio.md);
/// measured 2026-11-26 with it: 94.5 % (94.3 % with ``GavelBidding/SpendBrake``, 96.7 % with keywords shown on
/// every search placed by their elasticity). About 13 s in a debug build.
@Suite("Closed loop: the portfolio spends its budget, and not much more")
struct ClosedLoopBudgetTests {
    @Test func spendsAtLeast93PercentOfItsBudget() throws {
        let spent = try Self.spent(market: "", budget: 1190.23)
        print("closed loop, demo market, budget €1,190.23/day, seed 1: spent \(spent * 100) % of the budget")
        #expect(spent > 0.93)
        #expect(spent < 1.02)
    }

    /// On the market whose rivals bid each keyword's value and whose keywords differ in auction shape, the landscapes
    /// under-forecast what raised bids cost by up to half, and without ``GavelBidding/SpendBrake`` the portfolio spent
    /// 145 % of this budget (125–150 % over three seeds and seven budgets); with it 96 % (89–103 %; 2026-11-26), 94 %
    /// with keywords shown on every search placed by their elasticity.
    @Test func theSpendBrakeHoldsARunawayPortfolioNearItsBudget() throws {
        let spent = try Self.spent(market: ", auction_shapes: varied, rival_bids: {target_cpa: 25}", budget: 1100)
        print("closed loop, value-tracking rivals, budget €1,100/day, seed 1: spent \(spent * 100) % of the budget")
        #expect(spent > 0.9)
        #expect(spent < 1.05)
    }

    /// The share of `budget` the portfolio spent over 30 days after 28 warm-up days, seed 1, on the demo market with
    /// `market` added to its `generated` block.
    static func spent(market: String, budget: Double) throws -> Double {
        let yaml = """
            kind: search
            seed: 1
            repetitions: 1
            market:
              generated: {keywords: 2000, seed: 7, min_daily_searches: 2\(market)}
              slots: 4
              click_decay: 0.7
              competitors: 5
              competitor_spread: 0.45
              pricing: gsp
            strategy:
              rules: \(demoRules)
              portfolio: {budget: \(budget)}
            days: 30
            warmup_days: 28
            conversion_lag_days: 2
            """
        let loop = try #require(closedLoops(yaml).first)
        return loop.run(seed: 1).totals.cost.units / (30 * budget)
    }
}
