import Foundation
import GavelSimulation
import Testing

@Suite("Shipped scenarios and the sweep job")
struct ExampleScenarioTests {
    @Test("the search and display examples read, with the grids they promise")
    func examples() throws {
        let search = try Sweep(contentsOf: simulationsDirectory + "/search-target-cpa.yaml")
        #expect(search.kind == .search)
        #expect(search.grid.axes.map(\.name) == ["target_cpa", "budget", "aggressiveness"])
        #expect(search.points.count == 9 * 3 * 3)
        let display = try Sweep(contentsOf: simulationsDirectory + "/display-pacing.yaml")
        #expect(display.kind == .display)
        #expect(display.grid.axes.map(\.name) == ["budget", "pacing"])
        #expect(display.points.count == 12)
    }

    @Test("the value-rivals pair reads: the rules at nine targets and the portfolio at seven budgets, on the same draws")
    func valueRivalsPair() throws {
        let rules = try Sweep(contentsOf: simulationsDirectory + "/closed-loop-value-rivals-rules.yaml")
        let portfolio = try Sweep(contentsOf: simulationsDirectory + "/closed-loop-value-rivals-portfolio.yaml")
        #expect(rules.points.count == 9)
        #expect(portfolio.points.count == 7)
        let seeds = Set((rules.points + portfolio.points).map(\.seed))
        #expect(seeds.count == 1)
    }

    @Test("the replay example reads when the iPinYou log is present, and explains itself when not")
    func replayExample() throws {
        let path = simulationsDirectory + "/replay-ipinyou-b0.yaml"
        // The scenario names the log relative to itself, so whether it reads depends on that path, not on
        // where the test suite found the data.
        let logBesideScenario = simulationsDirectory + "/../../shared/auction/ipinyou_2997_test.theta.txt.gz"
        if FileManager.default.fileExists(atPath: logBesideScenario) {
            let replay = try Sweep(contentsOf: path)
            #expect(replay.kind == .replay)
            #expect(replay.grid.axes.first?.name == "b0")
        } else {
            #expect(throws: ScenarioFileError.self) { try Sweep(contentsOf: path) }
        }
    }

    @Test("the job writes <out>/<name>.csv and .svg and reports them")
    func job() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try SweepJob.run(
            scenario: fixturesDirectory + "/tiny-display.yaml",
            outputDirectory: out,
            workers: 2
        )
        #expect(report.csvPath == out + "/tiny-display.csv")
        #expect(report.svgPath == out + "/tiny-display.svg")
        let csv = try String(contentsOfFile: report.csvPath, encoding: .utf8)
        #expect(csv.hasPrefix("fixed_cpm,budget,impressions,"))
        #expect(FileManager.default.fileExists(atPath: report.svgPath))
        #expect(report.description.contains("4 points × 2 runs = 8 runs"))
    }
}
