import GavelCore

/// Gavel's generic keyword CSV: the format for every source without a reader of its own, and
/// the one the import benchmark uses, so its path is byte-level and allocation-light.
///
/// One row per keyword × day × device, UTF-8, comma-separated (RFC 4180 quoting; tab and
/// semicolon also accepted), first line the header; columns are found by name, in any order, and
/// unknown columns are ignored.
///
/// Required columns:
/// - `account`, `campaign`, `ad_group`, `keyword`: text; `keyword` without match marks
///   (`"car wash"` or `[car wash]` are accepted and stripped);
/// - `match_type`: `broad`, `phrase` or `exact` (case-insensitive);
/// - `date`: ISO `YYYY-MM-DD`;
/// - `device`: `desktop`, `mobile`, `tablet`, `tv`, `other`, or `all` for unsegmented data;
/// - `impressions`, `clicks`: whole numbers;
/// - `cost`, `conversion_value`: decimal amounts in the account currency (`12.34`);
/// - `conversions`: a decimal, fractional conversions allowed (`3.47`).
///
/// Optional columns (empty means unknown):
/// - `max_cpc` (amount), `quality_score` (1–10), `status` (text);
/// - `top_impression_rate`, `absolute_top_impression_rate`, `search_impression_share`,
///   `search_top_impression_share`, `click_share`: fractions `0.42`, or percentages `42%`,
///   with `<0.1` / `>0.9` for censored values;
/// - `bid_strategy_type`, `keyword_id`, `ad_group_id`: text.
///
/// The full description with an example is in `Docs/generic-csv.md`.
enum GenericCSV {
    static let aliases = ColumnAliases([
        "account": .account,
        "campaign": .campaign,
        "ad_group": .adGroup,
        "keyword": .keyword,
        "match_type": .matchType,
        "date": .day,
        "device": .device,
        "impressions": .impressions,
        "clicks": .clicks,
        "cost": .cost,
        "conversions": .conversions,
        "conversion_value": .conversionValue,
        "max_cpc": .maxCPC,
        "quality_score": .qualityScore,
        "status": .status,
        "top_impression_rate": .topImpressionRate,
        "absolute_top_impression_rate": .absoluteTopImpressionRate,
        "search_impression_share": .searchImpressionShare,
        "search_top_impression_share": .searchTopImpressionShare,
        "click_share": .clickShare,
        "bid_strategy_type": .bidStrategyType,
        "keyword_id": .keywordID,
        "ad_group_id": .adGroupID,
    ])

    static let required: [ReportColumn] = [
        .account, .campaign, .adGroup, .keyword, .matchType, .day, .device,
        .impressions, .clicks, .cost, .conversions, .conversionValue,
    ]

    static func read(_ source: inout ReportSource, _ body: (ReportRecord) throws -> Void) throws -> ReportSummary {
        let layout = ColumnLayout(header: source.header, aliases: aliases)
        try layout.require(required, file: source.fileName)
        let decoder = KeywordRowDecoder(
            layout: layout, file: source.fileName, defaultAccount: source.defaultAccount,
            sharesArePercentages: false, period: .starting(.day, within: nil))
        return try source.readFacts(decoder: decoder, statedPeriod: nil, skippingTotals: false, body)
    }
}
