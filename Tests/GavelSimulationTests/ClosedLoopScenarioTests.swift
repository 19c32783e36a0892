import Foundation
import GavelAuction
import GavelCore
import GavelSimulation
import Testing

@Suite("Closed-loop scenario files")
struct ClosedLoopScenarioTests {
    @Test("'market: {generated: …}' simulates the generator's keywords, each independent of the market's size")
    func generatedMarket() throws {
        let sweep = try sweep(
            """
            kind: search
            market:
              generated: {keywords: 30, seed: 7}
            queries: 100
            target_cpa: 20
            """
        )
        guard case .simulation(let scenario) = sweep.points[0].job, case .search(let market) = scenario.market else {
            Issue.record("expected an open-loop search simulation")
            return
        }
        let keywords = try GeneratedSearchMarket(keywords: 30, seed: 7).keywords()
        #expect(market.keywords == keywords.map { SearchAuctionSetup().keyword($0.truth) })
        // `gavel generate` names its first account "Demo Shop", which the demo rule file is scoped to.
        #expect(keywords.allSatisfy { $0.identity.account == "Demo Shop" })
        #expect(keywords.allSatisfy { ($0.attributes.maxCPC ?? .zero) > .zero })
        #expect(keywords.allSatisfy { (1...10).contains($0.truth.qualityScore) && $0.truth.queryVolume >= 0.2 })
        let larger = try GeneratedSearchMarket(keywords: 50, seed: 7).keywords()
        #expect(Array(larger.prefix(30)) == keywords)
        let reseeded = try GeneratedSearchMarket(keywords: 30, seed: 8).keywords()
        #expect(reseeded[0].truth != keywords[0].truth)
        // Volumes scale with the floor: the generator draws floor × U^(−s) per keyword.
        let busier = try GeneratedSearchMarket(keywords: 30, seed: 7, minimumDailySearches: 2).keywords()
        #expect(abs(busier[3].truth.queryVolume / keywords[3].truth.queryVolume - 10) < 1e-9)
        // A cap takes the top off and leaves the rest, and every other draw, as they were.
        let cap = busier.map(\.truth.queryVolume).sorted()[20]
        let capped = try GeneratedSearchMarket(
            keywords: 30, seed: 7, minimumDailySearches: 2, maximumDailySearches: cap
        ).keywords()
        for (plain, capped) in zip(busier, capped) {
            #expect(capped.truth.queryVolume == min(plain.truth.queryVolume, cap))
            #expect(capped.truth.conversionRate == plain.truth.conversionRate)
            #expect(capped.identity == plain.identity)
        }
        #expect(capped.filter { $0.truth.queryVolume == cap }.count == 10)
    }

    /// The open-loop market that `generated: {keywords: 200, seed: 7<options>}` reads.
    private func market(_ options: String) throws -> [SearchKeyword] {
        let sweep = try sweep(
            """
            kind: search
            market:
              generated: {keywords: 200, seed: 7\(options)}
            queries: 100
            target_cpa: 20
            """
        )
        guard case .simulation(let scenario) = sweep.points[0].job, case .search(let market) = scenario.market else {
            Issue.record("expected an open-loop search simulation")
            return []
        }
        return market.keywords
    }

    @Test("'max_daily_searches' caps the busiest keywords' volumes and nothing else")
    func volumeCap() throws {
        let plain = try market("")
        let capped = try market(", max_daily_searches: 1.5")
        #expect(capped.map(\.queryVolume) == plain.map { min($0.queryVolume, 1.5) })
        #expect(capped.map(\.conversionRate) == plain.map(\.conversionRate))
        #expect(plain.contains { $0.queryVolume > 1.5 })
    }

    @Test("'auction_shapes: varied' gives each keyword a seeded rival count and spread; 'uniform' is the default")
    func auctionShapes() throws {
        let plain = try market("")
        #expect(try market(", auction_shapes: uniform") == plain)
        #expect(plain.allSatisfy { $0.competitors.count == 5 })
        let varied = try market(", auction_shapes: varied")
        // Only the rivals change: volumes, qualities, rates and values are the generator's.
        #expect(varied.map(\.queryVolume) == plain.map(\.queryVolume))
        #expect(varied.map(\.conversionRate) == plain.map(\.conversionRate))
        #expect(varied.map(\.quality) == plain.map(\.quality))
        #expect(varied.map { $0.competitors.first?.quality } == plain.map { $0.competitors.first?.quality })
        // Every one of the nine documented shapes occurs, and nothing else.
        let truths = try GeneratedSearchMarket(keywords: 200, seed: 7, auctionShapes: .varied).keywords().map(\.truth)
        let drawn = truths.compactMap(\.auctionShape)
        #expect(drawn.count == 200)
        #expect(Set(drawn) == Set(AuctionShape.varied))
        #expect(AuctionShape.varied.count == 9)
        #expect(
            zip(varied, drawn).allSatisfy { keyword, shape in
                guard case .logNormal(_, let sigma) = keyword.competitors[0].bid else { return false }
                return keyword.competitors.count == shape.competitors && sigma == shape.competitorSpread
            })
        // Seeded by the market's seed, and each keyword's shape independent of the market's size.
        let smaller = try GeneratedSearchMarket(keywords: 50, seed: 7, auctionShapes: .varied).keywords()
        #expect(smaller.map(\.truth.auctionShape) == Array(drawn.prefix(50)))
        let reseeded = try GeneratedSearchMarket(keywords: 200, seed: 8, auctionShapes: .varied).keywords()
        #expect(reseeded.map(\.truth.auctionShape) != drawn)

