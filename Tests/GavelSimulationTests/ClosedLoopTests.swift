import Foundation
import GavelCore
@testable import GavelSimulation
import Testing

@Suite("Closed-loop search simulation")
struct ClosedLoopTests {
    @Test("a seed replays the loop exactly; another seed gives another month")
    func deterministic() throws {
        var loop = try #require(closedLoops(closedLoopScenario()).first)
        loop.days = 6
        loop.warmupDays = 5
        let one = loop.run(seed: 41)
        let two = loop.run(seed: 41)
        #expect(one.days == two.days)
        #expect(one.finalBids == two.finalBids)
        #expect(one.nights == 6)
        #expect(one.firstDay == CalendarDay(year: 2026, month: 11, day: 30))
        #expect(loop.run(seed: 42).days != one.days)
        // The nightly job did re-bid: some keywords end the week at another bid than they started with.
        #expect(one.finalBids != loop.keywords.map { $0.attributes.maxCPC ?? .zero })
    }

    @Test("a job that holds every bid reproduces the held baseline exactly")
    func plumbing() throws {
        let folder = try temporaryFolder([
            "hold.yaml": "name: Never enough data\nscope:\n  accounts: [Demo Shop]\ngoal:\n  target_cpa: 20\n"
                + "limits:\n  min_clicks: 1000000\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loops = try closedLoops(
            closedLoopScenario(rules: "hold.yaml", settings: "days: 5\nwarmup_days: 3", grid: "  rebid: [false, true]"),
            directory: folder
        )
        let held = loops[0].run(seed: 9)
        let planned = loops[1].run(seed: 9)
        // Each keyword draws from its own stream, so equal bids give equal days, auction for auction.
        #expect(planned.days == held.days)
        #expect(planned.nights == 5)
        #expect(held.nights == 0)
        #expect(held.finalBids == loops[0].keywords.map { $0.attributes.maxCPC ?? .zero })
        #expect(planned.finalBids == held.finalBids)
        #expect(held.totals.queries == held.days.reduce(0) { $0 + $1.queries })
        #expect(held.totals.metrics.auctions == held.totals.queries)
    }

    /// Starting bids buy conversions at about €45–55; the rule engine bids target × estimated CVR, which caps a
    /// keyword's CPA at the target once its estimate is right (GSP charges below the bid). Most of the market's
    /// keywords pass the 20-click minimum within the first fortnight, so the CPA falls toward €20 while the held
    /// bids stay where they were.
    @Test("at target CPA €20 the loop's CPA moves from the starting bids' level toward the target")
    func convergence() throws {
        let loops = try closedLoops(
            closedLoopScenario(settings: "days: 28\nwarmup_days: 0\ntarget_cpa: 20", grid: "  rebid: [false, true]")
        )
        let held = loops[0].run(seed: 5)
        let rules = loops[1].run(seed: 5)
        let target = 20.0
        let firstWeek = try rules.costPerAcquisition(days: 0..<7)
        let lastTwoWeeks = try rules.costPerAcquisition(days: 14..<28)
        let heldLastTwoWeeks = try held.costPerAcquisition(days: 14..<28)
        #expect(abs(lastTwoWeeks - target) < abs(firstWeek - target))
        #expect(abs(lastTwoWeeks - target) < abs(heldLastTwoWeeks - target))
        #expect(heldLastTwoWeeks > 35)
        #expect(lastTwoWeeks < 30)
        // Lower bids buy fewer, cheaper clicks.
        #expect(rules.totals(days: 14..<28).clicks < held.totals(days: 14..<28).clicks)
        #expect(rules.refusedNights == 0)
    }

    @Test("a lower grid target ends with lower bids; a smaller portfolio budget spends less")
    func gridOverrides() throws {
        let targets = try closedLoops(
            closedLoopScenario(settings: "days: 4\nwarmup_days: 10", grid: "  target_cpa: [10, 40]"))
        let low = targets[0].run(seed: 2)
        let high = targets[1].run(seed: 2)
        let total = { (bids: [Micros]) in bids.reduce(Micros.zero, +) }
        #expect(total(low.finalBids) < total(high.finalBids))

        let budgets = try closedLoops(
            closedLoopScenario(portfolio: "{budget: 100}", settings: "days: 4\nwarmup_days: 10",
                grid: "  budget: [20, 400]"))
        let small = budgets[0].run(seed: 2)
        let large = budgets[1].run(seed: 2)
        #expect(small.totals(days: 2..<4).cost < large.totals(days: 2..<4).cost)
    }

    @Test("a scenario sweep runs closed loops on the workers and reports their metrics")
    func sweep() throws {
        let sweep = try Sweep(
            yaml: closedLoopScenario(settings: "days: 3\nwarmup_days: 2", grid: "  rebid: [false, true]"),
            file: "loop.yaml", directory: fixturesDirectory, name: "loop")
        let result = SweepRunner(workers: 2).run(sweep)
        #expect(result.points.count == 2)
        for point in result.points {
            #expect((point[.cost].mean ?? 0) > 0)
            #expect((point[.impressionShare].mean ?? 0) > 0 && (point[.impressionShare].mean ?? 1) < 1)
            #expect(point.runs.count == 2)
        }
    }

    @Test("the shipped example reads, and one of its points runs")
    func example() throws {
        let sweep = try Sweep(contentsOf: simulationsDirectory + "/closed-loop-target-cpa.yaml")
        #expect(sweep.grid.axes.map(\.name) == ["rebid", "target_cpa"])
        guard case .closedLoop(var loop) = try #require(sweep.points.last).job else {
            Issue.record("the example is a closed loop")
            return
        }
        #expect(loop.keywords.count == 2_000)
        loop.days = 2
        loop.warmupDays = 1
        let result = loop.run(seed: 1)
        #expect(result.nights == 2)
        #expect(result.totals.clicks > 0)
    }

    @Test("daily searches are Poisson and reporting lags geometric with the asked means")
    func draws() {
        var random = SeededRandom(seed: 77)
        for mean in [0.4, 6.0, 80.0] {
            let counts = (0..<20_000).map { _ in Double(random.nextPoisson(mean: mean)) }
            let average = counts.reduce(0, +) / Double(counts.count)
            let variance = counts.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(counts.count - 1)
            // Standard error of the mean: √(mean / 20,000); 5 of them.
            #expect(abs(average - mean) < 5 * (mean / 20_000).squareRoot())
            #expect(abs(variance / mean - 1) < 0.05)
        }
        #expect(random.nextPoisson(mean: 0) == 0)
        let lag = ConversionLagDraw(meanDays: 2)
        let lags = (0..<20_000).map { _ in Double(lag.draw(using: &random)) }
        let meanLag: Double = lags.reduce(0, +) / 20_000
        let sameDay: Double = Double(lags.filter { $0 == 0 }.count) / 20_000
        // Mean 2 ± 5 standard errors (σ² = m(1 + m) = 6); P(lag = 0) = 1 / (1 + m) = 1/3.
        #expect(abs(meanLag - 2) < 5 * (6.0 / 20_000).squareRoot())
        #expect(abs(sameDay - 1.0 / 3) < 0.02)
        #expect(ConversionLagDraw(meanDays: 0).draw(using: &random) == 0)
    }
}
