import GavelCore

/// Microsoft Advertising bulk files: the `Keyword` records, for current bids, ids and status.
///
/// A bulk file mixes record types (`Format Version`, `Campaign`, `Ad Group`, `Keyword`, …) under one
/// header whose column order is not fixed, so columns are found by name and only `Type == Keyword`
/// rows are read. They carry no performance, so they become ``ReportRecord/attributes(_:_:)``:
/// `Bid` is the max CPC (empty when the keyword inherits the ad group's bid), `Id` the keyword id
/// and `Parent Id` the ad group id that an upload must quote. Bulk files name no account, so every
/// keyword belongs to the caller's default account.
enum MicrosoftBulkFile {
    static let aliases = ColumnAliases([
        "Type": .recordType,
        "Status": .status,
        "Id": .keywordID,
        "Parent Id": .adGroupID,
        "Campaign": .campaign,
        "Ad Group": .adGroup,
        "Keyword": .keyword,
        "Match Type": .matchType,
        "Bid": .maxCPC,
        "Quality Score": .qualityScore,
        "Bid Strategy Type": .bidStrategyType,
    ])

    static func read(_ source: inout ReportSource, _ body: (ReportRecord) throws -> Void) throws -> ReportSummary {
        let layout = ColumnLayout(header: source.header, aliases: aliases)
        try layout.require([.recordType, .campaign, .adGroup, .keyword, .matchType], file: source.fileName)
        let typeIndex = layout[.recordType]!
        let decoder = KeywordRowDecoder(
            layout: layout, file: source.fileName, defaultAccount: source.defaultAccount,
            sharesArePercentages: true, period: nil)
        var records = 0
        var texts = RepeatedText()
        _ = try source.forEachRow(skippingTotals: false) { row in
            guard row.count > typeIndex, FieldValues.equalsIgnoringCase(row.bytes(typeIndex), "keyword") else {
                return
            }
            if let index = layout[.matchType], row.count > index, row.isNull(index) {
                throw decoder.failure(row, index, expected: "a match type (Broad, Phrase or Exact)")
            }
            let identity = try decoder.identity(row, &texts)
            try body(.attributes(identity, try decoder.attributes(row, &texts)))
            records += 1
        }
        return ReportSummary(format: .microsoftBulk, period: nil, records: records, skippedTotalRows: 0)
    }
}
