public import GavelCore

/// Writes facts in Gavel's generic CSV (see ``GenericCSV`` and `Docs/generic-csv.md`), so any
/// history — a generated market, another tool's export — can travel as one plain file that
/// `gavel import` reads back unchanged.
public struct GenericCSVWriter {
    /// The header line, without a line break.
    public static let header =
        "account,campaign,ad_group,keyword,match_type,date,device,impressions,clicks,cost,conversions,"
        + "conversion_value,max_cpc,quality_score,status,top_impression_rate,absolute_top_impression_rate,"
        + "search_impression_share"

    public init() {}

    /// Appends one CSV line (with its `\n`) for a single-day fact.
    /// - Precondition: `fact.period` is a single day: the generic format is daily by definition.
    public func append(_ fact: PerformanceFact, attributes: KeywordAttributes, to output: inout String) {
        precondition(fact.period.isSingleDay, "the generic CSV holds daily rows")
        let keyword = fact.keyword
        var fields = [
            Self.quoted(keyword.account), Self.quoted(keyword.campaign), Self.quoted(keyword.adGroup),
            Self.quoted(keyword.text), keyword.matchType.rawValue, fact.period.first.description,
            fact.device.rawValue, String(fact.impressions), String(fact.clicks), fact.cost.formatted(decimals: 6),
            Self.decimal(fact.conversions), fact.conversionValue.formatted(decimals: 6),
            attributes.maxCPC.map { $0.formatted(decimals: 6) } ?? "",
            attributes.qualityScore.map(String.init) ?? "", attributes.status.map(Self.quoted) ?? "",
        ]
        fields.append(contentsOf: [
            fact.shares.topImpressionRate, fact.shares.absoluteTopImpressionRate, fact.shares.searchImpressionShare,
        ].map { $0.map(Self.decimal) ?? "" })
        output += fields.joined(separator: ",")
        output += "\n"
    }

    /// RFC 4180 quoting, only where a field needs it.
    public static func quoted(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }
        guard text.utf8.contains(where: special) else { return text }
        var escaped = "\""
        for character in text {
            if character == "\"" { escaped += "\"\"" } else { escaped.append(character) }
        }
        return escaped + "\""
    }

    /// Shortest round-tripping decimal without exponent notation for the values reports hold.
    static func decimal(_ value: Double) -> String {
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
