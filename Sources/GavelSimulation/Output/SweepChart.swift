import Foundation

/// Draws a sweep as a standalone SVG scatter chart a person opens in a browser: one metric against
/// another, each grid point a dot labelled with its value on the label axis and with its confidence
/// interval as whiskers, points of a series (the other axes' values) joined in grid order and coloured,
/// a legend, ticks, axis titles and a title. Hovering a point shows all its values.
public enum SweepChart {
    static let width = 1000.0
    static let height = 640.0
    static let plotLeft = 90.0
    static let plotRight = 700.0
    static let plotTop = 76.0
    static let plotBottom = 570.0
    /// Tableau 10: distinguishable, also in greyscale print.
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    public static func render(_ result: SweepResult) -> String {
        let options = result.chart
        let drawn = result.points.filter { $0[options.x].mean != nil && $0[options.y].mean != nil }
        func extent(_ metric: SweepMetric) -> [Double] {
            drawn.flatMap { [$0[metric].mean, $0[metric].lower, $0[metric].upper].compactMap { $0 } }
        }
        let xScale = ChartScale(covering: extent(options.x))
        let yScale = ChartScale(covering: extent(options.y))
        func px(_ value: Double) -> Double { xScale.position(value, from: plotLeft, to: plotRight) }
        func py(_ value: Double) -> Double { yScale.position(value, from: plotBottom, to: plotTop) }

        var svg = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(format(width))" height="\#(format(height))" "#
                + #"viewBox="0 0 \#(format(width)) \#(format(height))" font-family="Helvetica, Arial, sans-serif">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
            text(
                title(result),
                x: width / 2,
                y: 30,
                attributes: #"class="title" text-anchor="middle" font-size="18" font-weight="bold""#
            ),
            text(
                subtitle(result, drawn: drawn.count),
                x: width / 2,
                y: 52,
                attributes: ##"class="subtitle" text-anchor="middle" font-size="12" fill="#555""##
            ),
        ]
        svg += axes(result, xScale: xScale, yScale: yScale)
        let series = seriesGroups(result, drawn: drawn)
        for (index, group) in series.enumerated() {
            let colour = palette[index % palette.count]
            svg.append(#"<g class="series" data-series="\#(escape(group.name))">"#)
            let path = group.points.map { "\(format(px($0[options.x].mean!))),\(format(py($0[options.y].mean!)))" }
            if path.count > 1 {
                svg.append(
                    #"<polyline fill="none" stroke="\#(colour)" stroke-width="1.5" stroke-opacity="0.7" "#
                        + #"points="\#(path.joined(separator: " "))"/>"#
                )
            }
            for point in group.points {
                svg += marker(point, result: result, colour: colour, px: px, py: py)
            }
            svg.append("</g>")
        }
        svg += legend(series.map(\.name))
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    private static func title(_ result: SweepResult) -> String {
        result.chart.title
            ?? "\(result.name): \(result.chart.y.title.lowercased()) against \(result.chart.x.title.lowercased())"
    }

    private static func subtitle(_ result: SweepResult, drawn: Int) -> String {
        var parts: [String] = []
        if let label = result.chart.labelAxis { parts.append("points labelled by \(result.grid.axes[label].name)") }
        parts.append(
            result.repetitions > 1
                ? "whiskers: \(format(result.confidence * 100)) % intervals over \(result.repetitions) runs per point"
                : "one run per point"
        )
        if drawn < result.points.count {
            parts.append(
                "\(result.points.count - drawn) points without \(result.chart.x.column) or "
                    + "\(result.chart.y.column) not drawn"
            )
        }
        return parts.joined(separator: " · ")
    }

    private static func axes(_ result: SweepResult, xScale: ChartScale, yScale: ChartScale) -> [String] {
        var lines = [##"<g class="axes" font-size="11" fill="#333">"##]
        for tick in xScale.ticks {
            let x = xScale.position(tick, from: plotLeft, to: plotRight)
            lines.append(line(x, plotTop, x, plotBottom, stroke: "#e5e5e5"))
            lines.append(line(x, plotBottom, x, plotBottom + 5, stroke: "#333"))
            lines.append(
                text(
                    number(tick, decimals: xScale.decimals),
                    x: x,
                    y: plotBottom + 19,
                    attributes: #"text-anchor="middle""#
                )
            )
        }
        for tick in yScale.ticks {
            let y = yScale.position(tick, from: plotBottom, to: plotTop)
            lines.append(line(plotLeft, y, plotRight, y, stroke: "#e5e5e5"))
            lines.append(line(plotLeft - 5, y, plotLeft, y, stroke: "#333"))
            lines.append(
                text(
                    number(tick, decimals: yScale.decimals),
                    x: plotLeft - 8,
                    y: y + 4,
                    attributes: #"text-anchor="end""#
                )
            )
        }
        lines.append(line(plotLeft, plotBottom, plotRight, plotBottom, stroke: "#333"))
        lines.append(line(plotLeft, plotTop, plotLeft, plotBottom, stroke: "#333"))
        lines.append("</g>")
        lines.append(
            text(
                axisTitle(result.chart.x, result.kind),
                x: (plotLeft + plotRight) / 2,
                y: plotBottom + 45,
                attributes: #"class="axis-title" text-anchor="middle" font-size="13""#
            )
        )
        let middle = (plotTop + plotBottom) / 2
        lines.append(
            text(
                axisTitle(result.chart.y, result.kind),
                x: 24,
                y: middle,
                attributes:
                    #"class="axis-title" text-anchor="middle" font-size="13" "#
                    + #"transform="rotate(-90 24 \#(format(middle)))""#
            )
        )
        return lines
    }

    private static func axisTitle(_ metric: SweepMetric, _ kind: SweepKind) -> String {
        switch metric {
        case .cost, .costPerAcquisition: metric.title + (kind == .replay ? " (log price units)" : " (currency units)")
        default: metric.title
        }
    }

    /// A point's dot, whiskers, label and hover text.
    private static func marker(
        _ point: PointResult,
        result: SweepResult,
        colour: String,
        px: (Double) -> Double,
        py: (Double) -> Double
    ) -> [String] {
        let x = point[result.chart.x]
        let y = point[result.chart.y]
        let cx = px(x.mean!)
        let cy = py(y.mean!)
        var lines = [
            #"<g class="point" data-point="\#(point.grid.index)">"#,
            "<title>\(escape(tooltip(point, result: result)))</title>",
        ]
        if let low = x.lower, let high = x.upper { lines.append(line(px(low), cy, px(high), cy, stroke: colour)) }
        if let low = y.lower, let high = y.upper { lines.append(line(cx, py(low), cx, py(high), stroke: colour)) }
        lines.append(
            #"<circle cx="\#(format(cx))" cy="\#(format(cy))" r="4" fill="\#(colour)" "#
                + #"stroke="white" stroke-width="1"/>"#
        )
        let label = result.chart.labelAxis.map { point.grid.values[$0].text } ?? "#\(point.grid.index + 1)"
        lines.append(text(label, x: cx + 6, y: cy - 6, attributes: ##"class="label" font-size="10" fill="#333""##))
        lines.append("</g>")
        return lines
    }

    private static func tooltip(_ point: PointResult, result: SweepResult) -> String {
        var lines = [point.grid.values.map { "\($0.key) = \($0.text)" }.joined(separator: ", ")]
        for metric in [result.chart.x, result.chart.y] {
            let interval = point[metric]
            var text = "\(metric.column) \(number(interval.mean ?? 0, decimals: 2))"
            if let low = interval.lower, let high = interval.upper {
                text += " (\(number(low, decimals: 2)) to \(number(high, decimals: 2)))"
            }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    private struct Series {
        var name: String
        var points: [PointResult]
    }

    /// Points grouped by their series axes' values, in grid order, each ordered along the label axis.
    private static func seriesGroups(_ result: SweepResult, drawn: [PointResult]) -> [Series] {
        let axes = result.chart.seriesAxes
        var groups: [Series] = []
        for point in drawn {
            let name = axes.map { "\(result.grid.axes[$0].name) = \(point.grid.values[$0].text)" }.joined(
                separator: ", "
            )
            if let index = groups.firstIndex(where: { $0.name == name }) {
                groups[index].points.append(point)
            } else {
                groups.append(Series(name: name, points: [point]))
            }
        }
        guard let label = result.chart.labelAxis else { return groups }
        let axis = result.grid.axes[label]
        func rank(_ point: PointResult) -> Int {
            axis.values.firstIndex { $0.text == point.grid.values[label].text } ?? 0
        }
        return groups.map { Series(name: $0.name, points: $0.points.sorted { rank($0) < rank($1) }) }
    }

    private static func legend(_ names: [String]) -> [String] {
        guard names.count > 1 || names.first?.isEmpty == false else { return [] }
        var lines = [##"<g class="legend" font-size="11" fill="#333">"##]
        for (index, name) in names.enumerated() {
            let y = plotTop + 8 + Double(index) * 18
            lines.append(
                line(plotRight + 20, y - 4, plotRight + 40, y - 4, stroke: palette[index % palette.count], width: 3)
            )
            lines.append(text(name, x: plotRight + 46, y: y, attributes: ""))
        }
        lines.append("</g>")
        return lines
    }

    private static func line(
        _ x1: Double,
        _ y1: Double,
        _ x2: Double,
        _ y2: Double,
        stroke: String,
        width: Double = 1
    ) -> String {
        #"<line x1="\#(format(x1))" y1="\#(format(y1))" x2="\#(format(x2))" y2="\#(format(y2))" "#
            + #"stroke="\#(stroke)" stroke-width="\#(format(width))"/>"#
    }

    private static func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        let extra = attributes.isEmpty ? "" : " " + attributes
        return #"<text x="\#(format(x))" y="\#(format(y))"\#(extra)>\#(escape(content))</text>"#
    }

    /// Coordinates to 0.1 px.
    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    /// A tick or tooltip number with thousands separators: `12,500`, `0.25`.
    static func number(_ value: Double, decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = String(scaled / Int64(scale))
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + grouped }
        let fraction = String(scaled % Int64(scale))
        return sign + grouped + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
