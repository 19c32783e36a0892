import Foundation
import GavelAuction
import Yams

/// The kinds of scenario a file can describe.
public enum SweepKind: String, CaseIterable, Hashable, Sendable {
    /// A search-ads market (synthetic, listed or from the generator's ground truth), bid per click by formula or
    /// re-bid every night by Gavel's bid job (a closed loop).
    case search
    /// A display / RTB impression stream, bid per impression.
    case display
    /// A strategy replayed on a logged-auction file (iPinYou format).
    case replay

    var model: any SweepModel.Type {
        switch self {
        case .search: SearchModel.self
        case .display: DisplayModel.self
        case .replay: ReplayModel.self
        }
    }
}

/// One grid point ready to run: its values, its seed and its job.
public struct SweepPoint: Sendable {
    public var grid: GridPoint
    /// The base of the point's repetition seeds, split from the file's seed by the point's index, so a
    /// point gives the same numbers whichever worker runs it, and whenever; with `common_random_numbers: true`
    /// every point has the first point's.
    public var seed: UInt64
    public var job: PointJob
}

/// A scenario file read and checked: a grid of points, each with its job, and how to report them.
///
/// Everything that can be wrong with the file is found here, before any point runs.
public struct Sweep: Sendable {
    /// Names the output files (`<name>.csv`, `<name>.svg`): the scenario file's name without extension.
    public var name: String
    public var kind: SweepKind
    public var grid: Grid
    public var points: [SweepPoint]
    /// Runs per point, each on its own seed; the intervals are over these.
    public var repetitions: Int
    public var confidence: Double
    public var chart: ChartOptions

    static let commonNames = ["kind", "seed", "common_random_numbers", "repetitions", "confidence", "grid", "chart"]

    /// Reads a scenario file; relative paths inside it are resolved against the file's folder.
    public init(contentsOf path: String) throws(ScenarioFileError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioFileError(file: path, location: .start, reason: "cannot read the scenario file: \(error)")
        }
        let url = URL(fileURLWithPath: path)
        try self.init(
            yaml: text,
            file: path,
            directory: url.deletingLastPathComponent().path,
            name: url.deletingPathExtension().lastPathComponent
        )
    }

    /// Reads scenario text.
    /// - Parameters:
    ///   - file: how errors name the file.
    ///   - directory: the folder relative paths (a replay's log) are resolved against.
    ///   - name: names the output files.
    public init(yaml: String, file: String, directory: String, name: String) throws(ScenarioFileError) {
        let rootNode = try YAMLDocument.root(of: yaml, file: file)
        let kind = try Sweep.kind(of: rootNode, file: file)
        let model = kind.model
        let root = try YAMLMapping(
            rootNode,
            file: file,
            section: "a \(kind.rawValue) scenario",
            allowed: Sweep.commonNames + model.settingNames + model.fixedNames
        )

        var base: [String: Setting] = [:]
        for key in model.settingNames where !model.blockSettingNames.contains(key) || root.node(key)?.mapping == nil {
            base[key] = try root.setting(key)
        }
        let settings = SettingTable(file: file, location: root.location, values: base)
        let grid = try Sweep.grid(root, model: model)
        let seed = UInt64(try root.setting("seed")?.integer(in: 0...Int.max) ?? 1)
        let instance = try model.init(root: root, directory: directory)
        // Common random numbers: every point on the first point's seeds, so the same searches, rivals and clicks
        // meet every setting and a difference between points is the settings', not the draws'.
        let common = try root.setting("common_random_numbers")?.bool() ?? false
        let seeds = Repetition.seeds(count: common ? 1 : grid.count, base: seed)
        let seedOf = { (index: Int) in seeds[common ? 0 : index] }
        var points: [SweepPoint] = []
        for point in grid.points {
            let job = try instance.job(settings.overriding(with: point.values), seed: seedOf(point.index))
            points.append(SweepPoint(grid: point, seed: seedOf(point.index), job: job))
        }

        self.name = name
        self.kind = kind
        self.grid = grid
        self.points = points
        self.repetitions = try root.setting("repetitions")?.integer(in: 1...100_000) ?? model.defaultRepetitions
        self.confidence = try root.setting("confidence")?.number(in: 0.5...0.999) ?? 0.95
        self.chart = try ChartOptions(
            root.mapping("chart", allowed: ChartOptions.keys),
            grid: grid,
            defaultY: model.defaultChartMetric
        )
    }

    private static func kind(of root: Node, file: String) throws(ScenarioFileError) -> SweepKind {
        let kinds = SweepKind.allCases.map { (name: $0.rawValue, value: $0) }
        guard let node = root.mapping?["kind"] else {
            throw ScenarioFileError(
                file: file,
                location: YAMLMapping.location(of: root),
                reason: "the scenario needs 'kind: search', 'kind: display' or 'kind: replay'"
            )
        }
        return try YAMLMapping.scalar(node, key: "kind", file: file).choice(kinds)
    }

    private static func grid(_ root: YAMLMapping, model: any SweepModel.Type) throws(ScenarioFileError) -> Grid {
        let fixed = commonNames + model.fixedNames
        let block = try root.mapping("grid", allowed: model.settingNames + fixed)
        for key in block?.keys ?? [] where fixed.contains(key) {
            throw ScenarioFileError(
                file: root.file,
                location: block?.keyLocation(key) ?? root.location,
                reason: "'\(key)' cannot be swept; the grid can vary \(model.settingNames.joined(separator: ", "))"
            )
        }
        return try GridReader.read(block)
    }
}
