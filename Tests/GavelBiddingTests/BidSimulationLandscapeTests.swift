import GavelBidding
import GavelCore
import GavelReports
import Testing

import struct Foundation.Data
import struct Foundation.URL

/// A platform's bid simulation file, read as the importer reads it, gives the per-day landscape the optimiser bids on.
@Suite struct BidSimulationLandscapeTests {
    @Test func sevenDaysOfThreeBidsGiveTheirPerDayGrid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GavelReportsTests/Fixtures/microsoft-bid-landscape.csv")
        var simulations: [BidSimulation] = []
        _ = try ReportReader.read(Array(try Data(contentsOf: url)), fileName: "landscape.csv", defaultAccount: "A") {
            if case .simulation(let simulated) = $0 { simulations.append(simulated.simulation) }
        }
        let simulation = try #require(simulations.first)
        #expect(simulation.days.dayCount == 7)
        let grid = try #require(simulation.landscape)
        // 70, 140, 175 clicks and €28, €98, €157.50 over 7 days: 10, 20, 25 clicks and €4, €14, €22.50 a day.
        #expect(grid.clicksAtBids == [10, 20, 25])
        #expect(grid.costsAtBids == [4, 14, 22.5])
        #expect(grid.clicksAndCost(atBid: 0.75) == (15, 9))
        // The 0.50 → 1.00 step buys 10 clicks for €10, the 1.00 → 1.50 step 5 clicks for €8.50.
        #expect(abs(grid.marginalCostPerClick(atBid: 0.5) - 1.0) < 1e-12)
        #expect(abs(grid.marginalCostPerClick(atBid: 1.0) - 1.7) < 1e-12)
        #expect(grid.marginalCostPerClick(atBid: 1.5) == .infinity)
    }
}
