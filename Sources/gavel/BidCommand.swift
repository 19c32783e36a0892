import ArgumentParser
import Crypto
import GavelBidding
import GavelCore
import GavelJobs
import GavelReports
import GavelStore

import struct Foundation.Data
import struct Foundation.URL
import Dispatch

import class Foundation.FileManager

#if canImport(Glibc)
    import Glibc
    private func exitProcess() -> Never { Glibc.exit(0) }
#elseif canImport(Darwin)
    import Darwin
    private func exitProcess() -> Never { Darwin.exit(0) }
#endif

struct BidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bid",
        abstract: "Plan new max-CPC bids from the history with a rule file: explained, bounded, ready to upload.",
        discussion: """
            Reads the rule file (rejected with file:line:column before any work starts), estimates each keyword's \
            conversion rate (pooled with its ad group, campaign and account when data is sparse, corrected for \
            conversion lag, seasonality and detected drops), applies the goal, the conditional rules and the \
            guardrails, and prints every change with its reason. The run is stored in the database for audit, \
            and upload files are written for Google Ads Editor and Microsoft Advertising bulk import.

            With --strategy portfolio the whole portfolio is optimised toward one goal instead: bid landscapes \
            (clicks and cost by bid) are fitted from the days the bids varied, and every keyword is bid where its \
            marginal CPA (or ROAS) equals the portfolio's, under --budget per --period or an overall --target-cpa / \
            --target-roas. The rule file still sets the scope, the limits and guardrails, and its rules hold the \
            keywords they match. See Docs/portfolio.md.

            Dry run by default: nothing changes in the store's current bids until you pass --apply.

            Examples:
              gavel bid --rules Rules/leadgen-target-cpa.yaml
              gavel bid --rules Rules/ecommerce-target-roas.yaml --as-of 2026-11-24 --out out/bids
              gavel bid --rules Rules/demo-target-cpa.yaml --apply
              gavel bid --rules Rules/demo-target-cpa.yaml --explain "running shoes*"
              gavel bid --rules Rules/demo-target-cpa.yaml --strategy portfolio --budget 3000 --period week
              gavel bid --rules Rules/demo-target-cpa.yaml --strategy portfolio --target-cpa 20
            """)

    enum Strategy: String, ExpressibleByArgument, CaseIterable {
        case rules, portfolio
    }

    enum Period: String, ExpressibleByArgument, CaseIterable {
        case day, week, month

        /// Days a budget covers; a month is the platforms' average month (365.25 ÷ 12 days).
        var days: Double {
            switch self {
            case .day: 1
            case .week: 7
            case .month: 30.4375
            }
        }
    }

    @OptionGroup var store: StoreOptions

    @Option(help: "The rule file (YAML, see Docs/rules.md).", completion: .file(extensions: ["yaml", "yml"]))
    var rules: String

    @Option(help: "rules: each keyword toward the rule file's goal; portfolio: the whole portfolio toward one goal.")
    var strategy = Strategy.rules

    @Option(help: "Portfolio budget per --period (currency units), e.g. 3000.")
    var budget: String?

    @Option(help: "The period --budget covers: day, week or month.")
    var period = Period.day

    @Option(help: "Portfolio overall target CPA (currency units), instead of --budget.")
    var targetCPA: String?

    @Option(help: "Portfolio overall target ROAS as a ratio or percentage (4.0 or 400%), instead of --budget.")
    var targetROAS: String?

    @Flag(
        help: ArgumentHelp(
            "Portfolio: bid keywords that have an imported bid simulation (gavel import) on its points instead of "
                + "their fitted landscapes. Off by default; see Docs/portfolio.md for what it measured."))
    var bidSimulations = false

    @Option(help: "Last day of data to use (YYYY-MM-DD; default: the last day in the history).")
    var asOf: String?

    @Flag(help: "Record the new bids as the keywords' current bids in the store.")
    var apply = false

    @Flag(help: "Run even when the portfolio stop fires (the reason is still printed and stored).")
    var force = false

    @Option(help: "Directory for the upload files and the review CSV.")
    var out = "out"

    @Option(help: "How many changes to print, largest first (all are in the review CSV).")
    var show = 15

    @Option(
        help: ArgumentHelp(
            "Also print the reason of every keyword whose text matches this pattern, changed or not (* and ? "
                + "wildcards, case ignored; repeatable).", valueName: "pattern"))
    var explain: [String] = []

    func run() throws {
        BatchMemory.configure()
        let ruleBytes: Data
        do { ruleBytes = try Data(contentsOf: URL(fileURLWithPath: rules)) } catch {
            throw ValidationError("cannot read rule file \(rules): \(error.localizedDescription)")
        }
        let ruleSet = try RuleSet.parse(yaml: String(decoding: ruleBytes, as: UTF8.self), fileName: rules)
        let asOfDay = try asOf.map { text in
            guard let day = CalendarDay(iso: text) else { throw ValidationError("--as-of expects YYYY-MM-DD, got \(text)") }
            return day
        }
        let ruleHash = SHA256.hash(data: ruleBytes).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        let historyStore = try store.openStore()
        let loading = Progress("loading history", unit: "keywords")
        var loaded = 0
        let onProgress = { (count: Int) in
            loaded = count
            loading.update(count)
        }
        let outcome: BidJob.Outcome
        let run: BidRunRecord
        let texts: UploadTexts
        let explained = explain.map(GlobPattern.init)
        switch strategy {
        case .rules:
            try requireNoPortfolioGoal()
            let job = BidJob(store: historyStore, ruleSet: ruleSet, ruleFile: rules, ruleHash: ruleHash)
            outcome = try job.plan(asOf: asOfDay, force: force, explaining: explained, progress: onProgress)
            loading.finish(loaded)
            print(BidReport.render(outcome, ruleSet: ruleSet, show: show))
            print(BidReport.explained(outcome.plan, patterns: explained), terminator: "")
            if let reason = outcome.plan.portfolioStop { print("\nPortfolio stop: \(reason)") }
            (run, texts) = try Self.recording({ try job.record(outcome, apply: apply) }, alongside: outcome)
        case .portfolio:
            let job = PortfolioJob(
                store: historyStore, ruleSet: ruleSet, ruleFile: rules, ruleHash: ruleHash, objective: try objective(),
                usesBidSimulations: bidSimulations)
            let portfolio = try job.plan(asOf: asOfDay, force: force, progress: onProgress)
            loading.finish(loaded)
            outcome = portfolio.bid
            print(BidReport.render(outcome, ruleSet: ruleSet, show: show))
            print(BidReport.explained(outcome.plan, patterns: explained), terminator: "")
            print("")
            print(PortfolioReport.render(portfolio.portfolio, ruleSet: ruleSet, period: period))
            if let reason = outcome.plan.portfolioStop { print("\nPortfolio stop: \(reason)") }
            (run, texts) = try Self.recording({ try job.record(portfolio, apply: apply) }, alongside: outcome)
        }
        let files = try writeFiles(texts, runID: run.id)
        let previous = try historyStore.bidRuns().filter { $0.id != run.id && $0.changesDigest == run.changesDigest }
        print("")
        print("Run #\(run.id) stored (rules \(String(run.ruleHash.prefix(12))), changes \(run.changesDigest))"
            + Self.sameChanges(as: previous.map(\.id)))
        for file in files { print("  wrote \(file)") }
        print(apply
            ? "Applied: \(Format.count(outcome.uploads.count, "new bid")) recorded as current in \(store.db)."
            : "Dry run: nothing applied. Review, upload the files, then re-run with --apply to record the bids.")
        // Everything is stored and written: exiting here spares a million-keyword run the second it would spend
        // freeing its decisions one by one on the way out.
        exitProcess()
    }

    private func requireNoPortfolioGoal() throws {
        if budget != nil || targetCPA != nil || targetROAS != nil {
            throw ValidationError("--budget, --target-cpa and --target-roas need --strategy portfolio")
        }
        if bidSimulations { throw ValidationError("--bid-simulations needs --strategy portfolio") }
    }

    /// Exactly one of --budget, --target-cpa, --target-roas, read as money or a ratio.
    private func objective() throws -> PortfolioObjective {
        let given = [budget, targetCPA, targetROAS].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("--strategy portfolio needs exactly one of --budget, --target-cpa, --target-roas")
        }
        func money(_ text: String, _ option: String) throws -> Micros {
            guard let amount = Micros(decimal: text), amount > .zero else {
                throw ValidationError("\(option) expects a positive amount such as 250.00, got \(text)")
            }
            return amount
        }
        if let budget { return .budget(try money(budget, "--budget").scaled(by: 1 / period.days)) }
        if let targetCPA { return .targetCPA(try money(targetCPA, "--target-cpa")) }
        let text = targetROAS!
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? String(text.dropLast()) : text), number > 0 else {
            throw ValidationError("--target-roas expects a ratio (4.0) or a percentage (400%), got \(text)")
        }
        return .targetROAS(isPercent ? number / 100 : number)
    }

    /// The upload and review files of a run, rendered before the run has its id (which names the files).
    struct UploadTexts: Sendable {
        var googleAdsEditor: String
        var microsoftBulk: String
        var review: String

        init(_ outcome: BidJob.Outcome) {
            googleAdsEditor = BidUploadFiles.googleAdsEditor(outcome.uploads)
            microsoftBulk = BidUploadFiles.microsoftBulk(outcome.uploads)
            review = BidReport.reviewCSV(outcome)
        }
    }

    /// `; identical to run #4, #9`, or with many: `; identical to 75 earlier runs (latest #76, #77, #78)` — a
    /// nightly job re-run on the same data reproduces its run, and a long list says no more than its count.
    static func sameChanges(as runIDs: [Int64]) -> String {
        guard !runIDs.isEmpty else { return "" }
        let latest = runIDs.sorted().suffix(3).map { "#\($0)" }.joined(separator: ", ")
        return runIDs.count <= 3
            ? "; identical to run \(latest)" : "; identical to \(runIDs.count) earlier runs (latest \(latest))"
    }

    /// Stores the run while another thread renders its files: on a million-keyword run both take a while and
    /// neither needs the other.
    private static func recording(
        _ record: () throws -> BidRunRecord, alongside outcome: BidJob.Outcome
    ) throws -> (BidRunRecord, UploadTexts) {
        let rendered = RenderedTexts()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { rendered.set(UploadTexts(outcome)) }
        let run = Result { try record() }
        group.wait()
        return (try run.get(), rendered.texts!)
    }

    private func writeFiles(_ texts: UploadTexts, runID: Int64) throws -> [String] {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let stem = "\(out)/bid-run-\(runID)"
        let files = [
            ("\(stem)-google-ads-editor.csv", texts.googleAdsEditor),
            ("\(stem)-microsoft-bulk.csv", texts.microsoftBulk),
            ("\(stem)-review.csv", texts.review),
        ]
        for (path, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return files.map(\.0)
    }
}

