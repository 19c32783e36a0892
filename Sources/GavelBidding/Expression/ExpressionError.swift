/// Why an expression could not be parsed or compiled, and where.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A character the language does not use.
        case unexpectedCharacter(Character)
        /// A token where the grammar wanted something else.
        case unexpectedToken(found: String, expected: String)
        /// A name the schema does not know; `suggestion` is the nearest known name, if one is close.
        case unknownIdentifier(String, suggestion: String?)
        /// A number used where a condition is needed, or the other way round.
        case typeMismatch(String)
        /// `a < b < c`: comparisons do not chain, write `a < b and b < c`.
        case chainedComparison
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The reason without the location, for callers that prefix their own (`file:line:column: reason`).
    public var reason: String {
        switch kind {
        case .unexpectedCharacter(let character): "unexpected character '\(character)'"
        case .unexpectedToken(let found, let expected): "expected \(expected), found \(found)"
        case .unknownIdentifier(let name, let suggestion):
            "unknown name '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .typeMismatch(let message): message
        case .chainedComparison: "comparisons do not chain; write 'a < b and b < c'"
        }
    }

    public var description: String { "\(location): \(reason)" }
}
