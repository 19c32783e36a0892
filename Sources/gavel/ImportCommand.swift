import ArgumentParser
import GavelCore
import GavelJobs
import GavelReports
import GavelStore

import struct Foundation.Data
import struct Foundation.URL

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import keyword performance reports into the history.",
        discussion: """
            Reads Google Ads report downloads (CSV and Excel CSV), Microsoft Advertising keyword performance \
            reports and bulk files, and Gavel's generic CSV (Docs/generic-csv.md); the format is detected from \
            the file. Each file is imported whole or not at all, and importing a file twice changes nothing.

            Bid simulations (Google Ads ad_group_criterion_simulation rows, one per simulated bid, or Microsoft \
            Advertising bid landscape points) are imported for keywords the history already holds, matched by \
            their ad group and keyword ids or by their names; `gavel bid --strategy portfolio --bid-simulations` \
            bids those keywords on the simulated points while the simulation is at most 14 days old.

            Examples:
              gavel import "Search keyword report.csv" --account "Demo Shop"
              gavel import downloads/*.csv --db client.db
              gavel import "Keyword bid simulations.csv" --account "Demo Shop"   # after the keyword report
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Account name for reports that do not carry one (Google Ads UI downloads).")
    var account = "Default account"

    @Argument(help: "Report files to import.", completion: .file())
    var files: [String]

    func run() throws {
        let history = try store.openStore()
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let progress = Progress("importing \(file)")
            var records = 0
            let (summary, counts) = try ImportJob.run(
                bytes, fileName: file, defaultAccount: account, into: history
            ) { count in
                records = count
                progress.update(count)
            }
            progress.finish(records)
            var line = "\(file): \(summary.format.rawValue), \(Format.count(counts.facts)) facts, "
                + "\(Format.count(counts.keywords)) keywords"
            if let first = counts.firstDay, let last = counts.lastDay { line += ", \(first) to \(last)" }
            if counts.attributeOnlyRecords > 0 { line += ", \(Format.count(counts.attributeOnlyRecords)) keyword records" }
            if counts.simulations > 0 {
                line += ", \(Format.count(counts.simulations, "bid simulation")) "
                    + "(\(Format.count(counts.simulationPoints, "bid")))"
                if let period = summary.period { line += " over \(period)" }
            }
            print(line)
        }
    }
}
