import Foundation

/// Why a sweep could not run or could not write its results.
public enum SweepError: Error, CustomStringConvertible {
    case scenario(ScenarioFileError)
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case .scenario(let error): error.description
        case .output(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}

/// `gavel simulate <scenario.yaml>` as one call: read and check the file, run the grid on all cores, write
/// `<out>/<name>.csv` and `<out>/<name>.svg`.
public enum SweepJob {
    /// What ran and where the results are.
    public struct Report: Sendable, CustomStringConvertible {
        public var result: SweepResult
        public var csvPath: String
        public var svgPath: String
        public var workers: Int
        public var seconds: Double

        public var description: String {
            let runs = result.points.count * result.repetitions
            var lines = [
                "\(result.name): \(result.points.count) points × \(result.repetitions) runs = \(runs) runs "
                    + "in \(SweepChart.number(seconds, decimals: 1)) s on \(workers) workers",
                "  CSV: \(csvPath)",
                "  SVG: \(svgPath)",
            ]
            lines += SweepSummary.table(result).map { "  " + $0 }
            return lines.joined(separator: "\n")
        }
    }

    /// - Parameters:
    ///   - path: the scenario file.
    ///   - outputDirectory: created if missing.
    ///   - workers: threads; `nil` for one per core.
    ///   - progress: (runs done, runs in all), called one at a time from the workers.
    public static func run(
        scenario path: String,
        outputDirectory: String = "out",
        workers: Int? = nil,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(SweepError) -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let sweep: Sweep
        do { sweep = try Sweep(contentsOf: path) } catch { throw .scenario(error) }
        let runner = SweepRunner(workers: workers)
        let result = runner.run(sweep, progress: progress)
        let directory = URL(fileURLWithPath: outputDirectory)
        let csv = directory.appendingPathComponent(sweep.name + ".csv")
        let svg = directory.appendingPathComponent(sweep.name + ".svg")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(SweepCSV.render(result).utf8).write(to: csv)
            try Data(SweepChart.render(result).utf8).write(to: svg)
        } catch {
            throw .output(path: outputDirectory, reason: error.localizedDescription)
        }
        let elapsed = clock.now - start
        return Report(
            result: result,
            csvPath: display(outputDirectory, csv.lastPathComponent),
            svgPath: display(outputDirectory, svg.lastPathComponent),
            workers: min(runner.workers, max(1, sweep.points.count * sweep.repetitions)),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        )
    }
}

/// `out/name.csv` as the user would type it, whether or not they wrote the folder with a trailing slash.
private func display(_ directory: String, _ file: String) -> String {
    directory.hasSuffix("/") ? directory + file : directory + "/" + file
}

/// A short text table of a sweep for the terminal: the grid values and the charted metrics.
enum SweepSummary {
    /// At most this many rows; larger grids are read in the CSV.
    static let maximumRows = 40

    static func table(_ result: SweepResult) -> [String] {
        guard result.points.count <= maximumRows else {
            return ["(\(result.points.count) points: see the CSV for every row)"]
        }
        let metrics = [result.chart.x, result.chart.y]
        let header = result.grid.axes.map(\.name) + metrics.map(\.column)
        let rows = result.points.map { point in
            point.grid.values.map(\.text)
                + metrics.map {
                    point[$0].mean.map { SweepChart.number($0, decimals: $0 == $0.rounded() ? 0 : 2) } ?? "–"
                }
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }
}
