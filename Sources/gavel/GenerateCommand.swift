import ArgumentParser
import GavelCore
import GavelJobs
import GavelMarket
import GavelReports
import GavelStore

import struct Foundation.Date
import struct Foundation.URL
import class Foundation.FileHandle
import class Foundation.FileManager

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic keyword market with a known ground truth.",
        discussion: """
            Writes a realistic portfolio's daily history (Zipf search volume, sparse long-tail conversions, \
            conversion lag as of the report date, weekly and December seasonality, device mix, day-to-day bid \
            changes) into the store, and each keyword's true conversion rate, value and bid response into the \
            market_truth table. The same seed always gives the same market.

            Examples:
              gavel generate --keywords 5000 --days 90 --seed 7
              gavel generate --keywords 1000000 --days 90 --db big.db
              gavel generate --keywords 2000 --landing-page-change 2026-11-10=0.5@adgroup:3
              gavel generate --keywords 100000 --days 30 --csv facts.csv    # generic CSV instead of the store
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Number of keywords (20 per ad group, 25 ad groups per campaign, 20 campaigns per account).")
    var keywords = 5_000

    @Option(help: "Days of history, ending on --as-of.")
    var days = 90

    @Option(help: "Random seed: the same seed gives the same market.")
    var seed: UInt64 = 1

    @Option(help: "Last day of history, the day the simulated reports were run (YYYY-MM-DD; default yesterday).")
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "A landing-page change: DATE=FACTOR, optionally @adgroup:N, @campaign:N or @account:N (default: all).",
            valueName: "change"))
    var landingPageChange: [String] = []

    @Flag(help: "Report without a device segment (one row per keyword and day).")
    var noDevices = false

    @Option(help: "Write the facts as Gavel's generic CSV to this file instead of the store.")
    var csv: String?

    @Option(help: "With --csv: stop after this many rows.")
    var maxRows: Int?

    func run() async throws {
        let spec = try makeSpec()
        let market: Market
        do { market = try Market(spec: spec) } catch { throw ValidationError("\(error)") }
        if let csv {
            try await writeCSV(market, to: csv)
        } else {
            try await writeStore(market)
        }
    }

    private func makeSpec() throws -> MarketSpec {
        let lastDay: CalendarDay
        if let asOf {
            guard let day = CalendarDay(iso: asOf) else { throw ValidationError("--as-of expects YYYY-MM-DD, got \(asOf)") }
            lastDay = day
        } else {
            let today = CalendarDay(rawValue: Int32(Date().timeIntervalSince1970 / 86_400))
            lastDay = today.advanced(by: -1)
        }
        let events = try landingPageChange.map { try Self.parseLandingPageChange($0) }
        return MarketSpec(
            seed: seed, keywords: keywords, days: days, asOf: lastDay, deviceSegmented: !noDevices,
            events: events.map(MarketEvent.landingPageChange))
    }

    static func parseLandingPageChange(_ text: String) throws -> LandingPageChange {
        let usage = "--landing-page-change expects DATE=FACTOR[@adgroup:N|@campaign:N|@account:N], got \(text)"
        let parts = text.split(separator: "@", maxSplits: 1)
        let change = parts[0].split(separator: "=")
        guard change.count == 2, let day = CalendarDay(iso: change[0]), let factor = Double(change[1]) else {
            throw ValidationError(usage)
        }
        var scope = MarketScope.all
        if parts.count == 2 {
            let selector = parts[1].split(separator: ":")
            guard selector.count == 2, let index = Int(selector[1]) else { throw ValidationError(usage) }
            switch selector[0] {
            case "adgroup": scope = .adGroup(index)
            case "campaign": scope = .campaign(index)
            case "account": scope = .account(index)
            default: throw ValidationError(usage)
            }
        }
        return LandingPageChange(scope: scope, from: day, conversionRateFactor: factor)
    }

    private func writeStore(_ market: Market) async throws {
        let history = try store.openStore()
        let progress = Progress("generating", total: market.keywordCount, unit: "keywords")
        let total = try await GenerateJob.run(market, into: history, progress: progress.update)
        progress.finish(market.keywordCount)
        print(
            "\(store.db): generated \(Format.count(market.keywordCount)) keywords, \(Format.count(total.facts)) facts, "
                + "\(market.spec.historyRange.first) to \(market.spec.historyRange.last) (seed \(seed))")
    }

    private func writeCSV(_ market: Market, to path: String) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationError("cannot create \(path)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        let writer = GenericCSVWriter()
        let limit = maxRows ?? Int.max
        var rows = 0
        try file.write(contentsOf: Array((GenericCSVWriter.header + "\n").utf8))
        let progress = Progress("generating \(path)", total: market.keywordCount, unit: "keywords")
        try await market.generateAll { batch in
            guard rows < limit else { return }
            var text = ""
            for (fact, bid) in zip(batch.facts, batch.bids) where rows < limit {
                writer.append(fact, attributes: KeywordAttributes(maxCPC: bid), to: &text)
                rows += 1
            }
            try file.write(contentsOf: Array(text.utf8))
            progress.update(batch.keywords.upperBound)
        }
        progress.finish(market.keywordCount)
        print("\(path): \(Format.count(rows)) rows of generic CSV")
    }
}
