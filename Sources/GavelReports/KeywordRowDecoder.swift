import GavelCore

/// The period a row covers, decided once per file from its columns and preamble.
enum RowPeriod {
    /// No date column: every row covers the report's whole date range.
    case whole(DayRange)
    /// A date column whose value starts a period of `length` (one day for daily reports), cut
    /// to the report's range when one is known (a month that starts before the range, say).
    case starting(PeriodLength, within: DayRange?)

    enum PeriodLength {
        case day, week, month, year

        func period(from first: CalendarDay) -> DayRange {
            switch self {
            case .day:
                return DayRange(day: first)
            case .week:
                return DayRange(first: first, last: first.advanced(by: 6))
            case .month:
                let (year, month, _) = first.components
                let last = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
                return DayRange(first: first, last: last)
            case .year:
                return DayRange(first: first, last: CalendarDay(year: first.components.year, month: 12, day: 31)!)
            }
        }
    }
}

/// Turns one CSV row into Core facts through a ``ColumnLayout``: the single place where cells
/// become counts, money, shares, dates and keyword identities, whatever the format.
///
/// Nulls follow what they mean: a missing count or amount is zero (the platform writes `--` for
/// "nothing happened"), a missing bid, Quality Score or share is unknown (`nil`).
///
/// The decoder itself is immutable and the per-row string reuse lives in ``RepeatedText``, passed
/// `inout`: a large mutating decoder would be copied before every cell read on the hot path.
struct KeywordRowDecoder {
    let layout: ColumnLayout
    let file: String
    let defaultAccount: String
    /// Whether a share written without `%` is a percentage (platform reports) or a fraction (generic CSV).
    let sharesArePercentages: Bool
    /// `nil` for files that carry no performance (bulk files), whose rows never become facts.
    let period: RowPeriod?

    init(layout: ColumnLayout, file: String, defaultAccount: String, sharesArePercentages: Bool, period: RowPeriod?) {
        self.layout = layout
        self.file = file
        self.defaultAccount = defaultAccount
        self.sharesArePercentages = sharesArePercentages
        self.period = period
    }

    /// Throws unless the row has a field for every column the header bound.
    func checkWidth(_ row: CSVRow) throws(ReportError) {
        guard row.count < layout.requiredFieldCount else { return }
        throw ReportError(
            file: file, line: row.line, column: row.count,
            message: "expected \(layout.requiredFieldCount) fields as in the header on line \(layout.headerLine), "
                + "found \(row.count)")
    }

    func fact(_ row: CSVRow, _ texts: inout RepeatedText) throws(ReportError) -> PerformanceFact {
        try checkWidth(row)
        return PerformanceFact(
            keyword: try identity(row, &texts),
            period: try period(row),
            device: try device(row),
            impressions: try count(row, .impressions),
            clicks: try count(row, .clicks),
            cost: try money(row, .cost),
            conversions: try decimal(row, .conversions),
            conversionValue: try money(row, .conversionValue),
            shares: ShareMetrics(
                topImpressionRate: try share(row, .topImpressionRate),
                absoluteTopImpressionRate: try share(row, .absoluteTopImpressionRate),
                searchImpressionShare: try share(row, .searchImpressionShare),
                searchTopImpressionShare: try share(row, .searchTopImpressionShare),
                clickShare: try share(row, .clickShare)))
    }

    func identity(_ row: CSVRow, _ texts: inout RepeatedText) throws(ReportError) -> KeywordIdentity {
        try checkWidth(row)
        let keywordIndex = layout[.keyword]!
        let keyword = texts.keywords.value(row, keywordIndex, KeywordText.strip)
        if keyword.text.isEmpty { throw failure(row, keywordIndex, expected: "a keyword") }
        var account = defaultAccount
        if let index = layout[.account], !row.isNull(index) { account = texts.accounts.value(row, index) { $0 } }
        return KeywordIdentity(
            account: account,
            campaign: texts.campaigns.value(row, layout[.campaign]!) { $0 },
            adGroup: texts.adGroups.value(row, layout[.adGroup]!) { $0 },
            text: keyword.text,
            matchType: try matchType(row) ?? keyword.spelled ?? .broad)
    }

    func attributes(_ row: CSVRow, _ texts: inout RepeatedText) throws(ReportError) -> KeywordAttributes {
        var status: String?
        if let index = layout[.status], !row.isNull(index) { status = texts.statuses.value(row, index) { $0 } }
        return KeywordAttributes(
            maxCPC: try bid(row),
            qualityScore: try qualityScore(row),
            status: status,
            platformKeywordID: text(row, .keywordID),
            platformAdGroupID: text(row, .adGroupID),
            automatedBidStrategy: text(row, .bidStrategyType).flatMap(BidStrategy.automated))
    }

    // MARK: - Cells

    private func matchType(_ row: CSVRow) throws(ReportError) -> MatchType? {
        guard let index = layout[.matchType], !row.isNull(index) else { return nil }
        let bytes = row.bytes(index)
        for type in MatchType.allCases where FieldValues.equalsIgnoringCase(bytes, type.staticName) { return type }
        let spelled = row.string(index).lowercased()
        let plain = spelled.hasSuffix("(close variant)") ? String(spelled.dropLast(15)) : spelled
        guard let type = MatchType(platformName: plain) else {
            throw failure(row, index, expected: "a match type (Broad, Phrase or Exact)")
        }
        return type
    }

