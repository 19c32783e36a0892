public import GavelCore

/// The keyword a bid simulation row names: by the platform's ids where the file has them (API exports), else by
/// the names a keyword report gives it. The store matches either to a keyword it already holds.
public enum SimulatedKeyword: Hashable, Sendable, CustomStringConvertible {
    case platformIDs(adGroup: String, keyword: String)
    case identity(KeywordIdentity)

    public var description: String {
        switch self {
        case .platformIDs(let adGroup, let keyword): "ad group id \(adGroup), keyword id \(keyword)"
        case .identity(let identity): "\(identity)"
        }
    }
}

/// One keyword's bid simulation as a file states it.
public struct KeywordSimulation: Hashable, Sendable {
    public var keyword: SimulatedKeyword
    public var simulation: BidSimulation
    /// The keyword's first row, for an error about the keyword as a whole (one the store does not know).
    public var line: Int

    public init(keyword: SimulatedKeyword, simulation: BidSimulation, line: Int) {
        self.keyword = keyword
        self.simulation = simulation
        self.line = line
    }
}

/// The platforms' bid simulators flattened to one row per simulated bid: what each keyword would have bought at
/// other max CPCs over a recent period (see ``BidSimulation``).
///
/// - Google Ads: the `ad_group_criterion_simulation` resource (type `CPC_BID`, modification method `UNIFORM`) with
///   its `cpc_bid_point_list.points` one per row, under the API's field names (`ad_group_criterion_simulation.
///   ad_group_id`, `…criterion_id`, `…start_date`, `…end_date`, then `cpc_bid_micros`, `clicks`, `cost_micros`,
///   `impressions`), or under friendly names (`Campaign`, `Ad group`, `Keyword`, `Match type` or `Ad group ID`,
///   `Keyword ID`; `Start date`, `End date`, `Max. CPC` or `CPC bid`, `Clicks`, `Impr.`, `Cost`) with amounts in
///   the account currency. `type` and `modification_method`, when present, must say `CPC_BID` and `UNIFORM`: other
///   simulations do not vary the max CPC.
/// - Microsoft Advertising: Ad Insight's `GetBidLandscapeByKeywordIds`, one row per `BidLandscapePoint`
///   (`KeywordId`, `AdGroupId`, `StartDate`, `EndDate`, `Bid`, `Clicks`, `Impressions`, `Cost`, `CurrencyCode`).
///
/// Other columns (`top_slot_impressions`, `biddable_conversions`, `TopImpressions`, …) are read past: the
/// optimiser bids on clicks and cost. Rows are gathered per keyword, so a keyword's bids may stand anywhere in the
/// file; each keyword becomes one ``ReportRecord/simulation(_:)`` once the whole file has been read and checked.
enum BidSimulationReport {
    static let googleAliases = ColumnAliases([
        "Account": .account, "Account name": .account,
        "Campaign": .campaign,
        "Ad group": .adGroup,
        "Keyword": .keyword,
        "Match type": .matchType,
        "ad_group_criterion_simulation.ad_group_id": .adGroupID, "Ad group ID": .adGroupID,
        "ad_group_criterion_simulation.criterion_id": .keywordID, "Keyword ID": .keywordID,
        "ad_group_criterion_simulation.start_date": .firstDay, "Start date": .firstDay,
        "ad_group_criterion_simulation.end_date": .lastDay, "End date": .lastDay,
        "ad_group_criterion_simulation.type": .simulationType,
        "ad_group_criterion_simulation.modification_method": .modificationMethod,
        "cpc_bid_micros": .bidMicros, "Max. CPC": .maxCPC, "CPC bid": .maxCPC, "Max CPC": .maxCPC,
        "Clicks": .clicks,
        "Impressions": .impressions, "Impr.": .impressions,
        "cost_micros": .costMicros, "Cost": .cost,
    ])

