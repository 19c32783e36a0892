import GavelCore

/// Google Ads UI keyword report downloads ("Search keyword report"), in both "CSV" and "Excel CSV".
///
/// The file starts with a title line and a date-range line (`1 May 2026 - 8 May 2026`,
/// `August 8, 2020 - August 14, 2020`, `All time`), then the header, the keyword rows and
/// `Total: …` rows. Without a `Day` column each row covers the whole date range, stored as one
/// period rather than spread over invented daily values; with `All time` and no `Day` column the
/// rows have no dates at all, which is an error that says how to download the report instead.
enum GoogleAdsReport {
    static let aliases = ColumnAliases([
        "Account": .account, "Account name": .account,
        "Campaign": .campaign,
        "Ad group": .adGroup,
        "Keyword": .keyword, "Search keyword": .keyword,
        "Match type": .matchType, "Search keyword match type": .matchType,
        "Day": .day, "Date": .day,
        "Device": .device,
        "Impr.": .impressions, "Impressions": .impressions,
        "Clicks": .clicks, "Interactions": .clicks,
        "Cost": .cost,
        "Conversions": .conversions, "All conv.": .conversions,
        "Conv. value": .conversionValue, "Conversions value": .conversionValue, "Conversion value": .conversionValue,
        "All conv. value": .conversionValue,
        "Keyword max CPC": .maxCPC, "Max. CPC": .maxCPC, "Max CPC": .maxCPC,
        "Quality Score": .qualityScore, "Quality score": .qualityScore,
        "Keyword status": .status, "Status": .status,
        "Bid strategy type": .bidStrategyType,
        "Impr. (Top) %": .topImpressionRate, "Top impr. %": .topImpressionRate,
        "Impr. (Abs. Top) %": .absoluteTopImpressionRate, "Abs. top impr. %": .absoluteTopImpressionRate,
        "Search impr. share": .searchImpressionShare,
        "Search top IS": .searchTopImpressionShare,
        "Click share": .clickShare,
    ])

    static let required: [ReportColumn] = [
        .keyword, .campaign, .adGroup, .impressions, .clicks, .cost, .conversions,
    ]

    static func read(_ source: inout ReportSource, _ body: (ReportRecord) throws -> Void) throws -> ReportSummary {
        let layout = ColumnLayout(header: source.header, aliases: aliases)
        try layout.require(required, file: source.fileName)
        let stated = try statedRange(source)
        let period: RowPeriod
        if layout[.day] != nil {
            period = .starting(.day, within: nil)
        } else if let range = stated?.range {
            period = .whole(range)
        } else {
            let said = stated.map { "its date range \"\($0.text)\" names no dates" } ?? "it has no date-range line"
            throw ReportError(
                file: source.fileName, line: stated?.line ?? layout.headerLine,
                message: "the report has no \"Day\" column and \(said), so its rows have no period; "
                    + "download it with the Day column (Segment › Time › Day) or for a custom date range")
        }
        let decoder = KeywordRowDecoder(
            layout: layout, file: source.fileName, defaultAccount: source.defaultAccount,
            sharesArePercentages: true, period: period)
        return try source.readFacts(decoder: decoder, statedPeriod: stated?.range, skippingTotals: true, body)
    }

    /// The date-range line: the preamble line nearest the header that holds dates, else the one
    /// just above the header (where `All time` stands).
    private static func statedRange(_ source: ReportSource) throws(ReportError)
        -> (line: Int, text: String, range: DayRange?)?
    {
        for (line, text) in source.preamble.reversed() {
            if let range = try source.dateRange(line: line, text: text) { return (line, text, range) }
        }
        return source.preamble.last.map { ($0.line, $0.text, nil) }
    }
}
