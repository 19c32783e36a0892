import GavelAuction
import GavelSimulation
import Testing

@Suite("gavel simulate replay")
struct LogReplayTests {
    @Test(
        "Cai et al. (WSDM 2017), iPinYou 2997, c0 = 1/32: lin b0 = 10 and mcpc to the integer",
        .enabled(if: IPinYou.available, "the iPinYou log is not on this machine")
    )
    func publishedFigures() throws {
        let linear = try LogReplay.run(
            LogReplayOptions(
                logPath: IPinYou.log,
                infoPath: IPinYou.info,
                strategy: "lin",
                baseBid: 10,
                budgetFraction: 0.03125
            )
        )
        #expect(linear.metrics.impressions == 32_208)
        #expect(linear.metrics.clicks == 71)
        #expect(linear.metrics.cost == 203_610)
        #expect(linear.json.contains("\"impressions\": 32208"))
        #expect(linear.json.contains("\"clicks\": 71"))
        #expect(linear.json.contains("\"cost\": 203610"))
        #expect(linear.description.contains("32,208"))
        #expect(linear.description.contains("203,610"))

        let mcpc = try LogReplay.run(
            LogReplayOptions(logPath: IPinYou.log, infoPath: IPinYou.info, strategy: "mcpc", budgetFraction: 1.0 / 32)
        )
        #expect(mcpc.metrics.impressions == 14_752)
        #expect(mcpc.metrics.clicks == 48)
        #expect(mcpc.metrics.cost == 307_751)
    }

    @Test(
        "a strict win rule and a whole-log budget change the outcome in the expected direction",
        .enabled(if: IPinYou.available, "the iPinYou log is not on this machine")
    )
    func rules() throws {
        func run(_ winRule: String, _ scope: String) throws -> ReplayMetrics {
            try LogReplay.run(
                LogReplayOptions(
                    logPath: IPinYou.log,
                    infoPath: IPinYou.info,
                    baseBid: 10,
                    budgetFraction: 0.03125,
                    winRule: winRule,
                    budgetScope: scope
                )
            ).metrics
        }
        let base = try run("ge", "episode")
        // Ties with the logged price now lose, so fewer impressions.
        #expect(try run("gt", "episode").impressions < base.impressions)
        // 157 episode budgets (the last episode has 63 auctions but a full budget) against one for 156,063 auctions.
        let perImpression = try TrainingStatistics(contentsOf: IPinYou.info).costPerImpression * 0.03125
        #expect(base.episodes == 157)
        #expect(base.budget == 157 * Int64(perImpression * 1000))
        #expect(try run("ge", "whole").budget == Int64(perImpression * 156_063))
    }

    @Test("bad options are refused before any file is read")
    func badOptions() {
        func error(_ options: LogReplayOptions) -> String? {
            do {
                _ = try LogReplay.run(options)
                return nil
            } catch { return error.description }
        }
        let base = LogReplayOptions(
            logPath: "/nowhere.gz",
            infoPath: "/nowhere.json",
            baseBid: 10,
            budgetFraction: 0.03
        )
        var options = base
        options.winRule = "geq"
        #expect(error(options) == "--win-rule must be one of ge, gt, not 'geq'")
        options = base
        options.baseBid = nil
        #expect(error(options) == "--strategy lin needs --b0, e.g. 10")
        options = base
        options.strategy = "ortb"
        #expect(error(options)?.hasPrefix("--strategy must be one of lin, linear, mcpc") == true)
        #expect(error(base)?.contains("/nowhere.json: cannot read") == true)
    }
}
