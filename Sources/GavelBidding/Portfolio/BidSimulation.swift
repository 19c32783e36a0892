public import GavelCore

extension BidSimulation {
    /// Clicks and cost per day at each bid, the shape the optimiser takes; `nil` below two points, which say
    /// nothing about what a bid change buys.
    public var landscape: GridLandscape? {
        guard points.count >= 2 else { return nil }
        let perDay = 1 / Double(days.dayCount)
        return GridLandscape(
            points: points.map { ($0.bid.units, $0.clicks * perDay, $0.cost.units * perDay) })
    }
}
