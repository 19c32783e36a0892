import Foundation
import GavelAuction
import GavelCore
import Testing

@Suite("Replay of logged auctions")
struct ReplayTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    func temporaryFile(_ text: String, name: String = "log.txt") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    let sample = "0 70 0.002\n1 30 0.01\n0 100 0.004\n\n1 5 0.02\n"
    let statistics = TrainingStatistics(impressions: 1000, clicks: 2, cost: 50_000)

    @Test("reads plain and gzip logs alike")
    func readsLogs() throws {
        let path = try temporaryFile(sample)
        let plain = try AuctionLog(contentsOf: path)
        #expect(plain.auctions.count == 4)
        #expect(plain.auctions[1] == LoggedAuction(clicked: true, marketPrice: 30, predictedCTR: 0.01))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(try AuctionLog(contentsOf: path + ".gz") == plain)
    }

    @Test("malformed lines are reported with line and column")
    func malformed() throws {
        let path = try temporaryFile("0 70 0.002\n0 7x 0.1\n")
        #expect(
            throws: ReplayError.malformedLine(
                path: path,
                line: 2,
                column: 3,
                reason: "market price must be a non-negative integer"
            )
        ) {
            try AuctionLog(contentsOf: path)
        }
        let short = try temporaryFile("0 70\n")
        #expect(throws: ReplayError.self) { try AuctionLog(contentsOf: short) }
        #expect(throws: ReplayError.self) { try AuctionLog(contentsOf: path + ".missing") }
    }

    @Test("episodes, budgets, caps and the win rule, by hand")
    func rules() throws {
        let log = try AuctionLog(contentsOf: try temporaryFile(sample))
        // CPM_train = 50; c₀ = 1, N = 2 → budget int(50·1·2) = 100 per episode.
        let rules = ReplayRules(episodeLength: 2, budgetFraction: 1, maxBid: 80)
        let fixed70 = Replay(log: log, statistics: statistics, rules: rules).run(strategy: FixedBid(amount: 70.9))
        // Episode 1: bid 70 ≥ 70 wins (budget 30 left), then bid min(70, 30) = 30 ≥ 30 wins.
        // Episode 2: bid 70 < 100 loses; bid 70 ≥ 5 wins.
        #expect(fixed70.impressions == 3 && fixed70.clicks == 2 && fixed70.cost == 105)
        #expect(fixed70.episodes == 2 && fixed70.budget == 200)

        var strict = rules
        strict.winRule = .above
        let above = Replay(log: log, statistics: statistics, rules: strict).run(strategy: FixedBid(amount: 70.9))
        // 70 > 70 fails; 70 > 30 wins (budget 100 → 70); then 70 < 100; 70 > 5.
        #expect(above.impressions == 2 && above.cost == 35)

        var whole = rules
        whole.budgetScope = .wholeLog
        let oneBudget = Replay(log: log, statistics: statistics, rules: whole).run(strategy: FixedBid(amount: 500))
        // Budget int(50·4) = 200, cap 80: wins 70 (130 left), 30 (100 left), loses 100 (bid 80), wins 5.
        #expect(oneBudget.impressions == 3 && oneBudget.cost == 105 && oneBudget.budget == 200)
    }

    static let directory = ProcessInfo.processInfo.environment["GAVEL_IPINYOU_DIR"] ?? "/work/shared/auction"
    static let logPath = directory + "/ipinyou_2997_test.theta.txt.gz"
    static let infoPath = directory + "/ipinyou_2997_info.json"
    static let dataPresent =
        FileManager.default.fileExists(atPath: logPath)
        && FileManager.default.fileExists(atPath: infoPath)

    @Test(
        "Cai et al. (WSDM 2017), iPinYou 2997 at c₀ = 1/32: Lin-Bid and Mcpc to the integer",
        .enabled(if: dataPresent, "iPinYou 2997 log not found (set GAVEL_IPINYOU_DIR)")
    )
    func publishedReplay() throws {
        let statistics = try TrainingStatistics(contentsOf: Self.infoPath)
        let replay = Replay(
            log: try AuctionLog(contentsOf: Self.logPath),
            statistics: statistics,
            rules: ReplayRules(episodeLength: 1000, budgetFraction: 1.0 / 32)
        )
        #expect(replay.log.auctions.count == 156_063)
        #expect(replay.rules.budget(for: 1000, statistics: statistics) == 1969)

        let linear = replay.run(strategy: LinearBid(base: 10, averageRate: statistics.clickThroughRate))
        #expect(linear.impressions == 32_208)
        #expect(linear.clicks == 71)
        #expect(linear.cost == 203_610)

        let mcpc = replay.run(strategy: McpcBid(costPerEvent: statistics.costPerClick))
        #expect(mcpc.impressions == 14_752)
        #expect(mcpc.clicks == 48)
        #expect(mcpc.cost == 307_751)
        #expect(mcpc.episodes == 157)
    }
}
