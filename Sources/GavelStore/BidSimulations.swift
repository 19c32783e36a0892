public import GavelCore
internal import GRDB

extension FactWriter {
    /// The row id of the keyword with these platform ids, as a report or bulk file stored them; `nil` if the store
    /// has none. Ids are unique within an account, and a simulation file names one account's keywords.
    public func existingKeywordID(platformAdGroupID: String, platformKeywordID: String) throws -> Int64? {
        try Int64.fetchOne(
            database.cachedStatement(
                sql: "SELECT min(id) FROM keywords WHERE platform_ad_group_id = ? AND platform_keyword_id = ?"),
            arguments: [platformAdGroupID, platformKeywordID])
    }

    /// The row id of `keyword`; `nil` if the store has no such keyword. Unlike ``keywordID(_:)`` it never creates
    /// one: a simulation of a keyword without history would be bid on without a conversion rate.
    public func existingKeywordID(_ keyword: KeywordIdentity) throws -> Int64? {
        try Int64.fetchOne(
            database.cachedStatement(
                sql: """
                    SELECT id FROM keywords
                    WHERE account = ? AND campaign = ? AND ad_group = ? AND text = ? AND match_type = ?
                    """),
            arguments: [keyword.account, keyword.campaign, keyword.adGroup, keyword.text, keyword.matchType.rawValue])
    }

    /// Stores a keyword's bid simulation in place of any earlier one over the same days: the platform's newer
    /// replay of a period is the better one, and storing the same file again leaves the same rows. Its days do not
    /// widen ``counts``' first and last day, so the import log keeps dating performance: ``HistoryStore/lastDay()``
    /// is a job's as-of day, and a simulation says nothing about what happened on its days.
    public func write(_ simulation: BidSimulation, keywordID: Int64) throws {
        let days: [any DatabaseValueConvertible] = [
            keywordID, Int64(simulation.days.first.rawValue), Int64(simulation.days.last.rawValue),
        ]
        try database.cachedStatement(
            sql: "DELETE FROM bid_simulation_points WHERE keyword_id = ? AND first_day = ? AND last_day = ?"
        ).execute(arguments: StatementArguments(days))
        let insert = try database.cachedStatement(
            sql: """
                INSERT INTO bid_simulation_points
                (keyword_id, first_day, last_day, bid_micros, clicks, cost_micros, impressions)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for point in simulation.points {
            try insert.execute(
                arguments: StatementArguments(
                    days + [point.bid.rawValue, point.clicks, point.cost.rawValue, point.impressions]))
        }
        counts.simulations += 1
        counts.simulationPoints += simulation.points.count
    }
}

extension HistoryStore {
    /// Each keyword's newest bid simulation that ended on or before `asOf`, by keyword row id: the latest last day,
    /// and of simulations ending that day the longest. A simulation past `asOf` replays auctions a run as of that
    /// day could not have known.
    public func bidSimulations(endingOnOrBefore asOf: CalendarDay) throws -> [Int64: BidSimulation] {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT keyword_id, first_day, last_day, bid_micros, clicks, cost_micros, impressions
                    FROM bid_simulation_points WHERE last_day <= ?
                    ORDER BY keyword_id, last_day DESC, first_day, bid_micros
                    """,
                arguments: [asOf.rawValue])
            var simulations: [Int64: BidSimulation] = [:]
            var current: (keywordID: Int64, days: DayRange, points: [BidSimulation.Point])?
            func finish() {
                guard let current else { return }
                simulations[current.keywordID] = BidSimulation(days: current.days, points: current.points)
            }
            while let row = try rows.next() {
                let keywordID: Int64 = row[0]
                let days = DayRange(
                    first: CalendarDay(rawValue: row[1]), last: CalendarDay(rawValue: row[2]))
                let point = BidSimulation.Point(
                    bid: Micros(rawValue: row[3]), clicks: row[4], cost: Micros(rawValue: row[5]), impressions: row[6])
                if current?.keywordID == keywordID {
                    // Rows after the keyword's first range belong to older simulations.
                    if current?.days == days { current?.points.append(point) }
                } else {
                    finish()
                    current = (keywordID, days, [point])
                }
            }
            finish()
            return simulations
        }
    }
}
