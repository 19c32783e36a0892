import Foundation
public import GavelAuction

/// What `gavel simulate replay` asks for, as the command line spells it.
public struct LogReplayOptions: Hashable, Sendable {
    public var logPath: String
    public var infoPath: String
    /// `lin` (or `linear`) or `mcpc`.
    public var strategy: String
    /// b₀ for `lin`, in the log's price units.
    public var baseBid: Double?
    /// c₀: the budget as a fraction of the training cost at its average price.
    public var budgetFraction: Double
    /// `ge` or `gt`.
    public var winRule: String
    /// `episode` or `whole`.
    public var budgetScope: String
    /// The bid cap in the log's units, or `nil` for none.
    public var maxBid: Int64?
    public var episodeLength: Int

    public init(
        logPath: String,
        infoPath: String,
        strategy: String = "lin",
        baseBid: Double? = nil,
        budgetFraction: Double,
        winRule: String = "ge",
        budgetScope: String = "episode",
        maxBid: Int64? = 300,
        episodeLength: Int = 1000
    ) {
        self.logPath = logPath
        self.infoPath = infoPath
        self.strategy = strategy
        self.baseBid = baseBid
        self.budgetFraction = budgetFraction
        self.winRule = winRule
        self.budgetScope = budgetScope
        self.maxBid = maxBid
        self.episodeLength = episodeLength
    }
}

/// Why a command-line replay could not run.
public enum LogReplayError: Error, Equatable, CustomStringConvertible {
    case invalidOption(String)
    case data(ReplayError)

    public var description: String {
        switch self {
        case .invalidOption(let message): message
        case .data(let error): error.description
        }
    }
}

/// One strategy replayed on a log straight from the command line (no scenario file).
public enum LogReplay {
    /// Checks the options, reads the log and its statistics and replays.
    public static func run(_ options: LogReplayOptions) throws(LogReplayError) -> LogReplayReport {
        let rules = try rules(options)
        let strategy = try strategy(options)
        let inputs: ReplayInputs
        do { inputs = try ReplayInputs(logPath: options.logPath, infoPath: options.infoPath) } catch {
            throw .data(error)
        }
        let replay = Replay(log: inputs.log, statistics: inputs.statistics, rules: rules)
        return LogReplayReport(
            options: options,
            metrics: replay.run(strategy: strategy.choice(statistics: inputs.statistics))
        )
    }

    private static func rules(_ options: LogReplayOptions) throws(LogReplayError) -> ReplayRules {
        guard options.budgetFraction > 0, options.budgetFraction.isFinite else {
            throw .invalidOption("--c0 must be a positive fraction such as 0.03125")
        }
        guard options.episodeLength > 0 else { throw .invalidOption("--episode must be a positive number of auctions") }
        if let cap = options.maxBid, cap <= 0 { throw .invalidOption("--max-bid must be positive, or 'none'") }
        return ReplayRules(
            episodeLength: options.episodeLength,
            budgetFraction: options.budgetFraction,
            budgetScope: try lookup(options.budgetScope, in: ReplayVocabulary.budgetScopes, option: "--budget-scope"),
            maxBid: options.maxBid,
            winRule: try lookup(options.winRule, in: ReplayVocabulary.winRules, option: "--win-rule")
        )
    }

    private static func strategy(_ options: LogReplayOptions) throws(LogReplayError) -> ReplayStrategy {
        switch try lookup(options.strategy, in: ReplayVocabulary.strategies, option: "--strategy") {
        case .lin:
            guard let base = options.baseBid, base > 0 else {
                throw .invalidOption("--strategy lin needs --b0, e.g. 10")
            }
            return .linear(baseBid: base)
        case .mcpc:
            return .mcpc
        }
    }

    private static func lookup<Value>(
        _ name: String,
        in table: [(name: String, value: Value)],
        option: String
    )
        throws(LogReplayError) -> Value
    {
        guard let match = table.first(where: { $0.name == name.lowercased() }) else {
            throw .invalidOption(
                "\(option) must be one of \(table.map(\.name).joined(separator: ", ")), not '\(name)'"
            )
        }
        return match.value
    }
}

/// The replay's figures, as a table for people and JSON for scripts.
public struct LogReplayReport: Sendable, CustomStringConvertible {
    public var options: LogReplayOptions
    public var metrics: ReplayMetrics

    public var description: String {
        let strategy =
            options.strategy.lowercased() == "mcpc" ? "mcpc" : "lin b0=\(options.baseBid.map(SweepCSV.number) ?? "")"
        let file = URL(fileURLWithPath: options.logPath).lastPathComponent
        let heading =
            "\(file): \(strategy), c0=\(SweepCSV.number(options.budgetFraction)), \(count(metrics.auctions)) auctions "
            + "in \(count(metrics.episodes)) episodes, budget \(count(metrics.budget))"
        let header = ["Impressions", "Clicks", "Cost", "Bids", "Win rate", "CTR", "CPC"]
        let row = [
            count(metrics.impressions), count(metrics.clicks), count(metrics.cost), count(metrics.bids),
            SweepChart.number(metrics.winRate * 100, decimals: 2) + " %",
            SweepChart.number(metrics.clickThroughRate * 100, decimals: 3) + " %",
            metrics.costPerClick.map { SweepChart.number($0, decimals: 1) } ?? "–",
        ]
        let widths = zip(header, row).map { max($0.count, $1.count) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        return [heading, line(header), line(row)].joined(separator: "\n")
    }

    /// Costs in the log's integer units; rates as fractions.
    public var json: String {
        let fields: [(String, String)] = [
            ("auctions", "\(metrics.auctions)"), ("episodes", "\(metrics.episodes)"), ("budget", "\(metrics.budget)"),
            ("bids", "\(metrics.bids)"), ("impressions", "\(metrics.impressions)"), ("clicks", "\(metrics.clicks)"),
            ("cost", "\(metrics.cost)"), ("win_rate", "\(metrics.winRate)"),
            ("ctr", "\(metrics.clickThroughRate)"), ("cpc", metrics.costPerClick.map { "\($0)" } ?? "null"),
        ]
        return "{\n" + fields.map { "  \"\($0)\": \($1)" }.joined(separator: ",\n") + "\n}"
    }

    private func count(_ value: some BinaryInteger) -> String { SweepChart.number(Double(value), decimals: 0) }
}
