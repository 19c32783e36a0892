import Foundation
import GavelSimulation

/// Reads scenario text as if it were `Simulations/<name>.yaml`.
func sweep(_ yaml: String, name: String = "test") throws -> Sweep {
    try Sweep(yaml: yaml, file: "\(name).yaml", directory: fixturesDirectory, name: name)
}

/// The error reading `yaml` raises, or `nil` if it reads.
func parseError(_ yaml: String) -> ScenarioFileError? {
    do {
        _ = try Sweep(yaml: yaml, file: "bad.yaml", directory: fixturesDirectory, name: "bad")
        return nil
    } catch { return error }
}

let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    .path

/// The shipped scenarios, beside Sources/ and Tests/.
let simulationsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Simulations").path

/// The iPinYou campaign 2997 files, read in place and never copied into the repository.
enum IPinYou {
    static let directory = "/work/shared/auction"
    static let log = directory + "/ipinyou_2997_test.theta.txt.gz"
    static let info = directory + "/ipinyou_2997_info.json"
    static var available: Bool {
        FileManager.default.fileExists(atPath: log) && FileManager.default.fileExists(atPath: info)
    }
}

/// A small synthetic search market: 40 keywords, cheap enough to run many times in a debug build.
func searchScenario(grid: String, queries: Int = 2_000, repetitions: Int = 3, extra: String = "") -> String {
    """
    kind: search
    seed: 11
    repetitions: \(repetitions)
    market:
      synthetic: {keywords: 40, seed: 5}
    queries: \(queries)
    target_cpa: 25
    \(extra)
    grid:
    \(grid)
    """
}
