import Foundation
import GavelSimulation

/// The shipped demo rule file (target CPA €20, scoped to the generated "Demo Shop"), relative to the fixtures folder
/// the test scenarios are read from.
let demoRules = "../../../Rules/demo-target-cpa.yaml"

/// A closed loop on a small, busy generated market: 60 keywords with at least 50 searches a day each, so most
/// keywords pass the rule file's 20-click minimum within days and a debug build runs a month in about a second.
func closedLoopScenario(
    rules: String = demoRules,
    portfolio: String? = nil,
    settings: String = "",
    grid: String? = nil
) -> String {
    """
    kind: search
    seed: 3
    repetitions: 2
    market:
      generated: {keywords: 60, seed: 7, min_daily_searches: 50}
    strategy:
      rules: \(rules)
    \(portfolio.map { "  portfolio: \($0)" } ?? "")
    \(settings)
    \(grid.map { "grid:\n\($0)" } ?? "")
    """
}

/// The closed loops of a scenario's grid points, in grid order.
func closedLoops(_ yaml: String, directory: String = fixturesDirectory) throws -> [ClosedLoopSimulation] {
    try Sweep(yaml: yaml, file: "loop.yaml", directory: directory, name: "loop").points.map { point in
        guard case .closedLoop(let simulation) = point.job else { throw NotAClosedLoop() }
        return simulation
    }
}

struct NotAClosedLoop: Error {}

/// Writes `files` into a fresh temporary folder and returns its path; the caller removes it.
func temporaryFolder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-loop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder.path
}

extension ClosedLoopResult {
    /// CPA of the days at `range`; fails the test rather than dividing by zero.
    func costPerAcquisition(days range: Range<Int>) throws -> Double {
        guard let cpa = totals(days: range).costPerAcquisition else { throw NoConversions(days: range) }
        return cpa
    }
}

struct NoConversions: Error {
    var days: Range<Int>
}
