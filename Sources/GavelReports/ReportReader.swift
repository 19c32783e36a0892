public import GavelCore

/// The report layouts Gavel reads; ``ReportReader`` tells them apart by their header, not the file name.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Google Ads UI download, "CSV" flavour: UTF-8, comma-separated.
    case googleAdsCSV
    /// Google Ads UI download, "Excel CSV" flavour: UTF-16LE with BOM, tab-separated.
    case googleAdsExcelCSV
    /// Microsoft Advertising keyword performance report (API or UI download).
    case microsoftKeywordPerformance
    /// Microsoft Advertising bulk file: only its `Keyword` records are read, for bids and ids.
    case microsoftBulk
    /// Gavel's documented generic CSV (see ``GenericCSV``), one row per keyword × day × device.
    case generic
    /// Google Ads bid simulations (`ad_group_criterion_simulation`, CPC_BID, UNIFORM), one row per point: the API
    /// field names or a friendly header (see ``BidSimulationReport``).
    case googleAdsBidSimulation
    /// Microsoft Advertising bid landscapes (`GetBidLandscapeByKeywordIds`), one row per `BidLandscapePoint`.
    case microsoftBidLandscape
}

/// One thing a report says about one keyword.
public enum ReportRecord: Sendable, Hashable {
    /// Performance over a period, with what the row says about the keyword's current state.
    case fact(PerformanceFact, KeywordAttributes)
    /// State only (bid, ids, status), from files without performance such as a bulk file.
    case attributes(KeywordIdentity, KeywordAttributes)
    /// The platform's bid simulation of one keyword, gathered from all of its rows.
    case simulation(KeywordSimulation)
}

/// What a whole file held, for the importer's log line and for replacing a date range in the store.
public struct ReportSummary: Sendable, Hashable {
    public var format: ReportFormat
    /// The report's date range as its preamble states it, or else the span of its rows' periods;
    /// `nil` for files without dates (bulk files) or without rows.
    public var period: DayRange?
    /// Records passed to the caller.
    public var records: Int
    /// `Total: …` rows skipped (platform subtotals, which would count everything twice).
    public var skippedTotalRows: Int

    public init(format: ReportFormat, period: DayRange?, records: Int, skippedTotalRows: Int) {
        self.format = format
        self.period = period
        self.records = records
        self.skippedTotalRows = skippedTotalRows
    }
}

/// Reads keyword report downloads into Core facts, streaming, so a store can insert a million rows
/// inside one transaction without holding them all.
public enum ReportReader {
    /// Detects the format and calls `body` for every record, in file order.
    ///
    /// - Parameters:
    ///   - bytes: the file exactly as downloaded (UTF-8 with or without BOM, or UTF-16 with BOM).
    ///   - fileName: used only in error messages.
    ///   - defaultAccount: the account for files that do not name one in an account column.
    ///   - body: called once per record; an error it throws stops reading and propagates unchanged.
    /// - Returns: the detected format, the period covered and counts.
    /// - Throws: ``ReportError`` on the first row that cannot be read, naming file, line and column.
    public static func read(
        _ bytes: [UInt8], fileName: String, defaultAccount: String, _ body: (ReportRecord) throws -> Void
    ) throws -> ReportSummary {
        let text = DecodedText(bytes)
        return try text.utf8.withUnsafeBufferPointer { whole in
            let content = UnsafeBufferPointer(rebasing: whole[text.contentStart...])
            var source = try FormatDetector.detect(
                content, fileName: fileName, defaultAccount: defaultAccount, wasUTF16: text.wasUTF16)
            switch source.format {
            case .googleAdsCSV, .googleAdsExcelCSV: return try GoogleAdsReport.read(&source, body)
            case .microsoftKeywordPerformance: return try MicrosoftKeywordReport.read(&source, body)
            case .microsoftBulk: return try MicrosoftBulkFile.read(&source, body)
            case .generic: return try GenericCSV.read(&source, body)
            case .googleAdsBidSimulation, .microsoftBidLandscape: return try BidSimulationReport.read(&source, body)
            }
        }
    }
}

