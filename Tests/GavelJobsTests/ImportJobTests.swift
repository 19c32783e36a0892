import GavelCore
import GavelJobs
import GavelReports
import GavelStore
import Testing

import struct Foundation.UUID
import class Foundation.FileManager

@Suite struct ImportJobTests {
    /// A generic CSV of `rows` good rows across batch boundaries, optionally with one bad row near the end.
    func csv(rows: Int, badRowAt bad: Int? = nil) -> [UInt8] {
        var text = "account,campaign,ad_group,keyword,match_type,date,device,impressions,clicks,cost,conversions,"
            + "conversion_value\n"
        for row in 0..<rows {
            let clicks = row == bad ? "lots" : "2"
            text += "Acme,Search,Group \(row / 100),kw \(row / 10),exact,2026-05-\(10 + row % 10),mobile,10,\(clicks),"
                + "1.50,0.5,20\n"
        }
        return Array(text.utf8)
    }

    func temporaryStore() throws -> (HistoryStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-\(UUID().uuidString).db").path
        return (try HistoryStore(path: path), path)
    }

    @Test func importsEveryRowAcrossBatchesAndTwiceChangesNothing() throws {
        let (store, path) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = csv(rows: 10_000)
        let (summary, counts) = try ImportJob.run(bytes, fileName: "big.csv", defaultAccount: "x", into: store)
        #expect(summary.format == .generic)
        #expect(counts.facts == 10_000)
        #expect(counts.keywords == 1_000)
        _ = try ImportJob.run(bytes, fileName: "big.csv", defaultAccount: "x", into: store)
        let statistics = try store.statistics()
        #expect(statistics.facts == 10_000)
        #expect(statistics.totals.clicks == 20_000)
        #expect(statistics.totals.cost == Micros(units: 15_000))
    }

    @Test func aBadRowLateInTheFileLeavesNothingAndSaysWhere() throws {
        let (store, path) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try ImportJob.run(csv(rows: 9_000, badRowAt: 8_500), fileName: "bad.csv", defaultAccount: "x", into: store)
        } throws: { error in
            let report = error as? ReportError
            // Line 1 is the header, so row 8,500 is line 8,502; "lots" sits in column 9 (clicks).
            return report?.file == "bad.csv" && report?.line == 8_502 && report?.description.contains("lots") == true
        }
        let statistics = try store.statistics()
        #expect(statistics.facts == 0)
        #expect(statistics.keywords == 0)
    }
}
