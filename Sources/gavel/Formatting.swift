import GavelCore

/// Number formats a specialist reads in a terminal: `12,345`, `1,234.56`, `4.3 %`.
enum Format {
    static func count(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `1 keyword`, `12,345 keywords`.
    static func count(_ value: some BinaryInteger, _ noun: String) -> String {
        "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    static func money(_ amount: Micros) -> String { grouped(amount.formatted(decimals: 2)) }

    static func decimal(_ value: Double, places: Int = 2) -> String {
        grouped(Micros(rounding: value).formatted(decimals: places))
    }

    /// Adds thousands separators to the whole part of a plain decimal such as `-1234.50`.
    private static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? plain.dropFirst() : Substring(plain)
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let whole = count(UInt64(parts[0]) ?? 0)
        return (negative ? "-" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return decimal(rate * 100, places: 2) + " %"
    }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return "–" }
        return decimal(value, places: 2)
    }

    static func optionalMoney(_ amount: Micros?) -> String { amount.map(money) ?? "–" }
}

/// Renders aligned text tables: first column left, the others right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    mutating func append(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
