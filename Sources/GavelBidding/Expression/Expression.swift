/// A parsed condition or formula over named values, e.g. `clicks >= 100 and conversions == 0`.
///
/// One language serves the bid rules and the categorizer's saved filters, so a filter a specialist tests in the
/// categorizer means the same thing in a rule file. Parse once with ``parse(_:)``, then ``compile(against:)`` it to
/// a ``CompiledExpression`` that evaluates per keyword without dictionary look-ups or allocation.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    case number(Double, at: SourceLocation)
    case boolean(Bool, at: SourceLocation)
    case identifier(String, at: SourceLocation)
    case unary(UnaryOperator, Expression, at: SourceLocation)
    case binary(BinaryOperator, Expression, Expression, at: SourceLocation)

    public enum UnaryOperator: String, Hashable, Sendable {
        case negate = "-"
        case not = "not"
    }

    public enum BinaryOperator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
        case and = "and", or = "or"

        var isComparison: Bool {
            switch self {
            case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
            default: false
            }
        }
        var isLogical: Bool { self == .and || self == .or }
    }

    /// Parses `text`; locations are 1-based within `text`.
    /// - Throws: ``ExpressionError`` with the line and column of the first problem.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokenize(text))
        return try parser.parseAll()
    }

    /// Where the expression starts (for an operator: where the operator is written).
    public var location: SourceLocation {
        switch self {
        case .number(_, let at), .boolean(_, let at), .identifier(_, let at), .unary(_, _, let at),
            .binary(_, _, _, let at):
            at
        }
    }

    /// Every identifier the expression reads, in reading order (with repeats).
    public var identifiers: [String] {
        switch self {
        case .number, .boolean: []
        case .identifier(let name, _): [name]
        case .unary(_, let operand, _): operand.identifiers
        case .binary(_, let lhs, let rhs, _): lhs.identifiers + rhs.identifiers
        }
    }

    /// Fully parenthesised, so the parse tree can be read back and checked.
    public var description: String {
        switch self {
        case .number(let value, _): formatNumber(value)
        case .boolean(let value, _): value ? "true" : "false"
        case .identifier(let name, _): name
        case .unary(let op, let operand, _): op == .not ? "(not \(operand))" : "(-\(operand))"
        case .binary(let op, let lhs, let rhs, _): "(\(lhs) \(op.rawValue) \(rhs))"
        }
    }

    private func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Recursive descent over the grammar in Docs/rules.md, lowest precedence first:
/// `or` < `and` < `not` < comparison < `+ -` < `* /` < unary `-` and `+`.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var position = 0

    init(tokens: [ExpressionToken]) { self.tokens = tokens }

    private var current: ExpressionToken { tokens[position] }

    mutating func parseAll() throws(ExpressionError) -> Expression {
        let expression = try parseOr()
        guard current.kind == .end else { throw unexpected(expected: "an operator or the end of the expression") }
        return expression
    }

    private func unexpected(expected: String) -> ExpressionError {
        let found = current.kind == .end ? "end of input" : "'\(current.text)'"
        return ExpressionError(.unexpectedToken(found: found, expected: expected), at: current.location)
    }

    private mutating func parseOr() throws(ExpressionError) -> Expression {
        var lhs = try parseAnd()
        while current.kind == .or {
            let at = current.location
            position += 1
            lhs = .binary(.or, lhs, try parseAnd(), at: at)
        }
        return lhs
    }

    private mutating func parseAnd() throws(ExpressionError) -> Expression {
        var lhs = try parseNot()
        while current.kind == .and {
            let at = current.location
            position += 1
            lhs = .binary(.and, lhs, try parseNot(), at: at)
        }
        return lhs
    }

    private mutating func parseNot() throws(ExpressionError) -> Expression {
        guard current.kind == .not else { return try parseComparison() }
        let at = current.location
        position += 1
        return .unary(.not, try parseNot(), at: at)
    }

    private mutating func parseComparison() throws(ExpressionError) -> Expression {
        let lhs = try parseAdditive()
        guard let op = comparisonOperator(current.kind) else { return lhs }
        let at = current.location
        position += 1
        let rhs = try parseAdditive()
        if comparisonOperator(current.kind) != nil { throw ExpressionError(.chainedComparison, at: current.location) }
        return .binary(op, lhs, rhs, at: at)
    }

    private func comparisonOperator(_ kind: ExpressionToken.Kind) -> Expression.BinaryOperator? {
        switch kind {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Expression {
        var lhs = try parseMultiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op: Expression.BinaryOperator = current.kind == .plus ? .add : .subtract
            let at = current.location
            position += 1
            lhs = .binary(op, lhs, try parseMultiplicative(), at: at)
        }
        return lhs
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Expression {
        var lhs = try parseUnary()
        while current.kind == .star || current.kind == .slash {
            let op: Expression.BinaryOperator = current.kind == .star ? .multiply : .divide
            let at = current.location
            position += 1
            lhs = .binary(op, lhs, try parseUnary(), at: at)
        }
        return lhs
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if current.kind == .plus {
            // A leading plus documents a raise (`+10%`) and changes nothing.
            position += 1
            return try parseUnary()
        }
        guard current.kind == .minus else { return try parsePrimary() }
        let at = current.location
        position += 1
        return .unary(.negate, try parseUnary(), at: at)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            position += 1
            return .number(value, at: token.location)
        case .true, .false:
            position += 1
            return .boolean(token.kind == .true, at: token.location)
        case .identifier(let name):
            position += 1
            return .identifier(name, at: token.location)
        case .leftParen:
            position += 1
            let inner = try parseOr()
            guard current.kind == .rightParen else { throw unexpected(expected: "')'") }
            position += 1
            return inner
        default:
            throw unexpected(expected: "a number, a name or '('")
        }
    }
}
