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
        let keywords = ["a", "b"].map { text in
            let daily = (0..<28).map { age in
                let low = age >= 14
                return DailyPoint(
                    day: asOf.advanced(by: -age), impressions: 1_000, clicks: low ? 40 : 60,
                    cost: Micros(units: low ? 16 : 45), conversions: low ? 2 : 3,
                    topImpressionRate: low ? 0.3 : 0.9, absoluteTopImpressionRate: low ? 0.1 : 0.5,
                    searchImpressionShare: 0.95)
            }
            var attributes = KeywordAttributes()
            attributes.maxCPC = Micros(units: 1)
            return PortfolioKeyword(
                history: KeywordHistory(
                    identity: KeywordIdentity(
                        account: "Acme", campaign: "C", adGroup: "G", text: text, matchType: .exact),
                    attributes: attributes, daily: daily),
                bids: [
                    DailyBid(day: asOf.advanced(by: -27), bid: Micros(800_000)),
                    DailyBid(day: asOf.advanced(by: -13), bid: Micros(units: 1)),
                ])
        }
        let plan = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: .budget(Micros(units: 80)))
            .plan(keywords, force: true, recentPlans: [])
        #expect(plan.plan.decisions.count == 2)
        for decision in plan.plan.decisions {
            #expect(decision.trace.contains("placed by page position"), "\(decision.trace)")
            #expect(decision.trace.contains("of clicks at the bottom of the page"), "\(decision.trace)")
        }
    }
}
