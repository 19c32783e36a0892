import GavelCore
import Yams

/// Typed, located access to one YAML mapping of a campaign file: every problem names the node's
/// line and column, and unknown keys are errors, so a misspelt `blocked_domians` cannot silently
/// widen a campaign's reach.
struct YAMLReader {
    let mapping: Node.Mapping
    let node: Node
    let fileName: String

    init(_ node: Node, fileName: String, section: String, allowed: Set<String>) throws(CampaignFileError) {
        self.node = node
        self.fileName = fileName
        guard let mapping = node.mapping else {
            throw Self.error(node, fileName: fileName, "\(section) must be a mapping of keys")
        }
        self.mapping = mapping
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            let known = allowed.sorted().joined(separator: ", ")
            throw Self.error(key, fileName: fileName, "unknown key '\(key.string ?? "")' in \(section) (known: \(known))")
        }
    }

    /// The document's root node; YAML syntax errors keep their line and column.
    /// - Parameter what: the file's kind, for the message when it is empty ("the campaign file").
    static func root(of yaml: String, fileName: String, what: String) throws(CampaignFileError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw CampaignFileError(fileName: fileName, line: 1, column: 1, reason: "\(what) is empty")
            }
            return node
        } catch let error as CampaignFileError {
            throw error
        } catch let error as YamlError {
            throw convert(error, fileName: fileName)
        } catch {
            throw CampaignFileError(fileName: fileName, reason: "\(error)")
        }
    }

    private static func convert(_ error: YamlError, fileName: String) -> CampaignFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let reason = context.map { "\(problem) (\($0.text))" } ?? problem
            return CampaignFileError(fileName: fileName, line: mark.line, column: mark.column, reason: "YAML: \(reason)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return CampaignFileError(
                fileName: fileName,
                line: context.mark.line,
                column: context.mark.column,
                reason: "duplicated key \(duplicates.joined(separator: ", "))"
            )
        default:
            return CampaignFileError(fileName: fileName, line: 1, column: 1, reason: "YAML: \(error)")
        }
    }

    static func error(_ node: Node, fileName: String, _ reason: String) -> CampaignFileError {
        CampaignFileError(fileName: fileName, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, reason: reason)
    }

    func error(_ node: Node, _ reason: String) -> CampaignFileError {
        Self.error(node, fileName: fileName, reason)
    }

    func section(_ key: String, allowed: Set<String>) throws(CampaignFileError) -> YAMLReader? {
        guard let child = mapping[key] else { return nil }
        return try YAMLReader(child, fileName: fileName, section: "'\(key)'", allowed: allowed)
    }

    func scalar(_ key: String) throws(CampaignFileError) -> (text: String, node: Node)? {
        guard let child = mapping[key] else { return nil }
        guard let scalar = child.scalar else { throw error(child, "'\(key)' must be a single value") }
        return (scalar.string, child)
    }

    func string(_ key: String) throws(CampaignFileError) -> String? { try scalar(key)?.text }

    func requiredString(_ key: String, in section: String) throws(CampaignFileError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw error(node, "\(section) needs '\(key)'") }
        return text
    }

    func bool(_ key: String) throws(CampaignFileError) -> Bool? {
        guard let (text, child) = try scalar(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(child, "'\(key)' must be true or false, not '\(text)'")
        }
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(CampaignFileError) -> Int? {
        guard let (text, child) = try scalar(key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw error(child, "'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(CampaignFileError) -> Double? {
        guard let (text, child) = try scalar(key) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw error(child, "'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// An amount in currency units, `2.50` or `$2.50`, exact to the micro.
    func money(_ key: String) throws(CampaignFileError) -> Micros? {
        guard let (text, child) = try scalar(key) else { return nil }
        var digits = Substring(text)
        if let first = digits.first, "€$£¥".contains(first) { digits = digits.dropFirst() }
        guard let amount = Micros(decimal: digits), amount >= .zero else {
            throw error(child, "'\(key)' must be an amount such as 2.50, not '\(text)'")
        }
        return amount
    }

    /// A list of scalars; a single scalar counts as a list of one.
    func strings(_ key: String) throws(CampaignFileError) -> [(text: String, node: Node)]? {
        guard let child = mapping[key] else { return nil }
        if let scalar = child.scalar { return [(scalar.string, child)] }
        guard let sequence = child.sequence else { throw error(child, "'\(key)' must be a list") }
        var result: [(String, Node)] = []
        for item in sequence {
            guard let scalar = item.scalar else { throw error(item, "items of '\(key)' must be single values") }
            result.append((scalar.string, item))
        }
        return result
    }

    func stringSet(_ key: String) throws(CampaignFileError) -> Set<String>? {
        try strings(key).map { Set($0.map(\.text)) }
    }
}
