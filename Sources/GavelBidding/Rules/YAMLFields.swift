import GavelCore
import Yams

/// Typed, located access to one YAML mapping of a rule file.
///
/// Every accessor reports problems at the offending node's line and column, and unknown keys are errors with a
/// "did you mean" hint: a misspelt `max_rasie` must not silently fall back to the default.
struct YAMLFields {
    let mapping: Node.Mapping
    let fileName: String
    let location: SourceLocation

    init(_ node: Node, fileName: String, section: String, allowed: [String]) throws(RuleFileError) {
        let location = YAMLFields.location(of: node)
        guard let mapping = node.mapping else {
            throw RuleFileError(fileName: fileName, location: location, reason: "\(section) must be a mapping of keys")
        }
        self.mapping = mapping
        self.fileName = fileName
        self.location = location
        for key in mapping.keys {
            let name = key.string ?? ""
            guard !allowed.contains(name) else { continue }
            let hint = NameSuggestion.hint(for: name, among: allowed)
            throw RuleFileError(
                fileName: fileName, location: YAMLFields.location(of: key),
                reason: "unknown key '\(name)' in \(section)\(hint)")
        }
    }

    static func location(of node: Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .start
    }

    func error(_ node: Node, _ reason: String) -> RuleFileError {
        RuleFileError(fileName: fileName, location: YAMLFields.location(of: node), reason: reason)
    }

    func node(_ key: String) -> Node? { mapping[key] }

    func contains(_ key: String) -> Bool { mapping[key] != nil }

    func scalar(_ key: String) throws(RuleFileError) -> (text: String, node: Node)? {
        guard let node = mapping[key] else { return nil }
        guard let scalar = node.scalar else { throw error(node, "'\(key)' must be a single value") }
        return (scalar.string, node)
    }

    func string(_ key: String) throws(RuleFileError) -> String? { try scalar(key)?.text }

    func requiredString(_ key: String, in section: String) throws(RuleFileError) -> String {
        guard let text = try string(key) else {
            throw RuleFileError(fileName: fileName, location: location, reason: "\(section) needs '\(key)'")
        }
        return text
    }

    func bool(_ key: String) throws(RuleFileError) -> Bool? {
        guard let (text, node) = try scalar(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "'\(key)' must be true or false, not '\(text)'")
        }
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(RuleFileError) -> Int? {
        guard let (text, node) = try scalar(key) else { return nil }
        guard let value = Int(text.replacingUnderscores()), range.contains(value) else {
            throw error(node, "'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func number(_ key: String, atLeast minimum: Double = 0) throws(RuleFileError) -> Double? {
        guard let (text, node) = try scalar(key) else { return nil }
        guard let value = Double(text.replacingUnderscores()), value.isFinite, value >= minimum else {
            throw error(node, "'\(key)' must be a number of at least \(minimum), not '\(text)'")
        }
        return value
    }

    /// Amounts in currency units: `0.50`, `€0.50` or `"€ 1,250.00"`; exact to the micro.
    func money(_ key: String) throws(RuleFileError) -> Micros? {
        guard let (text, node) = try scalar(key) else { return nil }
        var digits = Substring(text).trimmingSpaces()
        if let first = digits.first, "€$£¥".contains(first) { digits = digits.dropFirst().trimmingSpaces() }
        guard let amount = Micros(decimal: digits), amount >= .zero else {
            throw error(node, "'\(key)' must be an amount such as 0.50 or €0.50, not '\(text)'")
        }
        return amount
    }

    /// Percentages must carry their sign (`20%`, `+30%`, `-15%`) so `20` and `0.2` cannot be confused.
    func percent(_ key: String, signed: Bool = false) throws(RuleFileError) -> Double? {
        guard let (text, node) = try scalar(key) else { return nil }
        var body = Substring(text).trimmingSpaces()
        guard body.hasSuffix("%") else { throw error(node, "'\(key)' must be a percentage such as 20%, not '\(text)'") }
        body = body.dropLast().trimmingSpaces()
        if body.hasPrefix("+") { body = body.dropFirst() }
        guard let value = Double(body), value.isFinite, signed || value >= 0 else {
            throw error(node, "'\(key)' must be a\(signed ? "" : " non-negative") percentage, not '\(text)'")
        }
        return value / 100
    }

    func day(_ key: String, in section: String) throws(RuleFileError) -> CalendarDay {
        guard let (text, node) = try scalar(key) else {
            throw RuleFileError(fileName: fileName, location: location, reason: "\(section) needs '\(key)'")
        }
        guard let day = CalendarDay(iso: text) else { throw error(node, "'\(key)' must be a date YYYY-MM-DD") }
        return day
    }

    /// A list of scalars; a single scalar counts as a list of one.
    func strings(_ key: String) throws(RuleFileError) -> [(text: String, node: Node)] {
        guard let node = mapping[key] else { return [] }
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = node.sequence else { throw error(node, "'\(key)' must be a list") }
        var result: [(String, Node)] = []
        for item in sequence {
            guard let scalar = item.scalar else { throw error(item, "'\(key)' entries must be single values") }
            result.append((scalar.string, item))
        }
        return result
    }

    func list(_ key: String) throws(RuleFileError) -> [Node] {
        guard let node = mapping[key] else { return [] }
        guard let sequence = node.sequence else { throw error(node, "'\(key)' must be a list") }
        return Array(sequence)
    }

    func section(_ key: String, allowed: [String]) throws(RuleFileError) -> YAMLFields? {
        guard let node = mapping[key] else { return nil }
        return try YAMLFields(node, fileName: fileName, section: "'\(key)'", allowed: allowed)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
