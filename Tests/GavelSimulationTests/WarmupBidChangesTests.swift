import GavelBidding
import GavelCore
import GavelSimulation
import Testing

/// The account's manager moving bids before Gavel takes over: what gives the first night's landscapes more than one
/// bid per keyword to fit.
@Suite struct WarmupBidChangesTests {
    @Test func aScenarioMovesTheWarmupBidsWeeklyUnlessToldOtherwise() throws {
        let weekly = try #require(
            closedLoops(closedLoopScenario(settings: "days: 1\nwarmup_bid_spread: 0.3")).first)
        #expect(weekly.warmupBidChanges == .init(every: 7, spread: 0.3))
        let everyThirdDay = try #require(
            closedLoops(closedLoopScenario(settings: "days: 1\nwarmup_bid_spread: 0.3\nwarmup_bid_change_days: 3"))
                .first)
        #expect(everyThirdDay.warmupBidChanges == .init(every: 3, spread: 0.3))
        #expect(try closedLoops(closedLoopScenario(settings: "days: 1")).first?.warmupBidChanges == nil)
        #expect {
            try closedLoops(closedLoopScenario(settings: "days: 1\nwarmup_bid_change_days: 3"))
        } throws: { error in
            "\(error)".contains("'warmup_bid_change_days' needs 'warmup_bid_spread'")
        }
    }

    @Test func theHistoryHasABidPerChangeDayInWholeCents() throws {
        var simulation = try #require(
            closedLoops(closedLoopScenario(settings: "days: 1\nwarmup_days: 21\nwarmup_bid_spread: 0.3")).first)
        let history = simulation.warmupHistory(seed: 5)
        let start = simulation.firstDay
        for (keyword, portfolio) in zip(simulation.keywords, history) {
            #expect(portfolio.bids.first == DailyBid(day: start, bid: keyword.attributes.maxCPC ?? .zero))
            // Days 7 and 14 move the bid (unless a draw lands on the same cent); day 21 is the first counted day.
            #expect(portfolio.bids.dropFirst().allSatisfy { [7, 14].contains(start.distance(to: $0.day)) })
            #expect(portfolio.bids.allSatisfy { $0.bid.rawValue % 10_000 == 0 && $0.bid >= Micros(10_000) })
            #expect(portfolio.history.attributes.maxCPC == portfolio.bids.last?.bid)
        }
        #expect(history.filter { $0.bids.count == 3 }.count > history.count / 2)
        #expect(simulation.warmupHistory(seed: 5).map(\.bids) == history.map(\.bids))

        simulation.warmupBidChanges = nil
        #expect(simulation.warmupHistory(seed: 5).allSatisfy { $0.bids.count == 1 })
    }
}
