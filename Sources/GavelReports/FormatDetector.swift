/// Finds the header row and, from its column names, the format.
///
/// Platform downloads put lines before the header (Google's title and date range, Microsoft's
/// `Report Name:` block), and the delimiter differs by flavour, so detection reads up to
/// ``headerSearchLimit`` records with each delimiter until one looks like a keyword report header.
enum FormatDetector {
    static let headerSearchLimit = 50

    /// Header names only Microsoft keyword performance reports use (API or UI spelling, normalized).
    private static let microsoftMarkers: Set<String> = [
        "spend", "campaignname", "adgroupname", "bidmatchtype", "deliveredmatchtype", "timeperiod", "devicetype",
        "keywordid", "adgroupid",
    ]

    static func detect(
        _ buffer: UnsafeBufferPointer<UInt8>, fileName: String, defaultAccount: String, wasUTF16: Bool
    ) throws(ReportError) -> ReportSource {
        var firstError: ReportError?
        for delimiter in [UInt8.comma, .tab, .semicolon] {
            var tokenizer = CSVTokenizer(buffer: buffer, delimiter: delimiter, fileName: fileName)
            var row = CSVRow(buffer: buffer)
            var preamble: [(line: Int, text: String)] = []
            do {
                for _ in 0..<headerSearchLimit {
                    guard try tokenizer.next(into: &row) else { break }
                    if row.isBlank { continue }
                    if let format = classify(header: row, preamble: preamble) {
                        let flavoured =
                            format == .googleAdsCSV && (wasUTF16 || delimiter == .tab)
                            ? .googleAdsExcelCSV : format
                        return ReportSource(
                            format: flavoured, fileName: fileName, defaultAccount: defaultAccount,
                            tokenizer: tokenizer, header: row, preamble: preamble)
                    }
                    preamble.append((row.line, row.joinedText))
                }
            } catch {
                firstError = firstError ?? error
            }
        }
        if buffer.allSatisfy({ $0 == .space || $0 == .tab || $0 == .newline || $0 == .carriageReturn }) {
            throw ReportError(file: fileName, line: 1, message: "the file is empty")
        }
        throw firstError
            ?? ReportError(
                file: fileName, line: 1,
                message: "not a keyword report Gavel knows: no header with Keyword, Campaign and Ad group columns "
                    + "in the first \(headerSearchLimit) lines (see Docs/generic-csv.md for the generic format)")
    }

    private static func classify(header: CSVRow, preamble: [(line: Int, text: String)]) -> ReportFormat? {
        let raw = header.spans.indices.map { header.string($0).lowercased() }
        let names = Set(raw.map(ColumnAliases.normalize))
        if names.contains("type"), names.contains("parentid"), names.contains("keyword") { return .microsoftBulk }
        // Before the keyword report test: a friendly simulation header has Keyword, Campaign and Ad group too.
        if let simulation = BidSimulationReport.format(of: names) { return simulation }
        if raw.contains("ad_group"), raw.contains("keyword") { return .generic }
        guard names.contains("keyword") || names.contains("searchkeyword") else { return nil }
        let saysMicrosoft = preamble.contains { $0.text.lowercased().hasPrefix("report name") }
        if saysMicrosoft || !names.isDisjoint(with: microsoftMarkers) { return .microsoftKeywordPerformance }
        if names.contains("campaign"), names.contains("adgroup") { return .googleAdsCSV }
        return nil
    }
}
