import Foundation
import RealModule

/// The sweep as a CSV table: one row per grid point, the grid values first, then every metric's mean and
/// confidence bounds (`clicks`, `clicks_lo`, `clicks_hi`), then the runs and the point's seed.
///
/// Empty cells mean "undefined" (CPA without conversions, an interval from a single random run).
public enum SweepCSV {
    public static func header(_ result: SweepResult) -> [String] {
        result.grid.axes.map(\.name)
            + SweepMetric.allCases.flatMap { [$0.column, $0.column + "_lo", $0.column + "_hi"] }
            + ["runs", "seed"]
    }

    public static func render(_ result: SweepResult) -> String {
        var lines = [header(result).map(field).joined(separator: ",")]
        for point in result.points {
            let values = point.grid.values.map(\.text)
            let metrics = point.intervals.flatMap { [number($0.mean), number($0.lower), number($0.upper)] }
            lines.append(
                (values + metrics + [String(point.runs.count), String(point.seed)]).map(field).joined(separator: ",")
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a field that holds a comma, a quote or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whole numbers as integers; others to 4 decimals, or 6 significant digits below 1 (rates).
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let digits = abs(value) >= 1 ? 4 : min(15, 5 - Int(Double.log10(abs(value)).rounded(.down)))
        let scale = Double.pow(10, Double(digits))
        return "\((value * scale).rounded() / scale)"
    }
}