    private func device(_ row: CSVRow) throws(ReportError) -> Device {
        guard let index = layout[.device], !row.isNull(index) else { return .all }
        let bytes = row.bytes(index)
        for device in Device.allCases where FieldValues.equalsIgnoringCase(bytes, device.staticName) { return device }
        guard let device = Device(platformName: row.string(index)) else {
            throw failure(row, index, expected: "a device (e.g. Computers, Mobile phones, Tablets)")
        }
        return device
    }

    private func period(_ row: CSVRow) throws(ReportError) -> DayRange {
        switch period! {
        case .whole(let range):
            return range
        case .starting(let length, let within):
            let day = try self.day(row, .day)
            let period = length.period(from: day)
            guard let within, within.contains(day) else { return period }
            return DayRange(first: period.first, last: min(period.last, within.last))
        }
    }

    /// The date in a bound column, which must hold one.
    func day(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> CalendarDay {
        let index = layout[column]!
        guard let day = DateText.day(row.bytes(index)) else { throw failure(row, index, expected: "a date") }
        return day
    }

    func count(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> Int64 {
        guard let index = layout[column], !row.isNull(index) else { return 0 }
        guard let value = FieldValues.count(row.bytes(index)) else { throw failure(row, index, expected: "a number") }
        return value
    }

    func money(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> Micros {
        guard let index = layout[column], !row.isNull(index) else { return .zero }
        guard let value = FieldValues.money(row.bytes(index)) else { throw failure(row, index, expected: "a number") }
        return value
    }

    func decimal(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> Double {
        guard let index = layout[column], !row.isNull(index) else { return 0 }
        guard let value = FieldValues.decimal(row.bytes(index)) else { throw failure(row, index, expected: "a number") }
        return value
    }

    private func share(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> Double? {
        guard let index = layout[column], !row.isNull(index) else { return nil }
        guard let value = FieldValues.share(row.bytes(index), percentages: sharesArePercentages) else {
            throw failure(row, index, expected: "a percentage")
        }
        return value
    }

    private func bid(_ row: CSVRow) throws(ReportError) -> Micros? {
        guard let index = layout[.maxCPC], !row.isNull(index) else { return nil }
        switch FieldValues.bid(row.bytes(index)) {
        case .amount(let amount): return amount
        case .unstated: return nil
        case .unreadable: throw failure(row, index, expected: "an amount")
        }
    }

    private func qualityScore(_ row: CSVRow) throws(ReportError) -> Int? {
        guard let index = layout[.qualityScore], !row.isNull(index) else { return nil }
        guard let score = FieldValues.count(row.bytes(index)), score <= 10 else {
            throw failure(row, index, expected: "a Quality Score from 1 to 10")
        }
        return score == 0 ? nil : Int(score)
    }

    func text(_ row: CSVRow, _ column: ReportColumn) -> String? {
        guard let index = layout[column], !row.isNull(index) else { return nil }
        return row.string(index)
    }

    func failure(_ row: CSVRow, _ index: Int, expected: String) -> ReportError {
        ReportError(
            file: file, line: row.line, column: index + 1,
            message: "expected \(expected) in column \"\(layout.headerNames[index])\", found \"\(row.string(index))\"")
    }
}

/// The previous row's text cells, reused while they repeat (see ``TextCache``).
struct RepeatedText {
    var accounts = TextCache<String>()
    var campaigns = TextCache<String>()
    var adGroups = TextCache<String>()
    var keywords = TextCache<(text: String, spelled: MatchType?)>()
    var statuses = TextCache<String>()
}

/// How a keyword's text shows its match type, and the text without those marks.
enum KeywordText {
    /// `"car wash"` is phrase, `[car wash]` exact, anything else says nothing; the marks are removed.
    static func strip(_ spelled: String) -> (text: String, spelled: MatchType?) {
        let trimmed = spelled.trimmingSpaces()
        guard trimmed.count >= 2, let first = trimmed.first, let last = trimmed.last else {
            return (String(trimmed), nil)
        }
        let inner = String(trimmed.dropFirst().dropLast().trimmingSpaces())
        switch (first, last) {
        case ("\"", "\""): return (inner, .phrase)
        case ("[", "]"): return (inner, .exact)
        default: return (String(trimmed), nil)
        }
    }
}

/// Which bid strategies leave the bid to Gavel.
enum BidStrategy {
    /// The strategy's name when the platform sets bids itself; `nil` for manual and enhanced CPC,
    /// and for Microsoft's `InheritFromParent`, which names no strategy.
    static func automated(_ name: String) -> String? {
        let letters = String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
        let manual: Set<String> = [
            "manualcpc", "enhancedcpc", "manualcpcenhanced", "cpcenhanced", "ecpc", "manual", "inheritfromparent",
        ]
        return manual.contains(letters) ? nil : name
    }
}

extension MatchType {
    /// The raw value as a static string, for allocation-free comparison with cell bytes.
    fileprivate var staticName: StaticString {
        switch self {
        case .broad: "broad"
        case .phrase: "phrase"
        case .exact: "exact"
        }
    }
}

extension Device {
    fileprivate var staticName: StaticString {
        switch self {
        case .all: "all"
        case .desktop: "desktop"
        case .mobile: "mobile"
        case .tablet: "tablet"
        case .tv: "tv"
        case .other: "other"
        }
    }
}