        let wrong = try #require(
            parseError(
                """
                kind: search
                market:
                  generated: {keywords: 30, seed: 7, auction_shapes: mixed}
                queries: 100
                target_cpa: 20
                """
            )
        )
        #expect(wrong.location == SourceLocation(line: 3, column: 54))
        #expect(wrong.reason.contains("'auction_shapes' must be one of uniform, varied, not 'mixed'"))
    }

    @Test("'rival_bids' prices each keyword's rivals at its true CVR × their target CPA, seeded, with a spread")
    func valueTrackingRivals() throws {
        let plain = try GeneratedSearchMarket(keywords: 200, seed: 7).keywords().map(\.truth)
        let exact = try GeneratedSearchMarket(
            keywords: 200, seed: 7, rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0)
        ).keywords().map(\.truth)
        // Without a spread every rival median is CVR × €25 exactly (to the micro, with the €0.01 floor).
        #expect(
            exact.allSatisfy {
                $0.competitorBid == max(Micros(10_000), Micros(units: 25).scaled(by: $0.conversionRate))
            })
        // Only the rivals' level changes.
        #expect(exact.map(\.conversionRate) == plain.map(\.conversionRate))
        #expect(exact.map(\.queryVolume) == plain.map(\.queryVolume))
        #expect(exact.map(\.qualityScore) == plain.map(\.qualityScore))
        #expect(exact.map(\.competitorBid) != plain.map(\.competitorBid))
        // With a spread, log(rival bid ÷ CVR × €25) has about that standard deviation, and the draws are seeded.
        func spreadMarket(seed: UInt64) throws -> [SearchKeywordTruth] {
            try GeneratedSearchMarket(
                keywords: 200, seed: seed, rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0.5)
            ).keywords().map(\.truth)
        }
        let spread = try spreadMarket(seed: 7)
        let logs = zip(spread, exact).map { log($0.competitorBid.units / $1.competitorBid.units) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count - 1)).squareRoot()
        #expect(abs(mean) < 0.1)
        #expect(abs(sd - 0.5) < 0.07)
        #expect(try spreadMarket(seed: 7) == spread)
        #expect(try spreadMarket(seed: 8).map(\.competitorBid) != spread.map(\.competitorBid))

        // The scenario file's block is the same market.
        let setup = SearchAuctionSetup()
        #expect(try market(", rival_bids: {target_cpa: 25, spread: 0}") == exact.map { setup.keyword($0) })
        #expect(try market(", rival_bids: {target_cpa: €25}") == spread.map { setup.keyword($0) })
        let wrong = try #require(
            parseError(
                """
                kind: search
                market:
                  generated: {keywords: 30, seed: 7, rival_bids: {target_cpa: 0}}
                queries: 100
                target_cpa: 20
                """
            )
        )
        #expect(wrong.reason.contains("'target_cpa' must be more than 0"))
        let unknown = try #require(
            parseError(
                """
                kind: search
                market:
                  generated: {keywords: 30, seed: 7, rival_bids: {target_cpa: 25, sigma: 0.5}}
                queries: 100
                target_cpa: 20
                """
            )
        )
        #expect(unknown.reason.contains("sigma"))
    }

    @Test("a 'strategy' block makes a closed loop with the documented defaults and the generator's dates")
    func defaults() throws {
        let loops = try closedLoops(closedLoopScenario(grid: "  rebid: [false, true]"))
        #expect(loops.count == 2)
        let loop = loops[1]
        #expect(loop.keywords.count == 60)
        #expect(loop.days == 30)
        #expect(loop.warmupDays == 28)
        #expect(loop.conversionLagMeanDays == 2)
        #expect(loop.force == false)
        #expect(loop.aggressiveness == 1)
        // The generator's history ends on 2026-11-24; the simulated account carries on the next day.
        #expect(loop.firstDay == CalendarDay(year: 2026, month: 11, day: 25))
        guard case .hold = loops[0].bidder, case .rules = loops[1].bidder else {
            Issue.record("rebid false holds the bids, rebid true runs the rule engine")
            return
        }
    }

    @Test("settings and grid values reach the loop: days, warm-up, lag, force and the portfolio")
    func settings() throws {
        let loops = try closedLoops(
            closedLoopScenario(
                portfolio: "{budget: 300}",
                settings: "days: 9\nwarmup_days: 4\nconversion_lag_days: 0.5\nforce: true\naggressiveness: 1.5",
                grid: "  budget: [100, 200]"
            )
        )
        #expect(loops.map(\.days) == [9, 9])
        #expect(loops.map(\.warmupDays) == [4, 4])
        #expect(loops.map(\.conversionLagMeanDays) == [0.5, 0.5])
        #expect(loops.map(\.force) == [true, true])
        #expect(loops.map(\.aggressiveness) == [1.5, 1.5])
        guard case .portfolio = loops[0].bidder else {
            Issue.record("a 'portfolio' objective runs the portfolio planner")
            return
        }
    }

    @Test("a mistake in the rule file is reported at its own file, line and column")
    func ruleFileError() throws {
        let folder = try temporaryFolder([
            "rules.yaml": "name: Broken\ngoal:\n  target_cpa: 20\nlimts:\n  min_bid: 0.05\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(scenarioError(closedLoopScenario(rules: "rules.yaml"), directory: folder))
        #expect(error.file.hasSuffix("/rules.yaml"))
        #expect(error.location == SourceLocation(line: 4, column: 1))
        #expect(error.reason.contains("limts"))
        #expect(error.reason.contains("(the rules of loop.yaml:7:10)"))
    }

    @Test("a missing rule file points at the scenario's 'rules' value and says where it looked")
    func missingRuleFile() throws {
        let error = try #require(scenarioError(closedLoopScenario(rules: "nowhere.yaml")))
        #expect(error.file == "loop.yaml")
        #expect(error.location == SourceLocation(line: 7, column: 10))
        #expect(error.reason.contains("cannot read the rule file nowhere.yaml"))
        #expect(error.reason.contains("relative to the scenario file"))
    }

    @Test("a closed loop needs a generated market and a rule set whose scope covers it")
    func marketAndScope() throws {
        let synthetic = try #require(
            scenarioError(
                """
                kind: search
                market:
                  synthetic: {keywords: 10}
                strategy: {rules: \(demoRules)}
                """
            )
        )
        #expect(synthetic.location == SourceLocation(line: 4, column: 11))
        #expect(synthetic.reason.contains("needs 'market: {generated: …}'"))
        let folder = try temporaryFolder([
            "acme.yaml": "name: Acme only\nscope:\n  accounts: [Acme]\ngoal:\n  target_cpa: 20\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scope = try #require(scenarioError(closedLoopScenario(rules: "acme.yaml"), directory: folder))
        #expect(scope.reason.contains("covers none of the 60 generated keywords"))
        #expect(scope.reason.contains("'Demo Shop'"))
    }

    @Test("settings of the other kind of search scenario are refused where they are written")
    func misplacedSettings() throws {
        let queries = try #require(scenarioError(closedLoopScenario(grid: "  queries: [100, 200]")))
        #expect(queries.location == SourceLocation(line: 11, column: 13))
        #expect(queries.reason.contains("'queries' does not apply to a closed loop"))
        let swept = try #require(scenarioError(closedLoopScenario(grid: "  strategy: [fixed]")))
        #expect(swept.reason.contains("cannot be swept"))
        let days = try #require(parseError(searchScenario(grid: "  days: [7, 14]")))
        #expect(days.location == SourceLocation(line: 10, column: 10))
        #expect(days.reason.contains("'days' applies only to a closed loop"))
    }

    @Test("a grid target must match the goal it replaces; a budget needs the portfolio")
    func overrides() throws {
        let roas = try #require(scenarioError(closedLoopScenario(settings: "target_roas: 4")))
        #expect(roas.location == SourceLocation(line: 9, column: 14))
        #expect(roas.reason.contains("which is not target_roas"))
        let budget = try #require(scenarioError(closedLoopScenario(settings: "budget: 100")))
        #expect(budget.reason.contains("'budget' needs the portfolio job"))
        let objective = try #require(
            scenarioError(closedLoopScenario(portfolio: "{budget: 300}", settings: "target_cpa: 10")))
        #expect(objective.reason.contains("which is a budget"))
        let two = try #require(scenarioError(closedLoopScenario(portfolio: "{budget: 3, target_cpa: 9}")))
        #expect(two.reason.contains("takes one objective"))
    }

    /// The error reading `yaml` (as `loop.yaml` in `directory`) raises, or `nil` if it reads.
    private func scenarioError(_ yaml: String, directory: String = fixturesDirectory) -> ScenarioFileError? {
        do {
            _ = try Sweep(yaml: yaml, file: "loop.yaml", directory: directory, name: "loop")
            return nil
        } catch { return error }
    }
}
