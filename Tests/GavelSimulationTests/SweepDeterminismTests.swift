import GavelAuction
import GavelSimulation
import Synchronization
import Testing

@Suite("Parallel sweeps are deterministic")
struct SweepDeterminismTests {
    let sweep: Sweep

    init() throws {
        sweep = try GavelSimulationTests.sweep(
            searchScenario(
                grid: """
                      target_cpa: [10, 30]
                      aggressiveness: [0.8, 1.25]
                    """,
                queries: 1_000,
                repetitions: 3
            )
        )
    }

    @Test("one worker and two workers write the same CSV")
    func workerCount() {
        let one = SweepCSV.render(SweepRunner(workers: 1).run(sweep))
        let two = SweepCSV.render(SweepRunner(workers: 2).run(sweep))
        let twoAgain = SweepCSV.render(SweepRunner(workers: 2).run(sweep))
        #expect(one == two)
        #expect(two == twoAgain)
        #expect(one.split(separator: "\n").count == 5)
    }

    @Test("a point's runs are the scenario's own repetitions on the point's seed")
    func sameAsScenario() throws {
        let result = SweepRunner(workers: 2).run(sweep)
        guard case .simulation(let scenario) = sweep.points[1].job else {
            Issue.record("a search point runs a simulation")
            return
        }
        let summary = scenario.repeated(sweep.repetitions)
        #expect(result.points[1].runs.map(\.clicks) == summary.runs.map(\.clicks))
        #expect(result.points[1][.clicks].mean == summary.clicks.mean)
        #expect(result.points[1][.clicks].lower == summary.clicks.lower)
    }

    @Test("progress counts every run once, up to the total")
    func progress() {
        let counter = Counter()
        _ = SweepRunner(workers: 2).run(sweep) { done, total in counter.record(done, total) }
        #expect(counter.calls == [Int](1...12))
        #expect(counter.total == 12)
    }
}

final class Counter: Sendable {
    private let state = Mutex<(calls: [Int], total: Int)>(([], 0))
    func record(_ done: Int, _ total: Int) {
        state.withLock {
            $0.calls.append(done)
            $0.total = total
        }
    }
    var calls: [Int] { state.withLock { $0.calls } }
    var total: Int { state.withLock { $0.total } }
}
