import Yams

/// One swept setting and the values it takes, in the order the file lists them.
public struct GridAxis: Hashable, Sendable {
    /// The setting's key, e.g. `target_cpa`; also the CSV column.
    public var name: String
    public var values: [Setting]

    public init(name: String, values: [Setting]) {
        self.name = name
        self.values = values
    }
}

/// One combination of axis values.
public struct GridPoint: Hashable, Sendable {
    /// Position in ``Grid/points``: the CSV row and the stream the point's seed is split from.
    public var index: Int
    /// One value per axis, in axis order.
    public var values: [Setting]
}

/// The cartesian product of the swept settings.
///
/// Points are ordered like nested loops in file order: the first axis varies slowest, the last fastest, so
/// the CSV reads as the file does. A scenario without a grid has one point with no values.
public struct Grid: Hashable, Sendable {
    public var axes: [GridAxis]

    public init(axes: [GridAxis]) { self.axes = axes }

    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    public var points: [GridPoint] {
        (0..<count).map { index in
            var remainder = index
            var values: [Setting] = []
            for axis in axes.reversed() {
                values.append(axis.values[remainder % axis.values.count])
                remainder /= axis.values.count
            }
            return GridPoint(index: index, values: values.reversed())
        }
    }
}

/// Reads the `grid:` block: each key a sweepable setting, each value a list, a single value, or a range
/// `{from: 10, to: 50, step: 5}` (both ends included).
enum GridReader {
    static let rangeKeys = ["from", "to", "step"]
    /// Guards against a step typo turning a sweep into millions of points.
    static let maximumPoints = 100_000

    static func read(_ block: YAMLMapping?) throws(ScenarioFileError) -> Grid {
        guard let block else { return Grid(axes: []) }
        var axes: [GridAxis] = []
        for key in block.keys {
            guard let node = block.node(key) else { continue }
            axes.append(GridAxis(name: key, values: try values(of: node, key: key, file: block.file)))
        }
        let grid = Grid(axes: axes)
        guard grid.count <= maximumPoints else {
            throw block.error("the grid has \(grid.count) points; at most \(maximumPoints) are allowed")
        }
        return grid
    }

    private static func values(of node: Node, key: String, file: String) throws(ScenarioFileError) -> [Setting] {
        if node.scalar != nil { return [try YAMLMapping.scalar(node, key: key, file: file)] }
        if let sequence = node.sequence {
            var values: [Setting] = []
            for item in sequence { values.append(try YAMLMapping.scalar(item, key: key, file: file)) }
            guard !values.isEmpty else {
                throw ScenarioFileError(
                    file: file,
                    location: YAMLMapping.location(of: node),
                    reason: "grid '\(key)' has no values"
                )
            }
            return values
        }
        let range = try YAMLMapping(node, file: file, section: "the range of '\(key)'", allowed: rangeKeys)
        let from = try range.required("from").number(
            in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        )
        let to = try range.required("to").number(in: from...Double.greatestFiniteMagnitude)
        let step = try range.required("step").positiveNumber()
        let count = Int(((to - from) / step * (1 + 1e-12)).rounded(.down)) + 1
        guard count <= maximumPoints else { throw range.error("the range of '\(key)' has \(count) values") }
        return (0..<count).map { index in
            // Rounded to 1e-9 so 0.1 steps print as 0.3, not 0.30000000000000004.
            let value = ((from + Double(index) * step) * 1e9).rounded() / 1e9
            return Setting(key: key, text: value.formattedSetting, location: range.location, file: file)
        }
    }
}
