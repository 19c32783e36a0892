import GavelCore
import Testing

@testable import GavelBidding

/// The budget portfolio's brake after days that spent more than their plans forecast.
struct SpendBrakeTests {
    static let asOf = EngineFixtures.asOf

    /// Two keywords spending `perDay` between them on each day `age` days before as-of (age 0 = as-of).
    static func account(perDay: [Int: Micros]) -> [KeywordHistory] {
        ["a", "b"].map { text in
            KeywordHistory(
                identity: KeywordIdentity(account: "Acme", campaign: "C", adGroup: "G", text: text, matchType: .exact),
                attributes: KeywordAttributes(),
                daily: perDay.map { age, cost in
                    DailyPoint(day: asOf.advanced(by: -age), impressions: 100, clicks: 10, cost: cost.scaled(by: 0.5))
                })
        }
    }

    static func plans(_ perDay: [Int: Micros]) -> [SpendBrake.PlannedDay] {
        perDay.map { SpendBrake.PlannedDay(day: asOf.advanced(by: -$0.key), cost: $0.value) }
    }

    @Test func engagesOnlyAboveTheToleranceAndTakesTheOverspendOutOfTheBudget() throws {
        let brake = SpendBrake(days: 3, tolerance: 0.1)
        let spent = Self.account(perDay: [0: Micros(units: 150), 1: Micros(units: 150), 2: Micros(units: 150)])
        // Plans of €100 a day, €150 spent: 1.5 × the plans, so tonight plans for €120 ÷ 1.5 = €80.
        let hot = Self.plans([0: Micros(units: 100), 1: Micros(units: 100), 2: Micros(units: 100)])
        let engaged = try #require(brake.engagement(spent, plans: hot, asOf: Self.asOf, budget: Micros(units: 120)))
        #expect(abs(engaged.overspend - 1.5) < 1e-12)
        #expect(engaged.days == 3)
        #expect(engaged.plannedBudget == Micros(units: 80))
        // Plans of €137 (spent 1.095 ×) are within the 10 % tolerance; €135 (1.111 ×) are not.
        let within = Self.plans([0: Micros(units: 137), 1: Micros(units: 137), 2: Micros(units: 137)])
        #expect(brake.engagement(spent, plans: within, asOf: Self.asOf, budget: Micros(units: 120)) == nil)
        let over = Self.plans([0: Micros(units: 135), 1: Micros(units: 135), 2: Micros(units: 135)])
        #expect(brake.engagement(spent, plans: over, asOf: Self.asOf, budget: Micros(units: 120)) != nil)
        // Spending over the budget is not enough: without plans (bids set some other way) there is no brake.
        #expect(brake.engagement(spent, plans: [], asOf: Self.asOf, budget: Micros(units: 50)) == nil)
        #expect(SpendBrake(days: 0).engagement(spent, plans: hot, asOf: Self.asOf, budget: Micros(units: 120)) == nil)
    }

    @Test func comparesOnlyTheDaysOfTheWindowThatHadAPlan() throws {
        // Day 1 had no plan and day 3 lies outside the window: only days 0 and 2 count, €60 spent against €50 + €50.
        let spent = Self.account(
            perDay: [0: Micros(units: 60), 1: Micros(units: 900), 2: Micros(units: 60), 3: Micros(units: 900)])
        let plans = Self.plans([0: Micros(units: 50), 2: Micros(units: 50), 3: Micros(units: 50)])
        let engaged = try #require(
            SpendBrake(days: 3).engagement(spent, plans: plans, asOf: Self.asOf, budget: Micros(units: 100)))
        #expect(engaged.days == 2)
        #expect(abs(engaged.overspend - 1.2) < 1e-12)
    }

    @Test func aBrakedPortfolioPlansBelowItsBudgetAndSaysWhy() throws {
        let ruleSet = try EngineFixtures.ruleSet(goal: "target_cpa: 25")
        // Two keywords with 30 days at €1: 100 clicks and €50 a day each, €100 a day together.
        let keywords = ["a", "b"].map { text in
            PortfolioKeyword(
                history: EngineFixtures.keyword(
                    text, clicks: 3_000, conversions: 150, cost: Micros(units: 1_500), ages: 0...29),
                bids: (0...29).map { DailyBid(day: Self.asOf.advanced(by: -$0), bid: Micros(units: 1)) })
        }
        func plan(plans: [SpendBrake.PlannedDay]) -> PortfolioPlan {
            PortfolioPlanner(ruleSet: ruleSet, asOf: Self.asOf, objective: .budget(Micros(units: 90)))
                .plan(keywords, force: true, recentPlans: plans)
        }
        let unbraked = plan(plans: [])
        #expect(unbraked.braking == nil)
        // The last three days were planned at €80 and spent €100: planned for €90 ÷ 1.25 = €72.
        let braked = plan(plans: Self.plans([0: Micros(units: 80), 1: Micros(units: 80), 2: Micros(units: 80)]))
        let braking = try #require(braked.braking)
        #expect(braking.plannedBudget == Micros(units: 72))
        // Within a euro: the guardrails round each bid to the bid step after the optimiser.
        #expect(abs(braked.plan.summary.forecast.cost.units - 72) < 1)
        #expect(abs(unbraked.plan.summary.forecast.cost.units - 90) < 1)
        #expect(
            braked.plan.decisions.allSatisfy {
                $0.trace.contains("the last 3 planned days spent 125 % of their plans: planned for €72.00")
            })
    }
}
