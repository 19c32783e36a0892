import GavelBidding
import Testing

@Suite struct ExpressionEvaluatorTests {
    private func values(_ pairs: [KeywordMetric: Double]) -> [Double] {
        var buffer = [Double](repeating: .nan, count: KeywordMetric.schema.count)
        for (metric, value) in pairs { buffer[metric.rawValue] = value }
        return buffer
    }

    @Test func evaluatesTheIssueExampleRule() throws {
        let rule = try Expression.parse("clicks >= 100 and conversions == 0").compile(against: KeywordMetric.schema)
        #expect(rule.isTrue(values([.clicks: 120, .conversions: 0])))
        #expect(!rule.isTrue(values([.clicks: 99, .conversions: 0])))
        #expect(!rule.isTrue(values([.clicks: 120, .conversions: 0.5])))
    }

    @Test func arithmeticFollowsPrecedence() throws {
        let formula = try Expression.parse("2 + 3 * cost / 2 - -1").compile(against: KeywordMetric.schema)
        #expect(formula.resultType == .number)
        #expect(formula.value(values([.cost: 4])) == 9)
    }

    @Test func missingValuesMakeComparisonsFalse() throws {
        let schema = KeywordMetric.schema
        let buffer = values([.clicks: 10])  // cpa and quality_score stay NaN
        #expect(!(try Expression.parse("cpa > 50").compile(against: schema)).isTrue(buffer))
        #expect(!(try Expression.parse("cpa <= 50").compile(against: schema)).isTrue(buffer))
        #expect(!(try Expression.parse("quality_score != 3").compile(against: schema)).isTrue(buffer))
        #expect((try Expression.parse("not quality_score <= 3").compile(against: schema)).isTrue(buffer))
        #expect((try Expression.parse("clicks / 0").compile(against: schema)).value(buffer).isNaN)
    }

    @Test func callerSuppliedBooleansWorkLikeMetrics() throws {
        let schema = KeywordMetric.schema.adding(["converting", "high_volume"], type: .boolean)
        let filter = try Expression.parse("not converting and high_volume and cost > 2 * target_cpa")
            .compile(against: schema)
        var buffer = [Double](repeating: 0, count: schema.count)
        buffer[KeywordMetric.cost.rawValue] = 60
        buffer[KeywordMetric.targetCPA.rawValue] = 25
        buffer[schema.slot(of: "high_volume")!] = 1
        #expect(filter.isTrue(buffer))
        buffer[schema.slot(of: "converting")!] = 1
        #expect(!filter.isTrue(buffer))
    }

    @Test func unknownNameSuggestsTheNearestValidOne() {
        let schema = KeywordMetric.schema
        #expect(
            throws: ExpressionError(
                .unknownIdentifier("convresions", suggestion: "conversions"), at: SourceLocation(line: 1, column: 16))
        ) {
            try Expression.parse("clicks > 3 and convresions == 0").compile(against: schema)
        }
        #expect(
            throws: ExpressionError(
                .unknownIdentifier("qualityscore", suggestion: "quality_score"),
                at: .start)
        ) {
            try Expression.parse("qualityscore < 3").compile(against: schema)
        }
        #expect(throws: ExpressionError(.unknownIdentifier("banana", suggestion: nil), at: .start)) {
            try Expression.parse("banana").compile(against: schema)
        }
        #expect(NameSuggestion.nearest(to: "avg_cp", among: schema.names) == "avg_cpc")
    }

    @Test func typeErrorsAreReported() {
        let schema = KeywordMetric.schema.adding(["converting"], type: .boolean)
        #expect(throws: ExpressionError.self) { try Expression.parse("clicks and converting").compile(against: schema) }
        #expect(throws: ExpressionError.self) { try Expression.parse("converting + 1").compile(against: schema) }
        #expect(throws: ExpressionError.self) { try Expression.parse("converting == 1").compile(against: schema) }
        #expect(throws: Never.self) { try Expression.parse("converting == false").compile(against: schema) }
    }

    @Test func editDistanceCountsSwapsAsOneEdit() {
        #expect(NameSuggestion.editDistance(Array("convresions"), Array("conversions")) == 1)
        #expect(NameSuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(NameSuggestion.editDistance(Array(""), Array("abc")) == 3)
    }
}
