/// One word of the expression language, with where it starts.
struct ExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case number(Double)
        case identifier(String)
        case and, or, not, `true`, `false`
        case plus, minus, star, slash
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case leftParen, rightParen
        case end
    }

    var kind: Kind
    var location: SourceLocation
    /// The text as written, for error messages.
    var text: String
}

/// Splits an expression into tokens, tracking line and column.
///
/// Numbers may carry a currency sign in front (`€0.50`, `$2`, `£1`: the sign is dropped, money is in currency
/// units) or a `%` behind (`20%` is 0.2). Comparisons accept `=` for `==` and the symbols `≤ ≥ ≠`, because that is
/// how people write conditions in prose.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) { self.scalars = Array(text.unicodeScalars) }

    static func tokenize(_ text: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private static let currencySigns: Set<Unicode.Scalar> = ["€", "$", "£", "¥"]

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        while let scalar = current, scalar.properties.isWhitespace { advance() }
        let start = SourceLocation(line: line, column: column)
        let startIndex = index
        guard let scalar = current else { return ExpressionToken(kind: .end, location: start, text: "end of input") }
        func token(_ kind: ExpressionToken.Kind) -> ExpressionToken {
            ExpressionToken(kind: kind, location: start, text: text(from: startIndex))
        }

        if Self.currencySigns.contains(scalar) {
            advance()
            guard let digit = current, isDigit(digit) || digit == "." else {
                throw ExpressionError(
                    .unexpectedToken(found: "'\(scalar)'", expected: "an amount after the currency sign"), at: start)
            }
            return token(.number(try number(start: start)))
        }
        if isDigit(scalar) || (scalar == "." && peek(1).map(isDigit) == true) {
            return token(.number(try number(start: start)))
        }
        if isIdentifierStart(scalar) {
            while let next = current, isIdentifierStart(next) || isDigit(next) { advance() }
            let word = text(from: startIndex)
            switch word {
            case "and": return token(.and)
            case "or": return token(.or)
            case "not": return token(.not)
            case "true": return token(.true)
            case "false": return token(.false)
            default: return token(.identifier(word))
            }
        }
        advance()
        switch scalar {
        case "+": return token(.plus)
        case "-", "−": return token(.minus)
        case "*", "×": return token(.star)
        case "/", "÷": return token(.slash)
        case "(": return token(.leftParen)
        case ")": return token(.rightParen)
        case "≤": return token(.lessEqual)
        case "≥": return token(.greaterEqual)
        case "≠": return token(.notEqual)
        case "<":
            if current == "=" {
                advance()
                return token(.lessEqual)
            }
            return token(.less)
        case ">":
            if current == "=" {
                advance()
                return token(.greaterEqual)
            }
            return token(.greater)
        case "=":
            if current == "=" { advance() }
            return token(.equal)
        case "!":
            if current == "=" {
                advance()
                return token(.notEqual)
            }
            throw ExpressionError(.unexpectedCharacter("!"), at: start)
        default:
            throw ExpressionError(.unexpectedCharacter(Character(scalar)), at: start)
        }
    }

    /// Digits with an optional fraction, `_` as a digit separator, and an optional `%` suffix.
    private mutating func number(start: SourceLocation) throws(ExpressionError) -> Double {
        var digits = ""
        var sawDot = false
        while let scalar = current, isDigit(scalar) || scalar == "_" || (scalar == "." && !sawDot) {
            if scalar == "." { sawDot = true }
            if scalar != "_" { digits.unicodeScalars.append(scalar) }
            advance()
        }
        guard var value = Double(digits) else {
            throw ExpressionError(.unexpectedToken(found: "'\(digits)'", expected: "a number"), at: start)
        }
        if current == "%" {
            advance()
            value /= 100
        }
        if let scalar = current, isIdentifierStart(scalar) {
            throw ExpressionError(
                .unexpectedCharacter(Character(scalar)), at: SourceLocation(line: line, column: column))
        }
        return value
    }

    private func text(from startIndex: Int) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[startIndex..<index])
        return result
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
