import GavelBidding
import GavelCore
@testable import GavelJobs
import Testing

/// `gavel bid --strategy portfolio --budget` reads what its earlier applied runs forecast, for the spend brake.
@Suite("Portfolio job: the forecasts of earlier runs")
struct PortfolioBrakeTests {
    @Test func theAppliedBudgetRunsOfTheLastDaysAreTheirForecasts() async throws {
        let history = try await GeneratedHistory(keywords: 200, seed: 3)
        let ruleSet = try RuleSet.parse(
            yaml: """
                name: Brake check
                scope:
                  accounts: ["Demo Shop"]
                goal:
                  target_cpa: 25.00
                limits:
                  min_clicks: 5
                """,
            fileName: "brake.yaml")
        func job(_ objective: PortfolioObjective) -> PortfolioJob {
            PortfolioJob(
                store: history.store, ruleSet: ruleSet, ruleFile: "brake.yaml", ruleHash: "test", objective: objective)
        }
        let budget = job(.budget(Micros(units: 50)))
        let asOf = GeneratedHistory.asOf
        var forecasts: [CalendarDay: Micros] = [:]
        // Budget runs as of the last four days, applied; the latest run of a day counts.
        for age in [4, 3, 2, 2, 1] {
            let day = asOf.advanced(by: -age)
            let outcome = try budget.plan(asOf: day, force: true)
            _ = try budget.record(outcome, apply: true)
            forecasts[day.advanced(by: 1)] = outcome.bid.plan.summary.forecast.cost
        }
        // Neither a run that was not applied nor one toward a target counts.
        _ = try budget.record(try budget.plan(asOf: asOf.advanced(by: -1), force: true), apply: false)
        let target = job(.targetCPA(Micros(units: 20)))
        _ = try target.record(try target.plan(asOf: asOf.advanced(by: -1), force: true), apply: true)

        let plans = try budget.recentPlans(for: SpendBrake(days: 3), asOf: asOf)
        // Runs as of days −3 … −1 bid days −2 … 0, the window's three days; the run as of day −4 bid day −3.
        #expect(plans.map(\.day) == [-2, -1, 0].map { asOf.advanced(by: $0) })
        #expect(plans.allSatisfy { forecasts[$0.day] == $0.cost && $0.cost > .zero })
        #expect(try target.recentPlans(for: SpendBrake(days: 3), asOf: asOf).isEmpty)
    }
}
