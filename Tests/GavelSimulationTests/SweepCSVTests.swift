import Foundation
import GavelAuction
import Testing

@testable import GavelSimulation

@Suite("Sweep CSV")
struct SweepCSVTests {
    let csv: [[String]]
    let sweep: Sweep

    init() throws {
        sweep = try Sweep(contentsOf: fixturesDirectory + "/tiny-display.yaml")
        csv = SweepCSV.render(SweepRunner(workers: 1).run(sweep)).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The row of a grid point as column → cell.
    func row(_ index: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(csv[0], csv[index + 1]))
    }

    @Test("columns: the grid axes, then each metric with its bounds, then runs and seed")
    func columns() {
        #expect(
            csv[0] == [
                "fixed_cpm", "budget",
                "impressions", "impressions_lo", "impressions_hi", "clicks", "clicks_lo", "clicks_hi",
                "conversions", "conversions_lo", "conversions_hi", "cost", "cost_lo", "cost_hi",
                "cpa", "cpa_lo", "cpa_hi", "roas", "roas_lo", "roas_hi",
                "impression_share", "impression_share_lo", "impression_share_hi",
                "win_rate", "win_rate_lo", "win_rate_hi", "runs", "seed",
            ]
        )
        #expect(csv.count == 5)
        #expect(csv.dropFirst().allSatisfy { $0.count == csv[0].count })
    }

    @Test("a 2 CPM bid without budget wins all 1000 auctions at 0.001 each; every click converts, worth 2")
    func unlimited() {
        let row = row(2)
        #expect(row["fixed_cpm"] == "2")
        #expect(row["budget"] == "none")
        #expect(row["impressions"] == "1000")
        #expect(row["clicks"] == "1000")
        #expect(row["conversions"] == "1000")
        #expect(row["cost"] == "1")
        #expect(row["cpa"] == "0.001")
        #expect(row["roas"] == "2000")
        #expect(row["impression_share"] == "1")
        #expect(row["win_rate"] == "1")
        // Two identical runs: the interval collapses onto the mean.
        #expect(row["clicks_lo"] == "1000")
        #expect(row["clicks_hi"] == "1000")
        #expect(row["runs"] == "2")
        #expect(row["seed"] == String(sweep.points[2].seed))
    }

    @Test("a budget of 0.5005 buys 500 impressions; the remaining 0.0005 bids lose every later auction")
    func budgeted() {
        let row = row(3)
        #expect(row["budget"] == "0.5005")
        #expect(row["impressions"] == "500")
        #expect(row["conversions"] == "500")
        #expect(row["cost"] == "0.5")
        #expect(row["cpa"] == "0.001")
        #expect(row["impression_share"] == "0.5")
        #expect(row["win_rate"] == "0.5")
    }

    @Test("a 0.5 CPM bid loses everything: CPA and ROAS are empty, not zero")
    func losing() {
        for index in [0, 1] {
            let row = row(index)
            #expect(row["fixed_cpm"] == "0.5")
            #expect(row["impressions"] == "0")
            #expect(row["cost"] == "0")
            #expect(row["win_rate"] == "0")
            #expect(row["cpa"] == "")
            #expect(row["cpa_lo"] == "")
            #expect(row["roas"] == "")
        }
    }

    @Test("fields with commas or quotes are quoted")
    func quoting() {
        #expect(SweepCSV.field("a,b") == "\"a,b\"")
        #expect(SweepCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SweepCSV.field("plain") == "plain")
    }
}
