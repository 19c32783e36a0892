import Foundation
import GavelSimulation
import Testing

@Suite("Grid expansion")
struct GridTests {
    @Test("the grid is the cartesian product, first axis slowest")
    func product() throws {
        let sweep = try sweep(
            searchScenario(
                grid: """
                      target_cpa: [10, 20, 30]
                      budget: [100, 200]
                      aggressiveness: [0.8, 1]
                    """
            )
        )
        #expect(sweep.grid.count == 12)
        #expect(sweep.points.count == 12)
        #expect(sweep.grid.axes.map(\.name) == ["target_cpa", "budget", "aggressiveness"])
        let rows = sweep.points.map { $0.grid.values.map(\.text) }
        #expect(rows[0] == ["10", "100", "0.8"])
        #expect(rows[1] == ["10", "100", "1"])
        #expect(rows[2] == ["10", "200", "0.8"])
        #expect(rows[5] == ["20", "100", "1"])
        #expect(rows[11] == ["30", "200", "1"])
        #expect(sweep.points.map(\.grid.index) == Array(0..<12))
    }

    @Test("a range includes both ends and prints round values")
    func range() throws {
        let sweep = try sweep(searchScenario(grid: "  target_cpa: {from: 10, to: 50, step: 5}"))
        #expect(sweep.points.map { $0.grid.values[0].text } == ["10", "15", "20", "25", "30", "35", "40", "45", "50"])
        let fractional = try self.sweep(searchScenario(grid: "  aggressiveness: {from: 0.1, to: 0.5, step: 0.1}"))
        #expect(fractional.points.map { $0.grid.values[0].text } == ["0.1", "0.2", "0.3", "0.4", "0.5"])
    }

    @Test("a single value is an axis of one; no grid is one point")
    func degenerate() throws {
        let single = try sweep(searchScenario(grid: "  budget: 300"))
        #expect(single.points.count == 1)
        #expect(single.points[0].grid.values.map(\.text) == ["300"])
        let none = try sweep(searchScenario(grid: "").replacingOccurrences(of: "grid:", with: ""))
        #expect(none.points.count == 1)
        #expect(none.grid.axes.isEmpty)
    }

    @Test("each point has its own seed, split from the file's seed by the point's index")
    func seeds() throws {
        let sweep = try sweep(searchScenario(grid: "  target_cpa: [10, 20, 30, 40]"))
        #expect(Set(sweep.points.map(\.seed)).count == 4)
        let again = try self.sweep(searchScenario(grid: "  target_cpa: [15, 25, 35, 45]"))
        #expect(again.points.map(\.seed) == sweep.points.map(\.seed))
    }

    @Test("'common_random_numbers: true' runs every point on the first point's seed")
    func commonRandomNumbers() throws {
        let independent = try sweep(searchScenario(grid: "  target_cpa: [10, 20, 30]"))
        let common = try sweep("common_random_numbers: true\n" + searchScenario(grid: "  target_cpa: [10, 20, 30]"))
        #expect(common.points.map(\.seed) == Array(repeating: independent.points[0].seed, count: 3))
        // The first point is the same run either way; the others differ only by their target.
        let first = (common: common.points[0], independent: independent.points[0])
        #expect(first.common.job.run(seed: first.common.seed) == first.independent.job.run(seed: first.independent.seed))
        let off = try sweep("common_random_numbers: false\n" + searchScenario(grid: "  target_cpa: [10, 20, 30]"))
        #expect(off.points.map(\.seed) == independent.points.map(\.seed))
        let wrong = try #require(
            parseError("common_random_numbers: sometimes\n" + searchScenario(grid: "  target_cpa: [10, 20]")))
        #expect(wrong.reason.contains("'common_random_numbers' must be true or false"))
    }

    func sweep(_ yaml: String) throws -> Sweep { try GavelSimulationTests.sweep(yaml) }
}
