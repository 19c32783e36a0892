import GavelBidding
import GavelCore
import Testing

/// What a portfolio run's trace says about where a keyword's landscape came from.
struct PortfolioTraceTests {
    /// Two keywords on every search (share "> 90 %") that spent two weeks at €0.80 mostly below the top slots
    /// (page strength 0.2) and two at €1.00 mostly on top (0.7): the trace says they were placed by page position
    /// with a click floor, and the specialist sees what share of their clicks stays at the bottom of the page.
    @Test func keywordsPlacedByPagePositionSayItAndTheirFloor() throws {
        let asOf = EngineFixtures.asOf
        let ruleSet = try EngineFixtures.ruleSet(goal: "target_cpa: 25")
        let keywords = ["a", "b"].map { EngineFixtures.pagePositionKeyword($0) }
        let plan = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: .budget(Micros(units: 80)))
            .plan(keywords, force: true, recentPlans: [])
        #expect(plan.plan.decisions.count == 2)
        for decision in plan.plan.decisions {
            #expect(decision.trace.contains("placed by page position"), "\(decision.trace)")
            #expect(decision.trace.contains("of clicks at the bottom of the page"), "\(decision.trace)")
        }

        // A budget no bid in the change band can spend does not bind: there is no marginal CPA to report (the
        // bisection's upper bound, up to €10¹² a conversion, used to be printed as one and overflowed).
        let unbounded = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: .budget(Micros(units: 1_000_000)))
            .plan(keywords, force: true, recentPlans: [])
        #expect(unbounded.status == .unconstrained)
        #expect(unbounded.marginalCPA == nil)
        for decision in unbounded.plan.decisions {
            #expect(decision.trace.contains("no multiplier: the objective does not bind"), "\(decision.trace)")
        }
    }
}