/// A file after format detection: the tokenizer stands just past the header.
struct ReportSource {
    let format: ReportFormat
    let fileName: String
    let defaultAccount: String
    var tokenizer: CSVTokenizer
    let header: CSVRow
    /// Lines before the header (title, date range, Microsoft's `Report …:` lines), cells joined by spaces.
    let preamble: [(line: Int, text: String)]

    /// The text after the colon on the first preamble line labelled with one of `labels`
    /// (`"Report Time:","5/1/2026 - 5/8/2026"` gives `5/1/2026 - 5/8/2026`).
    func preambleValue(labelled labels: [String]) -> (line: Int, text: String)? {
        for (line, text) in preamble {
            let lowered = text.lowercased()
            guard labels.contains(where: { lowered.hasPrefix($0) }), let colon = text.firstIndex(of: ":") else {
                continue
            }
            return (line, String(text[text.index(after: colon)...].trimmingSpaces()))
        }
        return nil
    }

    /// The range a preamble line states: one date is a single day, two are first and last day.
    func dateRange(line: Int, text: String) throws(ReportError) -> DayRange? {
        guard let dates = DateText.dates(in: text.utf8) else {
            throw ReportError(file: fileName, line: line, message: "\"\(text)\" holds an impossible date")
        }
        guard let first = dates.first else { return nil }
        let last = dates.count > 1 ? dates[1] : first
        return DayRange(first: min(first, last), last: max(first, last))
    }

    /// Calls `handle` for every data row, skipping blank rows and, for platform reports, `Total: …`
    /// rows and the copyright footer. Returns how many total rows were skipped.
    mutating func forEachRow(skippingTotals: Bool, _ handle: (CSVRow) throws -> Void) throws -> Int {
        var row = CSVRow(buffer: tokenizer.buffer)
        var skipped = 0
        while try tokenizer.next(into: &row) {
            if row.isBlank { continue }
            if skippingTotals {
                if RowKind.isTotal(row) {
                    skipped += 1
                    continue
                }
                if RowKind.isFooter(row) { continue }
            }
            try handle(row)
        }
        return skipped
    }

    /// Streams performance rows through `decoder`, returning the summary every performance format gives.
    mutating func readFacts(
        decoder: KeywordRowDecoder, statedPeriod: DayRange?, skippingTotals: Bool,
        _ body: (ReportRecord) throws -> Void
    ) throws -> ReportSummary {
        var records = 0
        var span: DayRange?
        var texts = RepeatedText()
        let skipped = try forEachRow(skippingTotals: skippingTotals) { row in
            let fact = try decoder.fact(row, &texts)
            let attributes = try decoder.attributes(row, &texts)
            try body(.fact(fact, attributes))
            records += 1
            if statedPeriod == nil {
                span =
                    span.map {
                        DayRange(first: min($0.first, fact.period.first), last: max($0.last, fact.period.last))
                    } ?? fact.period
            }
        }
        return ReportSummary(
            format: format, period: statedPeriod ?? span, records: records, skippedTotalRows: skipped)
    }
}

/// Rows that are not keywords.
enum RowKind {
    /// Google's `Total: Account`, `Total: Search`…, sometimes after a blank first column, and the
    /// bare `Total` of Microsoft grid downloads. The colon is required otherwise, so a keyword such
    /// as `total gym` in the first column stays a keyword.
    static func isTotal(_ row: CSVRow) -> Bool {
        guard let index = row.spans.indices.first(where: { !row.bytes($0).isEmpty }) else { return false }
        let bytes = row.bytes(index)
        guard bytes.count >= 5, FieldValues.equalsIgnoringCase(UnsafeBufferPointer(rebasing: bytes[0..<5]), "total")
        else { return false }
        return bytes.count == 5 || bytes[5] == UInt8(ascii: ":")
    }

    /// Microsoft's `"©2026 Microsoft Corporation. All rights reserved. "` last line.
    static func isFooter(_ row: CSVRow) -> Bool {
        let filled = row.spans.indices.filter { !row.bytes($0).isEmpty }
        guard filled.count == 1 else { return false }
        let text = row.string(filled[0]).lowercased()
        return text.contains("all rights reserved") || text.hasPrefix("©")
    }
}
