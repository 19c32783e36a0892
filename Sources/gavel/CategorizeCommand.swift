import ArgumentParser
import GavelBidding
import GavelCore
import GavelJobs
import GavelReports
import GavelStore

import struct Foundation.Data
import struct Foundation.URL
import class Foundation.FileManager

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct CategorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categorize",
        abstract: "Sort keywords into filters (categories, sub-categories, saved filters) with labels for bulk action.",
        discussion: """
            Every keyword falls in exactly one category over the window: with conversions; clicks but no \
            conversions; impressions but no clicks; no impressions (candidates for removal). Sub-categories \
            (high volume, inefficient, low quality score, low position) and saved filters such as wasted-spend \
            come from the filters file (Rules/filters.yaml in the current folder if present, else the built-in \
            copy of it; format in Docs/filters.md). A keyword's device rows are combined unless --per-segment.

            Works on the history (last --window-days days up to --as-of) or straight on report downloads, all \
            their rows, without a database.

            Examples:
              gavel categorize
              gavel categorize "Search keyword report.csv"
              gavel categorize --window-days 14 --format csv > labels.csv    # Google Ads Editor label import
              gavel categorize --filters Rules/filters.yaml --format json | jq '.saved_filters[]'
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Report downloads to categorize instead of the database.", completion: .file())
    var files: [String] = []

    @Option(help: "Account name for reports that do not carry one (Google Ads UI downloads).")
    var account = "Default account"

    @Option(help: "The filters file (YAML, see Docs/filters.md).", completion: .file(extensions: ["yaml", "yml"]))
    var filters: String?

    @Option(help: "Days of history to judge, ending on --as-of (database only; default 30).")
    var windowDays: Int?

    @Option(help: "Last day of the window (YYYY-MM-DD; default: the last day in the history).")
    var asOf: String?

    @Flag(help: "Categorize each keyword × device separately instead of combining a keyword's device rows.")
    var perSegment = false

    @Option(help: "table for people, csv for a Google Ads Editor label import, json for machines.")
    var format: CategorizeFormat = .table

    @Option(help: "With --format table: list this many keywords, highest cost first, under each saved filter.")
    var top = 0

    func validate() throws {
        if let windowDays, !(1...730).contains(windowDays) {
            throw ValidationError("--window-days must be within 1...730")
        }
        if perSegment && format == .csv {
            throw ValidationError("--per-segment cannot be combined with --format csv: labels belong to keywords")
        }
        if !files.isEmpty && (asOf != nil || windowDays != nil) {
            throw ValidationError(
                "--as-of and --window-days apply to the database; a download is categorized over all its rows")
        }
    }

    func run() throws {
        BatchMemory.configure()
        let settings = try loadSettings()
        let segmentation: Segmentation = perSegment ? .perDevice : .combined
        let (source, period, collected) = files.isEmpty
            ? try collectFromStore(segmentation) : try collectFromReports(segmentation)
        let categorization = Categorizer(settings: settings).categorize(collected.performances)
        let output = CategorizationOutput(
            source: source, period: period, collected: collected, categorization: categorization, settings: settings)
        switch format {
        case .table: print(CategorizeReport.table(output, top: top))
        case .csv:
            warnAboutSeveralAccounts(collected)
            output.writeEditorLabels { print($0, terminator: "") }
        case .json: output.writeJSON { print($0, terminator: "") }
        }
    }

    private func loadSettings() throws -> CategorizerSettings {
        let shipped = "Rules/filters.yaml"
        guard let path = filters ?? (FileManager.default.fileExists(atPath: shipped) ? shipped : nil) else {
            return CategorizerSettings.builtIn
        }
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("cannot read filters file \(path): \(error.localizedDescription)")
        }
        return try CategorizerSettings.parse(yaml: String(decoding: bytes, as: UTF8.self), fileName: path)
    }

    private func collectFromStore(_ segmentation: Segmentation) throws -> (String, DayRange?, CollectedKeywords) {
        guard FileManager.default.fileExists(atPath: store.db) else {
            throw ValidationError(
                "no database at \(store.db): import reports first (gavel import), or categorize a download directly "
                    + "(gavel categorize report.csv)")
        }
        let history = try store.openStore()
        let requested = try asOf.map { text in
            guard let day = CalendarDay(iso: text) else {
                throw ValidationError("--as-of expects YYYY-MM-DD, got \(text)")
            }
            return day
        }
        guard let last = try requested ?? history.lastDay() else {
            throw ValidationError("\(store.db) holds no performance yet: gavel import or gavel generate first")
        }
        let window = DayRange(first: last.advanced(by: 1 - (windowDays ?? 30)), last: last)
        let progress = Progress("reading \(store.db)", unit: "keywords")
        var keywords = 0
        let collected = try CategorizeJob.collect(from: history, window: window, segmentation: segmentation) {
            keywords = $0
            progress.update($0)
        }
        progress.finish(keywords)
        return (store.db, window, collected)
    }

    private func collectFromReports(_ segmentation: Segmentation) throws -> (String, DayRange?, CollectedKeywords) {
        var collector = ReportKeywordCollector(segmentation: segmentation)
        var period: DayRange?
        for file in files {
            let bytes: [UInt8]
            do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let summary = try ReportReader.read(bytes, fileName: file, defaultAccount: account) { record in
                switch record {
                case .fact(let fact, let attributes): collector.add(fact, attributes: attributes)
                case .attributes(let keyword, let attributes): collector.add(attributes: attributes, of: keyword)
                case .simulation:
                    throw ValidationError(
                        "\(file) is a bid simulation, which says what other bids would buy, not what the keywords did: "
                            + "categorize a keyword report")
                }
            }
            if let covered = summary.period {
                period = period.map {
                    DayRange(first: min($0.first, covered.first), last: max($0.last, covered.last))
                } ?? covered
            }
        }
        return (files.joined(separator: ", "), period, collector.collected())
    }

    /// Editor imports into one account at a time and the label file has no account column.
    private func warnAboutSeveralAccounts(_ collected: CollectedKeywords) {
        var accounts = Set<String>()
        for segment in collected.segments {
            accounts.insert(segment.identity.account)
            if accounts.count > 1 { break }
        }
        guard accounts.count > 1 else { return }
        var message =
            "warning: the keywords come from several accounts; Google Ads Editor imports labels into the open account "
            + "only, so split the file by account (gavel categorize --format json has the account of each keyword)\n"
        message.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}

/// Output formats of `gavel categorize`.
enum CategorizeFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
}

/// Renders a categorization for people: what was read, the targets used, one row per category, sub-category and
/// saved filter, then each saved filter's condition and action.
enum CategorizeReport {
    static func table(_ output: CategorizationOutput, top: Int) -> String {
        let categorization = output.categorization
        let settings = output.settings
        let whole = categorization.total
        var lines = [headline(output), targetsLine(categorization.targets, settings: settings), ""]
        var table = TextTable(header: ["", "Keywords", "Impr.", "Clicks", "Cost", "Conv.", "CPA", "Share of spend"])
        func row(_ name: String, _ group: GroupTotals) -> [String] {
            let totals = group.totals
            return [
                name, Format.count(group.keywords), Format.count(totals.impressions), Format.count(totals.clicks),
                Format.money(totals.cost), Format.decimal(totals.conversions), Format.optionalMoney(totals.cpa),
                Format.percent(group.shareOfSpend(of: whole)),
            ]
        }
        let blank = [String](repeating: "", count: 7)
        table.append(["Category (each keyword in one)"] + blank)
        for category in KeywordCategory.allCases {
            table.append(row("  " + category.title, categorization.category(category)))
        }
        table.append(row("  All keywords", whole))
        table.append(["Sub-category (can overlap)"] + blank)
        for subCategory in KeywordSubCategory.allCases {
            table.append(row("  " + subCategory.title, categorization.subCategory(subCategory)))
        }
        if !settings.savedFilters.isEmpty {
            table.append(["Saved filter"] + blank)
            for (index, filter) in settings.savedFilters.enumerated() {
                table.append(row("  " + filter.name, categorization.savedFilters[index]))
            }
        }
        lines.append(table.render())
        if !settings.savedFilters.isEmpty {
            lines.append("")
            for (index, filter) in settings.savedFilters.enumerated() {
                lines.append("\(filter.name): \(filter.conditionText) → \(filter.action)")
                if top > 0 { lines.append(contentsOf: topKeywords(output, filter: index, count: top)) }
            }
        }
        lines.append("")
        lines.append(
            "Labels: \"\(settings.labels.label("converting"))\", \"\(settings.labels.label("wasted_spend"))\", … "
                + "(--format csv for a Google Ads Editor import)")
        return lines.joined(separator: "\n")
    }

    private static func headline(_ output: CategorizationOutput) -> String {
        let collected = output.collected
        let noun = collected.segmentation == .combined ? "keyword" : "keyword × device segment"
        var text = "\(output.source): \(Format.count(collected.segments.count, noun))"
        if let period = output.period {
            text += ", \(period.first) to \(period.last) (\(Format.count(period.dayCount, "day")))"
        }
        let notes = collected.notes
        switch collected.segmentation {
        case .combined where notes.keywordsWithDeviceSegments > 0:
            text += "; device rows combined per keyword (\(Format.count(notes.keywordsWithDeviceSegments)) keywords "
                + "had several devices; --per-segment keeps them apart)"
        case .perDevice: text += "; each keyword × device categorized on its own"
        default: break
        }
        if notes.rowsOutsideWindow > 0 {
            text += "; \(Format.count(notes.rowsOutsideWindow, "multi-day row")) reaching outside the window left out"
        }
        if notes.rowsDuplicatingUnsegmented > 0 {
            text += "; \(Format.count(notes.rowsDuplicatingUnsegmented, "device row")) also covered by an "
                + "unsegmented row left out"
        }
        return text
    }

    private static func targetsLine(_ targets: EffectiveTargets, settings: CategorizerSettings) -> String {
        func source(_ source: EffectiveTargets.Source) -> String {
            source == .filtersFile ? "set" : "portfolio average"
        }
        var parts: [String] = []
        if let cpa = targets.cpa { parts.append("CPA \(Format.money(cpa.value)) (\(source(cpa.source)))") }
        if let roas = targets.roas { parts.append("ROAS \(Format.ratio(roas.value)) (\(source(roas.source)))") }
        if let cpc = targets.cpc { parts.append("CPC \(Format.money(cpc.value)) (\(source(cpc.source)))") }
        return "Targets: " + (parts.isEmpty ? "none (no clicks)" : parts.joined(separator: ", "))
            + " · filters: \(settings.fileName)"
    }

    private static func topKeywords(_ output: CategorizationOutput, filter: Int, count: Int) -> [String] {
        let labels = output.categorization.labels
        let performances = output.collected.performances
        let matching = labels.indices.filter { labels[$0].matches(savedFilter: filter) }
        let chosen = matching.sorted { performances[$0].totals.cost > performances[$1].totals.cost }.prefix(count)
        return chosen.map { index in
            let segment = output.collected.segments[index]
            let totals = performances[index].totals
            let device = segment.device == .all ? "" : " (\(segment.device.rawValue))"
            return "    \(segment.identity)\(device): cost \(Format.money(totals.cost)), "
                + "\(Format.count(totals.clicks, "click")), \(Format.decimal(totals.conversions)) conv."
        }
    }
}
