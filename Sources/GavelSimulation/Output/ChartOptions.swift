import Yams

/// What the SVG chart of a sweep plots: two metrics, which grid axis labels the points, which axes split
/// them into coloured series.
public struct ChartOptions: Hashable, Sendable {
    public var title: String?
    public var x: SweepMetric
    public var y: SweepMetric
    /// The axis whose value is written beside each point (`nil` without a grid).
    public var labelAxis: Int?
    /// The axes whose value combinations form the series, each drawn as a line in its own colour.
    public var seriesAxes: [Int]

    static let keys = ["title", "x", "y", "label", "series"]

    public init(title: String? = nil, x: SweepMetric, y: SweepMetric, labelAxis: Int?, seriesAxes: [Int]) {
        self.title = title
        self.x = x
        self.y = y
        self.labelAxis = labelAxis
        self.seriesAxes = seriesAxes
    }

    /// Defaults: cost across, `defaultY` up, points labelled by the first axis, series by the others.
    init(_ block: YAMLMapping?, grid: Grid, defaultY: SweepMetric) throws(ScenarioFileError) {
        let metrics = SweepMetric.allCases.map { (name: $0.column, value: $0) }
        let axes = grid.axes.enumerated().map { (name: $0.element.name, value: $0.offset) }
        func axis(_ setting: Setting) throws(ScenarioFileError) -> Int {
            guard !axes.isEmpty else { throw setting.error("'\(setting.key)' needs a grid to name an axis of") }
            return try setting.choice(axes)
        }
        let label = try block?.setting("label").map(axis) ?? (grid.axes.isEmpty ? nil : 0)
        var series: [Int] = grid.axes.indices.filter { $0 != label }
        if let node = block?.node("series"), let file = block?.file {
            let names = node.sequence.map(Array.init) ?? [node]
            series = []
            for name in names {
                let setting = try YAMLMapping.scalar(name, key: "series", file: file)
                if !setting.isNone { series.append(try axis(setting)) }
            }
        }
        self.init(
            title: try block?.setting("title")?.text,
            x: try block?.setting("x")?.choice(metrics) ?? .cost,
            y: try block?.setting("y")?.choice(metrics) ?? defaultY,
            labelAxis: label,
            seriesAxes: series
        )
    }
}
