import GavelBidding
import GavelCore
import GavelJobs
import GavelReports
import GavelStore
import Testing

import struct Foundation.UUID
import class Foundation.FileManager

/// Bid simulation files imported next to the history, and the portfolio job bidding on them.
@Suite struct PortfolioSimulationTests {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 24)!

    /// A store file in the temporary directory, removed when the test ends.
    final class Store {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-\(UUID().uuidString).db").path
        let store: HistoryStore

        init() throws { store = try HistoryStore(path: path) }

        deinit {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// Keywords `a` (ids 501/1001) and `b` (501/1002), identical 28 days on every search: two weeks at €0.80 mostly
    /// below the top slots, then two at €1.00 mostly on top, so both have a fitted landscape and one CVR.
    static func history() -> [UInt8] {
        var text = "account,campaign,ad_group,keyword,match_type,date,device,impressions,clicks,cost,conversions,"
            + "conversion_value,max_cpc,top_impression_rate,absolute_top_impression_rate,search_impression_share,"
            + "keyword_id,ad_group_id\n"
        for (keyword, id) in [("a", "1001"), ("b", "1002")] {
            for age in (0..<28).reversed() {
                let low = age >= 14
                text += "Acme,C,G,\(keyword),exact,\(asOf.advanced(by: -age)),all,1000,\(low ? 40 : 60),"
                    + "\(low ? "16.00" : "45.00"),\(low ? 2 : 3),0,\(low ? "0.80" : "1.00"),\(low ? 0.3 : 0.9),"
                    + "\(low ? 0.1 : 0.5),0.95,\(id),501\n"
            }
        }
        return Array(text.utf8)
    }

    /// The platform's last seven days for both keywords. Per day, `a`: €0.50 10 clicks for €4, €1.00 20 for €14,
    /// €1.50 25 for €22.50 (a click costs €1.00, then €1.70 at the margin); `b`: €0.50 10 for €5, €1.00 14 for €12
    /// (€1.75 at the margin).
    static let simulations = """
        "KeywordId","AdGroupId","StartDate","EndDate","Bid","Clicks","Impressions","TopImpressions","Cost","CurrencyCode"
        "1001","501","2026-11-18","2026-11-24","0.50","70","1400","350","28.00","EUR"
        "1001","501","2026-11-18","2026-11-24","1.00","140","2100","1400","98.00","EUR"
        "1001","501","2026-11-18","2026-11-24","1.50","175","2450","2100","157.50","EUR"
        "1002","501","2026-11-18","2026-11-24","0.50","70","1400","350","35.00","EUR"
        "1002","501","2026-11-18","2026-11-24","1.00","98","1700","900","84.00","EUR"

        """

    static func ruleSet() throws -> RuleSet {
        try RuleSet.parse(
            yaml: """
                name: simulations
                goal: {target_cpa: 25}
                lookback: {conversion_rate_days: 90, metrics_days: 30}
                limits: {min_bid: 0.05, max_bid: 10, max_raise: 100%, max_lower: 90%, min_clicks: 0}
                estimation:
                  pooling: {prior_strength: 100}
                  conversion_lag: {estimate: false, mean_days: 0}
                  drop_detection: off
                """,
            fileName: "simulations.yaml")
    }

    /// The portfolio under €28 a day.
    static func budgetJob(on store: HistoryStore) throws -> PortfolioJob {
        PortfolioJob(
            store: store, ruleSet: try ruleSet(), ruleFile: "simulations.yaml", ruleHash: "test",
            objective: .budget(Micros(units: 28)), usesBidSimulations: true)
    }

    static func importBoth(into store: HistoryStore) throws -> (ReportSummary, FactWriter.Counts) {
        _ = try ImportJob.run(history(), fileName: "history.csv", defaultAccount: "Acme", into: store)
        return try ImportJob.run(
            Array(simulations.utf8), fileName: "landscape.csv", defaultAccount: "Acme", into: store)
    }

    @Test func importingASimulationFileTwiceChangesNothing() throws {
        let temporary = try Store()
        let (summary, counts) = try Self.importBoth(into: temporary.store)
        #expect(summary.format == .microsoftBidLandscape)
        #expect(counts.simulations == 2)
        #expect(counts.simulationPoints == 5)
        #expect(counts.keywords == 0)
        let once = try temporary.store.bidSimulations(endingOnOrBefore: Self.asOf)
        let statistics = try temporary.store.statistics()
        _ = try ImportJob.run(
            Array(Self.simulations.utf8), fileName: "landscape.csv", defaultAccount: "Acme", into: temporary.store)
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: Self.asOf) == once)
        let again = try temporary.store.statistics()
        #expect(again.facts == statistics.facts)
        #expect(again.keywords == statistics.keywords)
        #expect(again.totals == statistics.totals)
        #expect(again.imports == statistics.imports + 1)
        // Imports of simulations log no days: the store's last day stays the last day of performance.
        #expect(try temporary.store.lastDay() == Self.asOf)
        #expect(once.values.map(\.points.count).sorted() == [2, 3])
    }

    @Test func aSimulationOfAnUnknownKeywordRefusesTheWholeFileAtItsRow() throws {
        let temporary = try Store()
        _ = try ImportJob.run(Self.history(), fileName: "history.csv", defaultAccount: "Acme", into: temporary.store)
        let unknown = Self.simulations + #""1003","501","2026-11-18","2026-11-24","0.50","7","140","35","3.50","EUR""#
        #expect {
            try ImportJob.run(
                Array(unknown.utf8), fileName: "landscape.csv", defaultAccount: "Acme", into: temporary.store)
        } throws: { error in
            (error as? ReportError)
                == ReportError(
                    file: "landscape.csv", line: 7,
                    message: "the store has no keyword ad group id 501, keyword id 1003: import its keyword report first")
        }
        #expect(try temporary.store.bidSimulations(endingOnOrBefore: Self.asOf).isEmpty)
    }

    /// €28 a day buys both keywords' lowest bids (€9) and then the cheapest clicks: `a`'s step to €1.00 (10 clicks at
    /// €1.00 each, €19 in all), then `a`'s step to €1.50 (5 at €1.70, €27.50); `b`'s step would cost €7 more at
    /// €1.75 a click, which the €0.50 left cannot buy.
    @Test func theJobBidsSimulatedKeywordsOnTheirPoints() throws {
        let temporary = try Store()
        _ = try Self.importBoth(into: temporary.store)
        let job = try Self.budgetJob(on: temporary.store)
        let outcome = try job.plan(asOf: nil, force: true)
        #expect(outcome.bid.asOf == Self.asOf)
        #expect(outcome.portfolio.simulated == 2)
        let decisions = outcome.bid.plan.decisions
        #expect(decisions.map(\.identity.text) == ["a", "b"])
        #expect(decisions.map(\.oldBid) == [Micros(units: 1), Micros(units: 1)])
        #expect(decisions.map(\.newBid) == [Micros(1_500_000), Micros(500_000)])
        #expect(abs(outcome.bid.plan.summary.forecast.cost.units - 27.5) < 0.01)
        for decision in decisions {
            let parts = decision.trace.components(separatedBy: " · ")
            #expect(parts.contains { $0.hasPrefix("bid simulator 2026-11-18..2026-11-24") }, "\(decision.trace)")
        }
        // Both stand at an end of what the platform simulated, which the trace says rather than blaming the limits.
        #expect(decisions[0].trace.hasSuffix("the highest bid the platform simulated → €1.50"))
        #expect(decisions[1].trace.hasSuffix("the lowest bid the platform simulated → €0.50"))
        #expect(outcome.bid.run.summary.contains(#""simulated":2"#))
        // Both bid €1.00: `a` was simulated from €0.50 to €1.50, `b` to €1.00; the medians say how far they reach.
        #expect(outcome.portfolio.simulationReach == 0.5...1.25)
        #expect(outcome.bid.run.summary.contains(#""simulation_reach_high":1.25,"simulation_reach_low":0.5"#))
    }

    @Test func aSimulationOlderThanFourteenDaysIsNotBidOn() throws {
        let temporary = try Store()
        _ = try Self.importBoth(into: temporary.store)
        let job = try Self.budgetJob(on: temporary.store)
        let outcome = try job.plan(asOf: Self.asOf.advanced(by: 15), force: true)
        #expect(outcome.portfolio.simulated == 0)
        #expect(outcome.bid.plan.decisions.allSatisfy { !$0.trace.contains("bid simulator") })
    }

    /// Replayed landscapes did worse than fitted ones in the closed loop, so a run uses them only when asked.
    @Test func withoutTheOptionTheJobBidsOnFittedLandscapes() throws {
        let temporary = try Store()
        _ = try Self.importBoth(into: temporary.store)
        let fitted = try PortfolioJob(
            store: temporary.store, ruleSet: try Self.ruleSet(), ruleFile: "simulations.yaml", ruleHash: "test",
            objective: .budget(Micros(units: 28)))
        let outcome = try fitted.plan(asOf: nil, force: true)
        #expect(outcome.portfolio.simulated == 0)
        #expect(outcome.bid.plan.decisions.allSatisfy { !$0.trace.contains("bid simulator") })
        #expect(outcome.bid.run.summary.contains(#""simulated":0"#))
    }
}
