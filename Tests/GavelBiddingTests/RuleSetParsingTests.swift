import Foundation
import GavelBidding
import GavelCore
import Testing

@Suite struct RuleSetParsingTests {
    /// The shipped rule files, found relative to this test file: `<package>/Rules/`.
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules")

    static func shipped(_ name: String) throws -> RuleSet {
        let text = try String(contentsOf: rulesDirectory.appendingPathComponent(name), encoding: .utf8)
        return try RuleSet.parse(yaml: text, fileName: name)
    }

    @Test(arguments: [
        "leadgen-target-cpa.yaml", "ecommerce-target-roas.yaml", "traffic-max-cpc.yaml", "branding-cpm.yaml",
    ])
    func shippedRuleFilesParse(name: String) throws {
        let ruleSet = try Self.shipped(name)
        #expect(!ruleSet.rules.isEmpty)
        #expect(ruleSet.historyDays >= ruleSet.lookback.metricsDays)
    }

    @Test func leadgenFileReadsEverySection() throws {
        let ruleSet = try Self.shipped("leadgen-target-cpa.yaml")
        #expect(ruleSet.goal == .targetCPA(Micros(units: 25)))
        #expect(ruleSet.limits.maxBid == Micros(units: 4))
        #expect(ruleSet.limits.maxRaise == 0.2)
        #expect(ruleSet.limits.minClicks == 30)
        #expect(ruleSet.portfolioStop == PortfolioStop(maxShareOfKeywords: 0.3, changeAbove: 0.25))
        #expect(ruleSet.estimation.conversionLag.meanDays == 2)
        #expect(ruleSet.estimation.dropDetection?.level == .adGroup)
        #expect(ruleSet.seasonality.first?.cvrChange == -0.25)
        #expect(
            ruleSet.exclusions.first?.days
                == DayRange(
                    first: CalendarDay(year: 2026, month: 10, day: 3)!,
                    last: CalendarDay(year: 2026, month: 10, day: 4)!))
        #expect(
            ruleSet.rules.map(\.name) == [
                "Many clicks, no leads", "Poor quality score", "Leads far too expensive", "Recently changed by hand",
            ])
        let keyword = KeywordIdentity(account: "A", campaign: "Leads DE", adGroup: "G", text: "x", matchType: .exact)
        #expect(ruleSet.applies(to: keyword, labels: ["Auto-Bid"]))
        #expect(!ruleSet.applies(to: keyword, labels: []))
        var broad = keyword
        broad.matchType = .broad
        #expect(!ruleSet.applies(to: broad, labels: ["auto-bid"]))
    }

    @Test func otherGoalsAndSwitches() throws {
        #expect(try Self.shipped("ecommerce-target-roas.yaml").goal == .targetROAS(4))
        #expect(try Self.shipped("ecommerce-target-roas.yaml").modifiers.devices)
        #expect(try Self.shipped("traffic-max-cpc.yaml").goal == .maxCPC(Micros(800_000)))
        #expect(try Self.shipped("traffic-max-cpc.yaml").estimation.dropDetection == nil)
        #expect(try Self.shipped("branding-cpm.yaml").goal == .maxCPM(Micros(units: 6)))
    }

    private func parseError(_ yaml: String) -> RuleFileError? {
        do {
            _ = try RuleSet.parse(yaml: yaml, fileName: "bad.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownMetricInARuleIsReportedAtItsFilePosition() throws {
        let yaml = """
            name: x
            goal:
              target_cpa: 25
            rules:
              - name: typo
                when: clicks >= 100 and convresions == 0
                adjust: -20%
            """
        let error = try #require(parseError(yaml))
        #expect(error.description == "bad.yaml:6:29: unknown name 'convresions' (did you mean 'conversions'?)")
    }

    @Test func quotedExpressionPositionsSkipTheQuote() throws {
        let yaml = "name: x\ngoal: {target_cpa: 25}\nrules:\n  - {name: q, when: \"cost > 2 * cpx\", cap: 1}\n"
        let error = try #require(parseError(yaml))
        #expect(error.location == SourceLocation(line: 4, column: 33))
        #expect(error.reason.contains("did you mean 'cpa'"))
    }

    @Test func unknownKeySuggestsTheIntendedOne() throws {
        let yaml = "name: x\ngoal:\n  target_cpa: 25\nlimits:\n  max_rasie: 20%\n"
        let error = try #require(parseError(yaml))
        #expect(error.description == "bad.yaml:5:3: unknown key 'max_rasie' in 'limits' (did you mean 'max_raise'?)")
    }

    @Test func yamlSyntaxErrorsCarryLineAndColumn() throws {
        let error = try #require(parseError("name: x\ngoal:\n  target_cpa: [25\nrules: 3\n"))
        #expect(error.fileName == "bad.yaml")
        #expect(error.location.line >= 3)
        #expect(error.reason.hasPrefix("YAML:"))
    }

    @Test func badValuesAreRejectedWithTheirPosition() throws {
        let percent = try #require(parseError("name: x\ngoal: {target_cpa: 25}\nlimits:\n  max_lower: 0.2\n"))
        #expect(percent.location == SourceLocation(line: 4, column: 14))
        #expect(percent.reason.contains("percentage"))
        let goal = try #require(parseError("name: x\ngoal:\n  target_cpa: 25\n  max_cpc: 1\n"))
        #expect(goal.reason.contains("exactly one"))
        let action = try #require(parseError("name: x\ngoal: {max_cpc: 1}\nrules:\n  - {name: a, when: clicks > 1}\n"))
        #expect(action.reason.contains("exactly one action"))
        let condition = try #require(
            parseError("name: x\ngoal: {max_cpc: 1}\nrules:\n  - {name: a, when: clicks, hold: true}\n"))
        #expect(condition.reason.contains("condition"))
        #expect(parseError("") != nil)
    }
}