/// The texts the rendering thread hands back; the dispatch group's wait orders the write before the read.
private final class RenderedTexts: @unchecked Sendable {
    private(set) var texts: BidCommand.UploadTexts?
    func set(_ texts: BidCommand.UploadTexts) { self.texts = texts }
}

/// What the portfolio settled at, under the usual run report.
enum PortfolioReport {
    static func render(_ portfolio: PortfolioPlan, ruleSet: RuleSet, period: BidCommand.Period) -> String {
        let symbol = ruleSet.currencySymbol
        let goal: String
        switch portfolio.objective {
        case .budget(let perDay):
            goal = "budget \(symbol)\(Format.money(perDay))/day"
                + (period == .day ? "" : " (\(symbol)\(Format.money(perDay.scaled(by: period.days)))/\(period.rawValue))")
        case .targetCPA(let target): goal = "overall target CPA \(symbol)\(Format.money(target))"
        case .targetROAS(let target): goal = "overall target ROAS \(Format.decimal(target * 100, places: 0)) %"
        }
        var settled = ""
        if let marginalCPA = portfolio.marginalCPA { settled = "marginal CPA \(symbol)\(Format.money(marginalCPA))" }
        if let marginalROAS = portfolio.marginalROAS {
            settled = "marginal ROAS \(Format.decimal(marginalROAS * 100, places: 0)) %"
        }
        let status: String
        switch portfolio.status {
        case .optimal: status = "every optimised keyword bid where its \(settled)"
        case .unconstrained: status = "every optimised keyword at its best allowed bid: the goal does not bind"
        case .infeasible: status = "the goal cannot be met even at the lowest allowed bids: those are used"
        }
        var report = """
            Portfolio: \(goal) · \(status)
              \(Format.count(portfolio.optimised, "keyword")) optimised, \(Format.count(portfolio.fixed)) held by rules \
            or minimum data (counted in the totals)
            """
        if portfolio.simulated > 0 {
            report += ", \(Format.count(portfolio.simulated)) on the platform's bid simulator"
            if let reach = portfolio.simulationReach {
                report += " (its points reach a median \(Format.decimal(reach.lowerBound, places: 2)) × to "
                    + "\(Format.decimal(reach.upperBound, places: 2)) × today's bid)"
            }
        }
        if let braking = portfolio.braking {
            report += """

                  Spend brake: the last \(Format.count(braking.days, "planned day")) spent \
                \(Format.decimal(braking.overspend * 100, places: 0)) % of their plans: planned for \
                \(symbol)\(Format.money(braking.plannedBudget))/day
                """
        }
        return report
    }
}

