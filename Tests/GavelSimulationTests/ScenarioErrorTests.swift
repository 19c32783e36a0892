import GavelSimulation
import Testing

@Suite("Scenario file errors")
struct ScenarioErrorTests {
    @Test("an unknown key names the key, its line and column, and the nearest valid key")
    func unknownKey() throws {
        let error = try #require(
            parseError(
                """
                kind: search
                market:
                  synthetic: {keywords: 10}
                targt_cpa: 25
                """
            )
        )
        #expect(error.location == SourceLocation(line: 4, column: 1))
        #expect(error.reason.contains("unknown key 'targt_cpa'"))
        #expect(error.reason.contains("did you mean 'target_cpa'?"))
        #expect(error.description.hasPrefix("bad.yaml:4:1: "))
    }

    @Test("an unknown key inside a block is located and suggested too")
    func unknownNestedKey() throws {
        let error = try #require(
            parseError(
                """
                kind: search
                market:
                  synthetic:
                    keywords: 10
                    volume_zpif: 1.1
                target_cpa: 25
                """
            )
        )
        #expect(error.location == SourceLocation(line: 5, column: 5))
        #expect(error.reason.contains("'volume_zpif'"))
        #expect(error.reason.contains("did you mean 'volume_zipf'?"))
    }

    @Test("a bad grid value points at the value, not at the setting it overrides")
    func badGridValue() throws {
        let error = try #require(
            parseError(
                searchScenario(
                    grid: """
                          target_cpa: [10, 20, lots]
                        """
                )
            )
        )
        #expect(error.location == SourceLocation(line: 10, column: 24))
        #expect(error.reason.contains("'target_cpa' must be an amount"))
        #expect(error.reason.contains("'lots'"))
    }

    @Test("a misspelt grid axis is suggested; a fixed input cannot be swept")
    func gridKeys() throws {
        let misspelt = try #require(parseError(searchScenario(grid: "  agressiveness: [1, 2]")))
        #expect(misspelt.location == SourceLocation(line: 10, column: 3))
        #expect(misspelt.reason.contains("did you mean 'aggressiveness'?"))
        let fixed = try #require(parseError(searchScenario(grid: "  seed: [1, 2]")))
        #expect(fixed.location == SourceLocation(line: 10, column: 3))
        #expect(fixed.reason.contains("'seed' cannot be swept"))
    }

    @Test("a wrong choice lists the valid words and suggests one")
    func badChoice() throws {
        let error = try #require(parseError(searchScenario(grid: "  pacing: [none, throtling]", extra: "budget: 100")))
        #expect(error.location == SourceLocation(line: 10, column: 18))
        #expect(error.reason.contains("none, throttling, multiplicative, pid"))
        #expect(error.reason.contains("did you mean 'throttling'?"))
    }

    @Test("missing kind, missing market, and pacing without a budget are explained")
    func missing() throws {
        let noKind = try #require(parseError("seed: 1\nqueries: 10\n"))
        #expect(noKind.location == SourceLocation(line: 1, column: 1))
        #expect(noKind.reason.contains("needs 'kind: search'"))
        let noMarket = try #require(parseError("kind: search\ntarget_cpa: 10\n"))
        #expect(noMarket.reason.contains("needs a 'market' block"))
        let pacing = try #require(parseError(searchScenario(grid: "  pacing: [pid]")))
        #expect(pacing.location == SourceLocation(line: 10, column: 12))
        #expect(pacing.reason.contains("needs a 'budget'"))
    }

    @Test("YAML syntax errors and duplicate keys carry Yams's line and column")
    func syntax() throws {
        let unclosed = try #require(parseError("kind: search\nmarket: {synthetic: {keywords: 10}\nqueries: 5\n"))
        #expect(unclosed.location.line == 3)
        #expect(unclosed.reason.hasPrefix("not valid YAML"))
        let duplicate = try #require(parseError("kind: search\nqueries: 5\nqueries: 6\n"))
        #expect(duplicate.reason.contains("duplicate key 'queries'"))
    }

    @Test("a replay whose log is absent says where it looked and that the logs are not shipped")
    func missingLog() throws {
        let error = try #require(
            parseError(
                """
                kind: replay
                log: ../nowhere/test.theta.txt.gz
                info: ../nowhere/info.json
                c0: 1/32
                b0: 10
                """
            )
        )
        #expect(error.location == SourceLocation(line: 2, column: 6))
        #expect(error.reason.contains("file not found: ../nowhere/test.theta.txt.gz"))
        #expect(error.reason.contains("not part of Gavel"))
    }
}
