public import GavelCore
internal import GRDB

/// What the history holds: the first thing a specialist checks after an import.
public struct StoreStatistics: Sendable, Equatable {
    /// Totals of one campaign (or, at the top of an account, of the account).
    public struct Campaign: Sendable, Equatable {
        public var account: String
        public var campaign: String
        public var keywords: Int
        public var totals: PerformanceTotals
        public var firstDay: CalendarDay?
        public var lastDay: CalendarDay?
    }

    /// Every account's totals; the top-level totals are their sum.
    public var totals: PerformanceTotals
    public var keywords: Int
    public var facts: Int
    public var imports: Int
    public var firstDay: CalendarDay?
    public var lastDay: CalendarDay?
    /// Per account, in name order.
    public var accounts: [Campaign]
    /// Per account and campaign, in name order.
    public var campaigns: [Campaign]
    /// Fact rows per device segment (`all` counts rows from reports not segmented by device).
    public var rowsByDevice: [String: Int]
    /// Keywords with an imported bid simulation, and the last day of the newest one (`nil` without any).
    public var simulatedKeywords: Int
    public var newestSimulationDay: CalendarDay?
}

extension HistoryStore {
    /// Totals per account and campaign, date coverage and rows per device, in one read transaction.
    public func statistics() throws -> StoreStatistics {
        try database.read { db in
            let campaignRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT k.account, k.campaign, count(DISTINCT k.id) AS keywords,
                        coalesce(sum(f.impressions), 0) AS impressions, coalesce(sum(f.clicks), 0) AS clicks,
                        coalesce(sum(f.cost_micros), 0) AS cost, coalesce(sum(f.conversions), 0.0) AS conversions,
                        coalesce(sum(f.conversion_value_micros), 0) AS value,
                        min(f.first_day) AS first_day, max(f.last_day) AS last_day
                    FROM keywords k LEFT JOIN facts f ON f.keyword_id = k.id
                    GROUP BY k.account, k.campaign ORDER BY k.account, k.campaign
                    """)
            let campaigns = campaignRows.map { row in
                StoreStatistics.Campaign(
                    account: row["account"], campaign: row["campaign"], keywords: row["keywords"],
                    totals: PerformanceTotals(
                        impressions: row["impressions"], clicks: row["clicks"], cost: Micros(row["cost"] as Int64),
                        conversions: row["conversions"], conversionValue: Micros(row["value"] as Int64)),
                    firstDay: (row["first_day"] as Int32?).map(CalendarDay.init(rawValue:)),
                    lastDay: (row["last_day"] as Int32?).map(CalendarDay.init(rawValue:)))
            }
            var accounts: [StoreStatistics.Campaign] = []
            for campaign in campaigns {
                if var last = accounts.last, last.account == campaign.account {
                    last.keywords += campaign.keywords
                    last.totals += campaign.totals
                    last.firstDay = earliest(last.firstDay, campaign.firstDay)
                    last.lastDay = latest(last.lastDay, campaign.lastDay)
                    accounts[accounts.count - 1] = last
                } else {
                    var account = campaign
                    account.campaign = ""
                    accounts.append(account)
                }
            }
            var rowsByDevice: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT device, count(*) AS n FROM facts GROUP BY device") {
                rowsByDevice[DeviceCode.device(code: row["device"]).rawValue] = row["n"]
            }
            let simulations = try Row.fetchOne(
                db,
                sql: "SELECT count(DISTINCT keyword_id) AS keywords, max(last_day) AS last FROM bid_simulation_points"
            )
            return StoreStatistics(
                totals: accounts.reduce(.zero) { $0 + $1.totals },
                keywords: accounts.reduce(0) { $0 + $1.keywords },
                facts: rowsByDevice.values.reduce(0, +),
                imports: try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") ?? 0,
                firstDay: accounts.compactMap(\.firstDay).min(),
                lastDay: accounts.compactMap(\.lastDay).max(),
                accounts: accounts, campaigns: campaigns, rowsByDevice: rowsByDevice,
                simulatedKeywords: simulations?["keywords"] ?? 0,
                newestSimulationDay: (simulations?["last"] as Int32?).map(CalendarDay.init(rawValue:)))
        }
    }
}

private func earliest(_ a: CalendarDay?, _ b: CalendarDay?) -> CalendarDay? {
    [a, b].compactMap { $0 }.min()
}

private func latest(_ a: CalendarDay?, _ b: CalendarDay?) -> CalendarDay? {
    [a, b].compactMap { $0 }.max()
}
