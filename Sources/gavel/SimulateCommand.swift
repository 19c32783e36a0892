import ArgumentParser
import GavelSimulation

import struct Foundation.Data
import class Foundation.FileHandle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gavel simulate`: run a sweep from a scenario file, or replay one strategy on a logged-auction file.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run auction-simulation sweeps from Simulations/*.yaml, or replay a strategy on an auction log.",
        discussion: """
            Examples:
              gavel simulate Simulations/search-target-cpa.yaml
              gavel simulate Simulations/display-pacing.yaml --out results/ --workers 2
              gavel simulate replay --log ipinyou_2997_test.theta.txt.gz --info ipinyou_2997_info.json \\
                --strategy lin --b0 10 --c0 0.03125
            """,
        subcommands: [Sweep.self, ReplayLog.self],
        defaultSubcommand: Sweep.self
    )
}

extension SimulateCommand {
    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sweep",
            abstract: "Run every point of a scenario's grid in parallel; write <out>/<name>.csv and .svg.",
            discussion: """
                The scenario file describes a market, a strategy and a grid of settings to vary; see the commented \
                examples in Simulations/. Each point runs its repetitions on seeds split from the file's seed, so \
                results do not depend on --workers.

                Example:
                  gavel simulate Simulations/search-target-cpa.yaml --out out/
                """
        )

        @Argument(help: "The scenario file, e.g. Simulations/search-target-cpa.yaml.")
        var scenario: String

        @Option(help: "Folder for the CSV and SVG (created if missing).")
        var out: String = "out"

        @Option(help: "Worker threads (default: one per core).")
        var workers: Int?

        @Flag(help: "No progress line on standard error.")
        var quiet = false

        func validate() throws {
            if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        }

        func run() throws {
            let interactive = isatty(STDERR_FILENO) == 1
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                // Redraw on a terminal; in a log, one line per tenth of the work.
                guard !quiet, interactive || done == total || done % max(1, total / 10) == 0 else { return }
                let line = "simulating: \(done) / \(total) runs (\(100 * done / max(total, 1)) %)"
                printToStandardError(interactive ? "\r\u{1B}[K" + line + (done == total ? "\n" : "") : line + "\n")
            }
            print(try SweepJob.run(scenario: scenario, outputDirectory: out, workers: workers, progress: progress))
        }
    }

    struct ReplayLog: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Replay a bidding strategy on a logged-auction file (rlb-dp / iPinYou format).",
            discussion: """
                Defaults follow Cai et al. (WSDM 2017): episodes of 1000 auctions, each with budget \
                int(training CPM × c0 × 1000); bids capped at 300; a bid wins when it is at least the logged price.

                Example:
                  gavel simulate replay --log ipinyou_2997_test.theta.txt.gz --info ipinyou_2997_info.json \\
                    --strategy lin --b0 10 --c0 0.03125 --format json
                """
        )

        @Option(help: "The log: one `click market_price pCTR` line per auction, plain or gzip.")
        var log: String

        @Option(help: "The training statistics JSON (imp_train, clk_train, cost_train).")
        var info: String

        @Option(help: "lin (b = b0 · pCTR / training CTR) or mcpc (b = training eCPC · pCTR).")
        var strategy: String = "lin"

        @Option(help: "Base bid b0 for lin, in the log's price units.")
        var b0: Double?

        @Option(help: "Budget as a fraction of the training cost, e.g. 0.03125 (= 1/32).")
        var c0: Double

        @Option(help: "ge: a bid at least the logged price wins; gt: only a higher bid.")
        var winRule: String = "ge"

        @Option(help: "episode: the budget renews every episode; whole: one budget for the whole log.")
        var budgetScope: String = "episode"

        @Option(help: "Bid cap in the log's price units, or 'none'.")
        var maxBid: String = "300"

        @Option(help: "Auctions per episode.")
        var episode: Int = 1000

        @Option(help: "table for people, json for machines.")
        var format: OutputFormat = .table

        func run() throws {
            let cap: Int64? = maxBid.lowercased() == "none" ? nil : Int64(maxBid)
            guard cap != nil || maxBid.lowercased() == "none" else {
                throw ValidationError("--max-bid must be a whole number or 'none', not '\(maxBid)'")
            }
            let options = LogReplayOptions(
                logPath: log,
                infoPath: info,
                strategy: strategy,
                baseBid: b0,
                budgetFraction: c0,
                winRule: winRule,
                budgetScope: budgetScope,
                maxBid: cap,
                episodeLength: episode
            )
            let report = try LogReplay.run(options)
            print(format == .json ? report.json : report.description)
        }
    }
}

private func printToStandardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
