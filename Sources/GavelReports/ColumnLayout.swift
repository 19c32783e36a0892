/// The facts a keyword report column can carry, whatever the platform calls it.
enum ReportColumn: Int, CaseIterable {
    case account, campaign, adGroup, keyword, matchType, day, device
    case impressions, clicks, cost, conversions, conversionValue
    case maxCPC, qualityScore, status, bidStrategyType, keywordID, adGroupID, recordType
    case topImpressionRate, absoluteTopImpressionRate, searchImpressionShare, searchTopImpressionShare, clickShare
    /// Bid simulations: the replayed days, a bid or cost in integer micros (the Google Ads API's fields), the
    /// currency, and what the simulation varied and how (Google's `type` and `modification_method`).
    case firstDay, lastDay, bidMicros, costMicros, currency, simulationType, modificationMethod
}

/// A format's column names, in order of preference for each ``ReportColumn``.
///
/// Preference matters when a file has two spellings of one fact: a Google report with both
/// `Clicks` and `Interactions` is read from `Clicks`; `All conv.` is used only without `Conversions`.
struct ColumnAliases {
    fileprivate let table: [String: (column: ReportColumn, rank: Int)]
    /// The preferred spelling of each column, for "missing column" errors.
    fileprivate let preferredNames: [ReportColumn: [String]]

    init(_ pairs: KeyValuePairs<String, ReportColumn>) {
        var table: [String: (column: ReportColumn, rank: Int)] = [:]
        var names: [ReportColumn: [String]] = [:]
        for (name, column) in pairs {
            let rank = names[column, default: []].count
            table[Self.normalize(name)] = (column, rank)
            names[column, default: []].append(name)
        }
        self.table = table
        self.preferredNames = names
    }

    /// Header names compared without case, spaces or underscores: `Ad group`, `ad_group` and
    /// `AdGroup` are one name, which is also how Microsoft's API and UI spellings meet.
    static func normalize(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars
        where !(scalar.properties.isWhitespace || scalar == "_" || scalar == "\u{FEFF}") {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }
}

/// Which field of a row holds each ``ReportColumn``, bound once from the header.
struct ColumnLayout {
    private let indices: [Int]
    private let aliases: ColumnAliases
    /// The header text of every field, for error messages that quote the user's own column names.
    let headerNames: [String]
    let headerLine: Int
    /// Rows need at least this many fields to hold every bound column.
    let requiredFieldCount: Int

    init(header: CSVRow, aliases: ColumnAliases) {
        var indices = [Int](repeating: -1, count: ReportColumn.allCases.count)
        var ranks = [Int](repeating: .max, count: ReportColumn.allCases.count)
        let names = header.spans.indices.map(header.string)
        for (index, name) in names.enumerated() {
            guard let (column, rank) = aliases.table[ColumnAliases.normalize(name)], rank < ranks[column.rawValue]
            else { continue }
            indices[column.rawValue] = index
            ranks[column.rawValue] = rank
        }
        self.indices = indices
        self.aliases = aliases
        self.headerNames = names
        self.headerLine = header.line
        self.requiredFieldCount = (indices.max() ?? -1) + 1
    }

    subscript(column: ReportColumn) -> Int? {
        let index = indices[column.rawValue]
        return index >= 0 ? index : nil
    }

    /// Throws, naming the first of `columns` the header lacks, with the spellings that would do.
    func require(_ columns: [ReportColumn], file: String) throws(ReportError) {
        for column in columns where self[column] == nil {
            let names = aliases.preferredNames[column] ?? ["\(column)"]
            let others = names.dropFirst().map { "\"\($0)\"" }
            let alternatives = others.isEmpty ? "" : " (or \(others.joined(separator: ", ")))"
            throw ReportError(
                file: file, line: headerLine, message: "missing required column \"\(names[0])\"\(alternatives)")
        }
    }
}
