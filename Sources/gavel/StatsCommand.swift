import ArgumentParser
import GavelCore
import GavelStore

import struct Foundation.Data
import class Foundation.JSONEncoder

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the history holds: totals per account and campaign, dates, rows per device.",
        discussion: """
            Examples:
              gavel stats
              gavel stats --db client.db --format json | jq .cost
            JSON puts account-wide totals (impressions, clicks, cost, conversions, conversion_value) at the \
            top level; money is given in currency units and in micros (*_micros).
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "table for people, json for machines.")
    var format: OutputFormat = .table

    func run() throws {
        let statistics = try store.openStore().statistics()
        switch format {
        case .table: print(StatsReport.table(statistics, database: store.db))
        case .json: print(try StatsReport.json(statistics, database: store.db))
        }
    }
}

/// Renders ``StoreStatistics`` for people and for machines.
enum StatsReport {
    static func table(_ statistics: StoreStatistics, database: String) -> String {
        let coverage =
            if let first = statistics.firstDay, let last = statistics.lastDay { "\(first) to \(last)" } else {
                "no dates yet"
            }
        var lines = [
            "\(database): \(Format.count(statistics.accounts.count, "account")), "
                + "\(Format.count(statistics.campaigns.count, "campaign")), \(Format.count(statistics.keywords, "keyword")), "
                + "\(Format.count(statistics.facts, "fact row")), \(coverage), \(Format.count(statistics.imports, "import"))",
            "",
        ]
        var table = TextTable(header: [
            "Account / campaign", "Keywords", "Impr.", "Clicks", "Cost", "Conv.", "Conv. value", "CTR", "CVR", "CPA",
            "ROAS", "First day", "Last day",
        ])
        func row(_ name: String, _ item: StoreStatistics.Campaign) -> [String] {
            let totals = item.totals
            return [
                name, Format.count(item.keywords), Format.count(totals.impressions), Format.count(totals.clicks),
                Format.money(totals.cost), Format.decimal(totals.conversions), Format.money(totals.conversionValue),
                Format.percent(totals.ctr), Format.percent(totals.cvr), Format.optionalMoney(totals.cpa),
                Format.ratio(totals.roas), item.firstDay?.description ?? "–", item.lastDay?.description ?? "–",
            ]
        }
        for account in statistics.accounts {
            table.append(row(account.account, account))
            for campaign in statistics.campaigns where campaign.account == account.account {
                table.append(row("  " + campaign.campaign, campaign))
            }
        }
        lines.append(table.render())
        lines.append("")
        let devices = statistics.rowsByDevice.sorted { $0.key < $1.key }
            .map { "\($0.key) \(Format.count($0.value))" }.joined(separator: " · ")
        lines.append("Rows per device: " + (devices.isEmpty ? "none" : devices))
        if let newest = statistics.newestSimulationDay {
            lines.append(
                "Bid simulations: \(Format.count(statistics.simulatedKeywords, "keyword")), the newest ending \(newest)"
                    + " (bid on with gavel bid --strategy portfolio --bid-simulations)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ statistics: StoreStatistics, database: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let accounts = statistics.accounts.map { account in
            WithTotals(
                Account(
                    account: account.account, keywords: account.keywords, firstDay: account.firstDay?.description,
                    lastDay: account.lastDay?.description,
                    campaigns: statistics.campaigns.filter { $0.account == account.account }.map { campaign in
                        WithTotals(
                            Campaign(
                                campaign: campaign.campaign, keywords: campaign.keywords,
                                firstDay: campaign.firstDay?.description, lastDay: campaign.lastDay?.description),
                            campaign.totals)
                    }),
                account.totals)
        }
        let document = WithTotals(
            Document(
                database: database, keywords: statistics.keywords, facts: statistics.facts,
                imports: statistics.imports, firstDay: statistics.firstDay?.description,
                lastDay: statistics.lastDay?.description, rowsByDevice: statistics.rowsByDevice,
                simulatedKeywords: statistics.simulatedKeywords,
                newestSimulationDay: statistics.newestSimulationDay?.description, accounts: accounts),
            statistics.totals)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// An object with additive totals flattened into it, so `jq .cost` works at every level.
    struct WithTotals<Body: Encodable>: Encodable {
        var body: Body
        var totals: PerformanceTotals

        init(_ body: Body, _ totals: PerformanceTotals) {
            self.body = body
            self.totals = totals
        }

        func encode(to encoder: any Encoder) throws {
            try body.encode(to: encoder)
            try Totals(
                impressions: totals.impressions, clicks: totals.clicks, cost: totals.cost.units,
                costMicros: totals.cost.rawValue, conversions: totals.conversions,
                conversionValue: totals.conversionValue.units, conversionValueMicros: totals.conversionValue.rawValue
            ).encode(to: encoder)
        }
    }

    struct Totals: Encodable {
        var impressions: Int64
        var clicks: Int64
        var cost: Double
        var costMicros: Int64
        var conversions: Double
        var conversionValue: Double
        var conversionValueMicros: Int64
    }

    struct Document: Encodable {
        var database: String
        var keywords: Int
        var facts: Int
        var imports: Int
        var firstDay: String?
        var lastDay: String?
        var rowsByDevice: [String: Int]
        var simulatedKeywords: Int
        var newestSimulationDay: String?
        var accounts: [WithTotals<Account>]
    }

    struct Account: Encodable {
        var account: String
        var keywords: Int
        var firstDay: String?
        var lastDay: String?
        var campaigns: [WithTotals<Campaign>]
    }

    struct Campaign: Encodable {
        var campaign: String
        var keywords: Int
        var firstDay: String?
        var lastDay: String?
    }
}
