import Dispatch
import Foundation
import GavelAuction
import Synchronization

/// The outcome of one grid point: its runs and each metric's mean and interval over them.
public struct PointResult: Sendable {
    public var grid: GridPoint
    public var seed: UInt64
    public var runs: [RunMetrics]
    /// One interval per ``SweepMetric``, in `allCases` order.
    public var intervals: [MetricInterval]

    public subscript(metric: SweepMetric) -> MetricInterval {
        intervals[SweepMetric.allCases.firstIndex(of: metric)!]
    }
}

/// A finished sweep: what the CSV and the chart are drawn from.
public struct SweepResult: Sendable {
    public var name: String
    public var kind: SweepKind
    public var grid: Grid
    public var points: [PointResult]
    public var repetitions: Int
    public var confidence: Double
    public var chart: ChartOptions
}

/// Runs every repetition of every grid point on a pool of worker threads.
///
/// The work is cut into (point, repetition) units that idle workers take in order, so a grid of three
/// points with ten repetitions still keeps every core busy. Each unit's seed depends only on its point and
/// repetition, and results are stored by unit, so the result is identical for any worker count or order.
public struct SweepRunner: Sendable {
    public var workers: Int

    /// - Parameter workers: threads to run on; `nil` for one per core.
    public init(workers: Int? = nil) {
        precondition((workers ?? 1) > 0, "need at least one worker")
        self.workers = workers ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// Runs the sweep.
    /// - Parameter progress: called after each finished run with (runs done, runs in all), one call at a time.
    public func run(
        _ sweep: Sweep,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    )
        -> SweepResult
    {
        let repetitions = sweep.repetitions
        let total = sweep.points.count * repetitions
        let seeds = sweep.points.map { Repetition.seeds(count: repetitions, base: $0.seed) }
        let queue = WorkQueue(units: total)
        let work = { @Sendable (_: Int) in
            while let unit = queue.take() {
                let point = unit / repetitions
                queue.finish(
                    unit,
                    sweep.points[point].job.run(seed: seeds[point][unit % repetitions]),
                    progress: progress
                )
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: min(workers, total), execute: work)
        }
        let runs = queue.runs
        let points = sweep.points.enumerated().map { index, point in
            let pointRuns = Array(runs[index * repetitions..<(index + 1) * repetitions])
            return PointResult(
                grid: point.grid,
                seed: point.seed,
                runs: pointRuns,
                intervals: SweepMetric.allCases.map { metric in
                    MetricInterval(
                        pointRuns.compactMap { $0.value(of: metric) },
                        confidence: sweep.confidence,
                        deterministic: point.job.isDeterministic
                    )
                }
            )
        }
        return SweepResult(
            name: sweep.name,
            kind: sweep.kind,
            grid: sweep.grid,
            points: points,
            repetitions: repetitions,
            confidence: sweep.confidence,
            chart: sweep.chart
        )
    }
}

/// Hands out (point, repetition) units in order and collects their runs; shared by the workers.
private final class WorkQueue: Sendable {
    private struct State {
        var next = 0
        var done = 0
        var runs: [RunMetrics?]
    }

    private let state: Mutex<State>
    private let units: Int

    init(units: Int) {
        self.units = units
        self.state = Mutex(State(runs: Array(repeating: nil, count: units)))
    }

    /// The next unit to run, or `nil` when all are handed out.
    func take() -> Int? {
        state.withLock { state in
            guard state.next < units else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    /// Stores a unit's run and reports progress; under the lock, so progress calls never overlap.
    func finish(_ unit: Int, _ metrics: RunMetrics, progress: (Int, Int) -> Void) {
        state.withLock { state in
            state.runs[unit] = metrics
            state.done += 1
            progress(state.done, units)
        }
    }

    /// Every unit's run; call after all units finished.
    var runs: [RunMetrics] { state.withLock { $0.runs.map { $0! } } }
}