/// The bid run as a specialist reviews it.
enum BidReport {
    static func render(_ outcome: BidJob.Outcome, ruleSet: RuleSet, show: Int) -> String {
        let plan = outcome.plan
        let summary = plan.summary
        var lines = [
            "\(ruleSet.name) · as of \(outcome.asOf) · \(outcome.run.strategy)",
            "Keywords: \(Format.count(summary.raised)) up, \(Format.count(summary.lowered)) down, "
                + "\(Format.count(summary.unchanged)) unchanged, \(Format.count(summary.skipped)) skipped, "
                + "\(Format.count(summary.outOfScope)) out of scope",
            "Conversion lag: mean \(Format.decimal(plan.conversionLag.meanDays, places: 1)) days ("
                + (plan.conversionLag.source == .configured ? "configured" : "estimated from the history") + ")",
        ]
        if !plan.drops.isEmpty {
            lines.append("Conversion-rate drops detected: \(plan.drops.count)")
            lines += plan.drops.prefix(5).map { "  " + $0 }
        }
        let automated = plan.automatedKeywords
        if !automated.isEmpty {
            lines.append("Skipped, run by a platform strategy: \(Format.count(automated.count))")
            lines += automated.prefix(5).map { "  \($0)" }
        }
        lines.append("")
        lines.append("Forecast per day (KPI tree: conversions = clicks × CVR; cost = clicks × CPC)")
        var table = TextTable(header: ["", "Clicks", "CVR", "Conversions", "CPC", "Cost", "CPA"])
        for (name, forecast) in [("current bids", summary.baseline), ("new bids", summary.forecast)] {
            let cvr = forecast.clicks > 0 ? forecast.conversions / forecast.clicks : nil
            let cpc = forecast.clicks > 0 ? Micros(rounding: forecast.cost.units / forecast.clicks) : nil
            let cpa = forecast.conversions > 0 ? Micros(rounding: forecast.cost.units / forecast.conversions) : nil
            table.append([
                name, Format.decimal(forecast.clicks, places: 1), Format.percent(cvr),
                Format.decimal(forecast.conversions, places: 2), Format.optionalMoney(cpc), Format.money(forecast.cost),
                Format.optionalMoney(cpa),
            ])
        }
        lines.append(table.render())
        // Sorted by index and size of change, computed once: sorting the decisions themselves would copy them.
        let decisions = plan.decisions
        var changes: [(index: Int, size: Double)] = []
        for index in plan.changedIndices {
            let oldBid = decisions[index].oldBid
            guard let newBid = decisions[index].newBid, newBid != oldBid else { continue }
            changes.append((index, oldBid.map { $0 > .zero ? abs(newBid.units / $0.units - 1) : 0 } ?? 0))
        }
        changes.sort { $0.size > $1.size }
        if !changes.isEmpty, show > 0 {
            lines.append("")
            lines.append("Largest changes (\(min(show, changes.count)) of \(Format.count(changes.count))):")
            for decision in changes.prefix(show).map({ decisions[$0.index] }) {
                lines.append(
                    "  \(decision.identity)  \(Format.optionalMoney(decision.oldBid)) → "
                        + "\(Format.optionalMoney(decision.newBid))")
                lines.append("    \(decision.trace)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The keywords `--explain` asked about, changed or not, each with its reason (the first
    /// ``explainedLimit``; the rest are counted). Empty without patterns.
    static func explained(_ plan: BidPlan, patterns: [GlobPattern]) -> String {
        guard !patterns.isEmpty else { return "" }
        let decisions = plan.decisions
        var lines: [String] = []
        var matched = 0
        for index in decisions.indices where patterns.contains(where: { $0.matches(decisions[index].identity.text) }) {
            matched += 1
            guard matched <= explainedLimit else { continue }
            let decision = decisions[index]
            lines.append(
                "  \(decision.identity)  \(Format.optionalMoney(decision.oldBid)) → "
                    + "\(Format.optionalMoney(decision.newBid))  (\(decision.action.name))")
            lines.append("    \(decision.trace)")
        }
        let asked = patterns.map { "'\($0)'" }.joined(separator: ", ")
        let shown = matched > explainedLimit ? ", the first \(explainedLimit) shown" : ""
        return "\nExplained (\(Format.count(matched, "keyword")) matching \(asked)\(shown)):\n"
            + lines.map { $0 + "\n" }.joined()
    }

    static let explainedLimit = 50

    /// Every change and skip with its numbers and reason, for review in a spreadsheet (unchanged keywords are
    /// counted in the run's summary; `--explain` shows any of them).
    static func reviewCSV(_ outcome: BidJob.Outcome) -> String {
        let changed = outcome.plan.changedIndices
        var csv = CSVText(
            header: [
                "Account", "Campaign", "Ad group", "Keyword", "Match type", "Action", "Old bid", "New bid", "Change %",
                "Estimated CVR", "Reason",
            ], reservingRows: changed.count)
        let decisions = outcome.plan.decisions
        for index in changed {
            let decision = decisions[index]
            let identity = decision.identity
            csv.append(identity.account)
            csv.append(identity.campaign)
            csv.append(identity.adGroup)
            csv.append(identity.text)
            csv.append(identity.matchType.editorName)
            csv.append(decision.action.name)
            csv.append(decision.oldBid.map { $0.formatted(decimals: 2) } ?? "")
            csv.append(decision.newBid.map { $0.formatted(decimals: 2) } ?? "")
            csv.append(decision.relativeChange.map { Format.decimal($0 * 100, places: 1) } ?? "")
            csv.append(decision.estimatedCVR.map { Format.decimal($0 * 100, places: 3) + "%" } ?? "")
            csv.append(decision.trace)
            csv.endRow()
        }
        return csv.text
    }
}
