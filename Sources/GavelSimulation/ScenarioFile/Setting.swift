import GavelBidding
import GavelCore

/// One scalar of a scenario file — a top-level setting, a market field, or a grid value standing in for a
/// setting at one grid point — with the place it was written, so every conversion can fail with a location.
public struct Setting: Hashable, Sendable {
    /// The key the value belongs to (a grid value carries the key it overrides).
    public var key: String
    public var text: String
    public var location: SourceLocation
    public var file: String

    public init(key: String, text: String, location: SourceLocation, file: String) {
        self.key = key
        self.text = text
        self.location = location
        self.file = file
    }

    func error(_ reason: String) -> ScenarioFileError {
        ScenarioFileError(file: file, location: location, reason: reason)
    }

    /// `none`, `~`, `null` or an empty value: "no budget", "no cap".
    var isNone: Bool { ["", "~", "null", "none"].contains(text.lowercased()) }

    /// A number; `20_000`, `1,000` and fractions such as `1/32` are accepted, because budget fractions in the
    /// replay literature are written c₀ = 1/32.
    func number(
        in range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
    ) throws(ScenarioFileError)
        -> Double
    {
        let plain = text.filter { $0 != "_" && $0 != "," }
        let parts = plain.split(separator: "/", omittingEmptySubsequences: false)
        let value: Double? =
            switch parts.count {
            case 1: Double(parts[0])
            case 2: Double(parts[0]).flatMap { numerator in Double(parts[1]).map { numerator / $0 } }
            default: nil
            }
        guard let value, value.isFinite, range.contains(value) else {
            throw error("'\(key)' must be a number\(Setting.describe(range)), not '\(text)'")
        }
        return value
    }

    /// A number strictly above zero.
    func positiveNumber() throws(ScenarioFileError) -> Double {
        let value = try number()
        guard value > 0 else { throw error("'\(key)' must be greater than 0, not '\(text)'") }
        return value
    }

    func integer(in range: ClosedRange<Int>) throws(ScenarioFileError) -> Int {
        guard let value = Int(text.filter { $0 != "_" && $0 != "," }), range.contains(value) else {
            throw error("'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// An amount in currency units: `25`, `25.50`, `€25` or `"€ 1,250"`, exact to the micro.
    func money() throws(ScenarioFileError) -> Micros {
        var digits = Substring(text).drop { $0 == " " }
        if let first = digits.first, "€$£¥".contains(first) { digits = digits.dropFirst().drop { $0 == " " } }
        guard let amount = Micros(decimal: digits.filter { $0 != "_" }), amount >= .zero else {
            throw error("'\(key)' must be an amount such as 25 or €25.50, not '\(text)'")
        }
        return amount
    }

    /// An amount, or `nil` for `none`.
    func optionalMoney() throws(ScenarioFileError) -> Micros? { isNone ? nil : try money() }

    func bool() throws(ScenarioFileError) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("'\(key)' must be true or false, not '\(text)'")
        }
    }

    /// One of a fixed set of words; the error lists them and suggests the nearest.
    func choice<Value>(_ options: [(name: String, value: Value)]) throws(ScenarioFileError) -> Value {
        if let match = options.first(where: { $0.name == text.lowercased() }) { return match.value }
        let names = options.map(\.name)
        throw error(
            "'\(key)' must be one of \(names.joined(separator: ", ")), not '\(text)'"
                + NameSuggestion.hint(for: text, among: names)
        )
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude): ""
        case (_, Double.greatestFiniteMagnitude): " of at least \(range.lowerBound.formattedSetting)"
        default: " in \(range.lowerBound.formattedSetting)...\(range.upperBound.formattedSetting)"
        }
    }
}

extension Double {
    /// `10` rather than `10.0`, for messages and generated grid values.
    var formattedSetting: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : "\(self)"
    }
}
