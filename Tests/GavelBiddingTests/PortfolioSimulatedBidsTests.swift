import GavelBidding
import GavelCore
import Testing

/// A keyword bid on its bid simulation is bid only at bids the platform replayed.
struct PortfolioSimulatedBidsTests {
    /// The trace test's keyword (two weeks at €0.80, two at €1.00; a fitted landscape) with a simulation at `bids`,
    /// 10 clicks and €(bid × 10) a day more per step.
    private func keyword(simulatedBids bids: [Int64]) -> PortfolioKeyword {
        let asOf = EngineFixtures.asOf
        return EngineFixtures.pagePositionKeyword(
            "a",
            simulation: BidSimulation(
                days: DayRange(first: asOf.advanced(by: -6), last: asOf),
                points: bids.enumerated().map { step, bid in
                    .init(
                        bid: Micros(bid), clicks: Double(70 * (step + 1)), cost: Micros(bid * 70 * Int64(step + 1)),
                        impressions: 1_000)
                }))
    }

    private func plan(_ keyword: PortfolioKeyword, budget: Int64) throws -> PortfolioPlan {
        let ruleSet = try EngineFixtures.ruleSet(goal: "target_cpa: 25")
        return PortfolioPlanner(ruleSet: ruleSet, asOf: EngineFixtures.asOf, objective: .budget(Micros(units: budget)))
            .plan([keyword], force: true, recentPlans: [])
    }

    /// The change band is €0.10–€2.00: a budget too small for any step still bids the lowest replayed bid, not the
    /// band's €0.10, where the grid would claim the lowest point's clicks.
    @Test func aSmallBudgetBidsTheLowestReplayedBidNotTheBandsFloor() throws {
        let planned = try plan(keyword(simulatedBids: [600_000, 1_200_000]), budget: 1)
        #expect(planned.simulated == 1)
        // €0.60 and €1.20 around the €1.00 in force.
        #expect(planned.simulationReach == 0.6...1.2)
        #expect(planned.plan.decisions.first?.newBid == Micros(600_000))
    }

    /// A generous budget bids the highest replayed bid, not the band's €2.00.
    @Test func aLargeBudgetBidsTheHighestReplayedBid() throws {
        let planned = try plan(keyword(simulatedBids: [600_000, 1_200_000]), budget: 1_000)
        #expect(planned.plan.decisions.first?.newBid == Micros(1_200_000))
    }

    @Test func aSimulationOutsideTheBandLeavesTheKeywordOnItsFittedCurve() throws {
        let planned = try plan(keyword(simulatedBids: [3_000_000, 4_000_000]), budget: 30)
        #expect(planned.simulated == 0)
        #expect(planned.simulationReach == nil)
        let trace = try #require(planned.plan.decisions.first?.trace)
        #expect(!trace.contains("bid simulator"))
        #expect(trace.contains("steepness"))
    }
}