    static let microsoftAliases = ColumnAliases([
        "AdGroupId": .adGroupID,
        "KeywordId": .keywordID,
        "StartDate": .firstDay,
        "EndDate": .lastDay,
        "Bid": .maxCPC,
        "Clicks": .clicks,
        "Impressions": .impressions,
        "Cost": .cost,
        "CurrencyCode": .currency,
    ])

    /// The simulation format a header's normalized names spell, if any: dated rows with a bid column.
    static func format(of names: Set<String>) -> ReportFormat? {
        if names.contains("adgroupcriterionsimulation.startdate") { return .googleAdsBidSimulation }
        guard names.contains("startdate"), names.contains("enddate") else { return nil }
        if names.contains("bid") { return .microsoftBidLandscape }
        if !names.isDisjoint(with: ["max.cpc", "maxcpc", "cpcbid", "cpcbidmicros"]) { return .googleAdsBidSimulation }
        return nil
    }

    /// One keyword's rows so far.
    private struct Gathered {
        var line: Int
        var days: DayRange
        var points: [BidSimulation.Point] = []
        /// The line of each bid, to point at the first listing of a bid listed twice.
        var bidLines: [Micros: Int] = [:]
    }

    static func read(_ source: inout ReportSource, _ body: (ReportRecord) throws -> Void) throws -> ReportSummary {
        let google = source.format == .googleAdsBidSimulation
        let layout = ColumnLayout(header: source.header, aliases: google ? googleAliases : microsoftAliases)
        let file = source.fileName
        let byIDs = layout[.adGroupID] != nil && layout[.keywordID] != nil
        try layout.require(
            [
                .firstDay, .lastDay, layout[.bidMicros] == nil ? .maxCPC : .bidMicros, .clicks, .impressions,
                layout[.costMicros] == nil ? .cost : .costMicros,
            ]
                + (byIDs ? [] : google ? [.keyword, .campaign, .adGroup] : [.adGroupID, .keywordID]),
            file: file)
        let decoder = KeywordRowDecoder(
            layout: layout, file: file, defaultAccount: source.defaultAccount, sharesArePercentages: true,
            period: nil)
        var cells = SimulationCells(decoder: decoder)
        var order: [SimulatedKeyword] = []
        var gathered: [SimulatedKeyword: Gathered] = [:]
        var texts = RepeatedText()
        let skipped = try source.forEachRow(skippingTotals: true) { row in
            try decoder.checkWidth(row)
            try cells.checkSimulationKind(row)
            let keyword: SimulatedKeyword =
                byIDs
                ? .platformIDs(adGroup: try cells.id(row, .adGroupID), keyword: try cells.id(row, .keywordID))
                : .identity(try decoder.identity(row, &texts))
            let days = try cells.days(row)
            let point = try cells.point(row)
            try cells.checkCurrency(row)
            var entry = gathered[keyword] ?? Gathered(line: row.line, days: days)
            if entry.points.isEmpty {
                order.append(keyword)
            } else {
                try cells.check(days, of: row, against: entry.days, line: entry.line)
            }
            if let line = entry.bidLines[point.bid] {
                throw decoder.failure(
                    row, cells.bidIndex, expected: "a bid this keyword has not listed already (line \(line))")
            }
            entry.bidLines[point.bid] = row.line
            entry.points.append(point)
            gathered[keyword] = entry
        }
        var period: DayRange?
        for keyword in order {
            let entry = gathered[keyword]!
            try body(
                .simulation(
                    KeywordSimulation(
                        keyword: keyword, simulation: BidSimulation(days: entry.days, points: entry.points),
                        line: entry.line)))
            period =
                period.map {
                    DayRange(first: min($0.first, entry.days.first), last: max($0.last, entry.days.last))
                } ?? entry.days
        }
        return ReportSummary(format: source.format, period: period, records: order.count, skippedTotalRows: skipped)
    }
}

