import GavelAuction
import GavelBidding
import GavelCore
@testable import GavelSimulation
import Testing

@Suite("Closed loop: the platform's bid simulator")
struct BidSimulatorTests {
    /// Rungs 5 % apart at fixed places, in whole cents: a keyword whose bid moves sees the same points again.
    @Test func theLadderHasFixedRungsWithinReachOfTheBid() {
        let setup = BidSimulatorSetup()
        let around10 = setup.bids(around: Micros(units: 10))
        #expect(around10.first! >= Micros(units: 5))
        #expect(around10.last! <= Micros(units: 30))
        #expect(around10.count == 37)
        for (low, high) in zip(around10, around10.dropFirst()) {
            #expect(abs(high.units / low.units - 1.05) < 0.002)
        }
        #expect(around10.allSatisfy { $0.rawValue % 10_000 == 0 })
        let around105 = setup.bids(around: Micros(units: 10).scaled(by: 1.05))
        #expect(Set(around10).intersection(around105).count == 36)
        // Around €0.05 five per cent is a tenth of a cent: the rungs are the cents from €0.03 to €0.15.
        #expect(setup.bids(around: Micros(50_000)) == (3...15).map { Micros(rawValue: Int64($0) * 10_000) })
        #expect(setup.bids(around: .zero).isEmpty)
    }

    /// One rival at €1.00 against two GSP slots with click rates ½ and ¼: below the rival the keyword takes the
    /// second slot at no price (nobody below it, no reserve), above it the first at the rival's €1.00. Ten searches
    /// logged on one day of a three-day simulator count as that day's mean on the other two.
    @Test func theReplayPricesTheLoggedSearchesAtEveryBid() throws {
        let auction = PositionAuction(clickRates: [0.5, 0.25], pricing: .generalizedSecondPrice(increment: 0))
        var recent = RecentAuctions(setup: BidSimulatorSetup(days: 3, searchesPerDay: 10), rivalCount: 1)
        recent.begin(day: 4, searches: 40)
        var rival = [AuctionEntry(bid: 1, quality: 1)]
        rival.withUnsafeMutableBufferPointer { buffer in
            for salt in 0..<12 { recent.log(rivals: buffer[0...], salt: UInt64(salt)) }
        }
        let lastDay = try #require(CalendarDay(year: 2026, month: 11, day: 20))
        let simulation = try #require(
            recent.simulation(
                bids: [Micros(500_000), Micros(units: 2)], quality: 1, auction: auction, night: 4, lastDay: lastDay))
        #expect(simulation.days == DayRange(first: lastDay.advanced(by: -2), last: lastDay))
        // 40 searches a day (10 logged, scaled by 4) on each of 3 days.
        #expect(simulation.points.map(\.impressions) == [120, 120])
        #expect(simulation.points.map(\.clicks) == [30, 60])
        #expect(simulation.points.map(\.cost) == [.zero, Micros(units: 60)])
        let perDay = try #require(simulation.landscape)
        #expect(perDay.clicks(atBid: 2) == 20)
        #expect(perDay.cost(atBid: 2) == 20)
        // Three nights later the day is out of the window.
        #expect(
            recent.simulation(
                bids: [Micros(units: 2)], quality: 1, auction: auction, night: 7, lastDay: lastDay.advanced(by: 3))
                == nil)
    }

    /// The simulator logs searches without drawing a random number, and the rules job never reads it: a rules loop
    /// runs auction for auction as without it, while a portfolio loop bids some keywords on its points.
    @Test func theSimulatorChangesNothingButThePortfoliosLandscapes() throws {
        var rules = try #require(closedLoops(closedLoopScenario(settings: "days: 6\nwarmup_days: 14")).first)
        let without = rules.run(seed: 4)
        rules.bidSimulator = BidSimulatorSetup()
        let with = rules.run(seed: 4)
        #expect(with.days == without.days)
        #expect(with.finalBids == without.finalBids)

        var portfolio = try #require(
            closedLoops(closedLoopScenario(portfolio: "{budget: 300}", settings: "days: 6\nwarmup_days: 14")).first)
        let fitted = portfolio.run(seed: 4)
        portfolio.bidSimulator = BidSimulatorSetup()
        let simulated = portfolio.run(seed: 4)
        #expect(simulated.finalBids != fitted.finalBids)
        #expect(simulated.nights == fitted.nights)
    }

    @Test func aScenarioSwitchesTheSimulatorOnPerGridPoint() throws {
        let loops = try closedLoops(
            closedLoopScenario(portfolio: "{budget: 300}", settings: "days: 2", grid: "  bid_simulator: [false, true]"))
        #expect(loops.map { $0.bidSimulator != nil } == [false, true])
    }

    @Test func aScenarioSetsHowFarTheReplayReaches() throws {
        let portfolio = "{budget: 300}"
        let loops = try closedLoops(
            closedLoopScenario(
                portfolio: portfolio, settings: "days: 2\nbid_simulator_reach: 20",
                grid: "  bid_simulator: [false, true]"))
        #expect(loops.map { $0.bidSimulator?.reach } == [nil, 0.05...20])
        for (settings, reason) in [
            ("bid_simulator_reach: 20", "'bid_simulator_reach' needs 'bid_simulator: true'"),
            ("bid_simulator: true\nbid_simulator_reach: 1", "'bid_simulator_reach' must be a number"),
        ] {
            let error = #expect(throws: ScenarioFileError.self) {
                try closedLoops(closedLoopScenario(portfolio: portfolio, settings: "days: 2\n" + settings))
            }
            #expect(error.map { "\($0)".contains(reason) } == true)
        }
    }
}
