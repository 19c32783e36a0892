import GavelCore

/// Microsoft Advertising keyword performance reports, as the API and the web UI download them.
///
/// A preamble of quoted `Report Name: …`, `Report Time: …`, `Report Aggregation: …` lines and an
/// empty line precede the header; a `©2026 Microsoft Corporation. All rights reserved.` line ends
/// the file. Every value is quoted. The UI's grid downloads use friendlier names (`Campaign`,
/// `Ad group`, `Impr.`, `Bid`) and a `Date range:` line, and are read by the same aliases.
/// `TimePeriod` starts each row's period, whose length follows the report aggregation (daily,
/// weekly, monthly, yearly); a summary report without `TimePeriod` covers the `Report Time` range.
enum MicrosoftKeywordReport {
    static let aliases = ColumnAliases([
        "AccountName": .account, "Account": .account,
        "CampaignName": .campaign, "Campaign": .campaign,
        "AdGroupName": .adGroup, "AdGroup": .adGroup,
        "Keyword": .keyword,
        "KeywordId": .keywordID,
        "AdGroupId": .adGroupID,
        "TimePeriod": .day, "GregorianDate": .day, "Date": .day, "Day": .day,
        "DeviceType": .device, "Device": .device,
        "BidMatchType": .matchType, "MatchType": .matchType, "DeliveredMatchType": .matchType,
        "Impressions": .impressions, "Impr.": .impressions,
        "Clicks": .clicks,
        "Spend": .cost,
        "Conversions": .conversions, "ConversionsQualified": .conversions, "Conv.": .conversions,
        "AllConversions": .conversions,
        "Revenue": .conversionValue, "AllRevenue": .conversionValue,
        "CurrentMaxCpc": .maxCPC, "KeywordMaxCpc": .maxCPC, "MaxCpc": .maxCPC, "Bid": .maxCPC,
        "QualityScore": .qualityScore,
        "KeywordStatus": .status, "Status": .status,
        "BidStrategyType": .bidStrategyType,
        "TopImpressionRatePercent": .topImpressionRate,
        "AbsoluteTopImpressionRatePercent": .absoluteTopImpressionRate,
        "ImpressionSharePercent": .searchImpressionShare, "ImpressionShare": .searchImpressionShare,
        "TopImpressionSharePercent": .searchTopImpressionShare,
        "ClickSharePercent": .clickShare,
    ])

    static let required: [ReportColumn] = [
        .keyword, .campaign, .adGroup, .impressions, .clicks, .cost, .conversions,
    ]

    static func read(_ source: inout ReportSource, _ body: (ReportRecord) throws -> Void) throws -> ReportSummary {
        let layout = ColumnLayout(header: source.header, aliases: aliases)
        try layout.require(required, file: source.fileName)
        var stated: DayRange?
        if let (line, text) = source.preambleValue(labelled: ["report time", "date range", "time period"]) {
            stated = try source.dateRange(line: line, text: text)
        }
        let period: RowPeriod
        if layout[.day] != nil {
            period = .starting(try aggregation(source), within: stated)
        } else if let stated {
            period = .whole(stated)
        } else {
            throw ReportError(
                file: source.fileName, line: layout.headerLine,
                message: "the report has neither a TimePeriod column nor a dated \"Report Time\" line, "
                    + "so its rows have no period; add the TimePeriod column or choose a date range")
        }
        let decoder = KeywordRowDecoder(
            layout: layout, file: source.fileName, defaultAccount: source.defaultAccount,
            sharesArePercentages: true, period: period)
        return try source.readFacts(decoder: decoder, statedPeriod: stated, skippingTotals: true, body)
    }

    /// How long the period a `TimePeriod` value starts lasts, from `Report Aggregation:`.
    private static func aggregation(_ source: ReportSource) throws(ReportError) -> RowPeriod.PeriodLength {
        guard let (line, text) = source.preambleValue(labelled: ["report aggregation"]) else { return .day }
        switch ColumnAliases.normalize(text) {
        case "", "daily", "day", "summary": return .day
        case "weekly", "weeklystartingmonday", "week": return .week
        case "monthly", "month": return .month
        case "yearly", "year": return .year
        default:
            throw ReportError(
                file: source.fileName, line: line,
                message: "report aggregation \"\(text)\" is not supported; download the report Daily or as Summary")
        }
    }
}