/// The cells of one simulation row, read through the shared ``KeywordRowDecoder`` and held to what a simulation
/// may say: no negative clicks, impressions or cost, a positive bid, an end on or after the start.
private struct SimulationCells {
    let decoder: KeywordRowDecoder
    /// The first currency code and its line: one file is one account's money.
    private var currency: (code: String, line: Int)?

    init(decoder: KeywordRowDecoder) { self.decoder = decoder }

    private var layout: ColumnLayout { decoder.layout }
    var bidIndex: Int { layout[.bidMicros] ?? layout[.maxCPC]! }

    func id(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> String {
        guard let id = decoder.text(row, column) else {
            let expected = column == .adGroupID ? "an ad group id" : "a keyword id"
            throw decoder.failure(row, layout[column]!, expected: expected)
        }
        return id
    }

    func checkSimulationKind(_ row: CSVRow) throws(ReportError) {
        for (column, expected) in [(ReportColumn.simulationType, "CPC_BID"), (.modificationMethod, "UNIFORM")] {
            guard let index = layout[column], let value = decoder.text(row, column) else { continue }
            if value.uppercased() != expected {
                throw decoder.failure(row, index, expected: "\(expected) (only max-CPC simulations are bid on)")
            }
        }
    }

    func days(_ row: CSVRow) throws(ReportError) -> DayRange {
        let first = try decoder.day(row, .firstDay)
        let last = try decoder.day(row, .lastDay)
        guard first <= last else {
            throw decoder.failure(row, layout[.lastDay]!, expected: "an end date on or after the start date \(first)")
        }
        return DayRange(first: first, last: last)
    }

    /// Throws unless `days` are the range the keyword's first row, on `line`, gave.
    func check(_ days: DayRange, of row: CSVRow, against earlier: DayRange, line: Int) throws(ReportError) {
        let (column, stated, found) =
            days.first != earlier.first
            ? (ReportColumn.firstDay, earlier.first, days.first) : (.lastDay, earlier.last, days.last)
        guard stated != found else { return }
        throw decoder.failure(
            row, layout[column]!,
            expected: "\(stated) as on line \(line) (one date range per keyword: \(earlier))")
    }

    func point(_ row: CSVRow) throws(ReportError) -> BidSimulation.Point {
        BidSimulation.Point(
            bid: try bid(row), clicks: try nonNegative(row, .clicks), cost: try cost(row),
            impressions: try nonNegative(row, .impressions))
    }

    private func bid(_ row: CSVRow) throws(ReportError) -> Micros {
        if row.isNull(bidIndex) { throw decoder.failure(row, bidIndex, expected: "a bid") }
        let bid =
            layout[.bidMicros] != nil ? Micros(try decoder.count(row, .bidMicros)) : try decoder.money(row, .maxCPC)
        guard bid > .zero else { throw decoder.failure(row, bidIndex, expected: "a bid above zero") }
        return bid
    }

    private func cost(_ row: CSVRow) throws(ReportError) -> Micros {
        if layout[.costMicros] != nil {
            // Whole micros cannot be negative: `count` refuses a sign.
            return Micros(try decoder.count(row, .costMicros))
        }
        let cost = try decoder.money(row, .cost)
        guard cost >= .zero else { throw decoder.failure(row, layout[.cost]!, expected: "a cost of zero or more") }
        return cost
    }

    private func nonNegative(_ row: CSVRow, _ column: ReportColumn) throws(ReportError) -> Double {
        let value = try decoder.decimal(row, column)
        guard value >= 0 else { throw decoder.failure(row, layout[column]!, expected: "a number of zero or more") }
        return value
    }

    mutating func checkCurrency(_ row: CSVRow) throws(ReportError) {
        guard let code = decoder.text(row, .currency) else { return }
        guard let currency else {
            currency = (code, row.line)
            return
        }
        if code != currency.code {
            throw decoder.failure(
                row, layout[.currency]!,
                expected: "\(currency.code) as on line \(currency.line) (one file is one account's money)")
        }
    }
}
