/// A 1-based line and column in a piece of text, so every error can point at the character that caused it.
///
/// Columns count Unicode scalars, as libYAML (and so Yams' node marks) do, which makes an expression's
/// position and its YAML scalar's position add up.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// This location read as relative to `origin`: how a position inside an embedded text (an expression in a YAML
    /// scalar) becomes a position in the enclosing file.
    public func offset(by origin: SourceLocation) -> SourceLocation {
        line == 1
            ? SourceLocation(line: origin.line, column: origin.column + column - 1)
            : SourceLocation(line: origin.line + line - 1, column: column)
    }
}
