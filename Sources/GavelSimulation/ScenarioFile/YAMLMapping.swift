import GavelBidding
import Yams

/// Typed, located access to one YAML mapping of a scenario file.
///
/// Unknown keys are errors with a "did you mean" hint: a misspelt `aggresiveness` must not silently run the
/// whole grid at the default.
struct YAMLMapping {
    let file: String
    /// How messages name this block: `'market'`, `the scenario`.
    let section: String
    let location: SourceLocation
    private let entries: [(key: String, keyLocation: SourceLocation, value: Node)]

    init(_ node: Node, file: String, section: String, allowed: [String]) throws(ScenarioFileError) {
        let location = YAMLMapping.location(of: node)
        guard let mapping = node.mapping else {
            throw ScenarioFileError(file: file, location: location, reason: "\(section) must be a mapping of keys")
        }
        var entries: [(String, SourceLocation, Node)] = []
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            guard allowed.contains(name) else {
                throw ScenarioFileError(
                    file: file,
                    location: YAMLMapping.location(of: key),
                    reason: "unknown key '\(name)' in \(section)" + NameSuggestion.hint(for: name, among: allowed)
                )
            }
            entries.append((name, YAMLMapping.location(of: key), value))
        }
        self.file = file
        self.section = section
        self.location = location
        self.entries = entries
    }

    static func location(of node: Node) -> SourceLocation {
        node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .start
    }

    func error(_ reason: String) -> ScenarioFileError {
        ScenarioFileError(file: file, location: location, reason: reason)
    }

    /// The keys present, in file order.
    var keys: [String] { entries.map(\.key) }

    func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func keyLocation(_ key: String) -> SourceLocation? { entries.first { $0.key == key }?.keyLocation }

    /// The scalar under `key`; a list or mapping there is an error.
    func setting(_ key: String) throws(ScenarioFileError) -> Setting? {
        guard let node = node(key) else { return nil }
        return try YAMLMapping.scalar(node, key: key, file: file)
    }

    func required(_ key: String) throws(ScenarioFileError) -> Setting {
        guard let setting = try setting(key) else { throw error("\(section) needs '\(key)'") }
        return setting
    }

    func mapping(_ key: String, allowed: [String]) throws(ScenarioFileError) -> YAMLMapping? {
        guard let node = node(key) else { return nil }
        return try YAMLMapping(node, file: file, section: "'\(key)'", allowed: allowed)
    }

    static func scalar(_ node: Node, key: String, file: String) throws(ScenarioFileError) -> Setting {
        guard let scalar = node.scalar else {
            throw ScenarioFileError(
                file: file,
                location: location(of: node),
                reason: "'\(key)' must be a single value, not a list or mapping"
            )
        }
        return Setting(key: key, text: scalar.string, location: location(of: node), file: file)
    }
}

/// Parses scenario text into a YAML node tree, turning Yams's errors into located ``ScenarioFileError``s.
enum YAMLDocument {
    static func root(of text: String, file: String) throws(ScenarioFileError) -> Node {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw ScenarioFileError(file: file, location: location(of: error), reason: reason(of: error))
        } catch {
            throw ScenarioFileError(file: file, location: .start, reason: "not valid YAML: \(error)")
        }
        guard let node else { throw ScenarioFileError(file: file, location: .start, reason: "the file is empty") }
        return node
    }

    private static func location(of error: YamlError) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            SourceLocation(line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            SourceLocation(line: context.mark.line, column: context.mark.column)
        default:
            .start
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            "not valid YAML: " + problem + (context.map { " (\($0.text))" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate key '\(duplicates.joined(separator: "', '"))'"
        default:
            "not valid YAML: \(error)"
        }
    }
}
