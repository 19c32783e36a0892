import GavelBidding
import Testing

@Suite struct ExpressionParserTests {
    @Test func precedenceBindsMultiplicationTighterThanComparisonThanAndThanOr() throws {
        let expression = try Expression.parse("clicks > 0 and conversions == 0 or cost > 2 * target_cpa + 1")
        #expect(
            expression.description
                == "(((clicks > 0) and (conversions == 0)) or (cost > ((2 * target_cpa) + 1)))")
    }

    @Test func notBindsLooserThanComparison() throws {
        #expect(try Expression.parse("not clicks > 3").description == "(not (clicks > 3))")
        #expect(try Expression.parse("-a * b").description == "((-a) * b)")
        #expect(try Expression.parse("a - b - c").description == "((a - b) - c)")
    }

    @Test func moneyAndPercentLiteralsAreCurrencyUnitsAndFractions() throws {
        #expect(try Expression.parse("€0.50").description == "0.5")
        #expect(try Expression.parse("20%").description == "0.2")
        #expect(try Expression.parse("1_000").description == "1000")
        #expect(try Expression.parse("+10%").description == "0.1")
    }

    @Test func proseComparisonSpellingsAreAccepted() throws {
        #expect(
            try Expression.parse("clicks ≥ 100 and conversions = 0").description
                == "((clicks >= 100) and (conversions == 0))")
        #expect(try Expression.parse("a ≠ 1").description == "(a != 1)")
    }

    @Test func errorsCarryLineAndColumn() {
        #expect(throws: ExpressionError(.unexpectedCharacter("#"), at: SourceLocation(line: 1, column: 8))) {
            try Expression.parse("clicks # 3")
        }
        #expect(
            throws: ExpressionError(
                .unexpectedToken(found: "end of input", expected: "a number, a name or '('"),
                at: SourceLocation(line: 2, column: 5))
        ) {
            try Expression.parse("clicks >\n 3 +")
        }
        #expect(throws: ExpressionError(.chainedComparison, at: SourceLocation(line: 1, column: 7))) {
            try Expression.parse("1 < a < 3")
        }
        #expect(
            throws: ExpressionError(
                .unexpectedToken(found: "end of input", expected: "')'"), at: SourceLocation(line: 1, column: 11))
        ) {
            try Expression.parse("(a + b > 1")
        }
    }

    @Test func locationsOffsetIntoAnEnclosingFile() {
        let inner = SourceLocation(line: 1, column: 5)
        #expect(inner.offset(by: SourceLocation(line: 10, column: 11)) == SourceLocation(line: 10, column: 15))
        #expect(
            SourceLocation(line: 2, column: 3).offset(by: SourceLocation(line: 10, column: 11))
                == SourceLocation(line: 11, column: 3))
    }
}
