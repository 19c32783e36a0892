import GavelAuction
import GavelBidding
import GavelCore
import RealModule

/// The closed loop's ad platform bid simulator: each night it replays a sample of every keyword's recent auctions
/// at other bids, as Google Ads and Microsoft Advertising do with their own logs, and hands the portfolio job the
/// points (``BidSimulation``) a real account would import.
///
/// The replay keeps each logged search's rival bids and tie order and changes only the keyword's own bid, so it
/// is the counterfactual of those searches, not the market's truth: tomorrow's rivals are fresh draws, and a
/// sample of a few dozen searches a day is an estimate. Clicks and cost are expected values (slot click rate ×
/// quality, × the slot's price), as a platform's estimates are.
public struct BidSimulatorSetup: Hashable, Sendable {
    /// Days replayed, ending with the night's last reported day.
    public var days: Int
    /// Searches logged per keyword and day (the first ones: the rivals' draws are independent across searches).
    public var searchesPerDay: Int
    /// The bids simulated: the rungs of a fixed geometric ladder (…, 1.05^k, 1.05^(k+1), … currency units) from
    /// `reach.lowerBound` to `reach.upperBound` × the keyword's bid on the night. Fixed rungs, not multiples of
    /// tonight's bid, so a keyword whose bid moves sees the same points of the same curve again: points that moved
    /// with the bid made the optimiser's choice between neighbouring points flip night after night.
    public var ladderRatio: Double
    public var reach: ClosedRange<Double>

    /// Defaults: a week, 20 searches a day, rungs 5 % apart from ½× to 3× the bid (up to 37 points: more than the
    /// 5–10 a platform shows, so the change band, ±25 % by default, holds several).
    public init(
        days: Int = 7, searchesPerDay: Int = 20, ladderRatio: Double = 1.05, reach: ClosedRange<Double> = 0.5...3
    ) {
        precondition(days > 0 && searchesPerDay > 0, "a bid simulator replays something")
        precondition(ladderRatio > 1 && reach.lowerBound > 0, "a ladder rises")
        self.days = days
        self.searchesPerDay = searchesPerDay
        self.ladderRatio = ladderRatio
        self.reach = reach
    }

    /// The ladder's rungs within reach of `bid`, in whole cents as a platform reports its points (fewer than the
    /// rungs where 5 % is less than a cent).
    func bids(around bid: Micros) -> [Micros] {
        guard bid > .zero else { return [] }
        let rung = Double.log(ladderRatio)
        let lowest = Int((Double.log(bid.units * reach.lowerBound) / rung).rounded(.up))
        let highest = Int((Double.log(bid.units * reach.upperBound) / rung).rounded(.down))
        guard lowest <= highest else { return [] }
        var cents: [Micros] = []
        for index in lowest...highest {
            let cent = Micros(rawValue: Int64((Double.exp(Double(index) * rung) * 100).rounded()) * 10_000)
            if cent > .zero, cent != cents.last { cents.append(cent) }
        }
        return cents
    }
}

/// One keyword's logged searches: per day the number of searches and a sample of their rival bids and tie orders.
struct RecentAuctions {
    private struct Day {
        var index: Int
        var searches: Int
        /// `rivalCount` entries per logged search.
        var rivals: [AuctionEntry] = []
        var salts: [UInt64] = []
    }

    let setup: BidSimulatorSetup
    private let rivalCount: Int
    /// The last `setup.days` days with searches, oldest first.
    private var days: [Day] = []

    init(setup: BidSimulatorSetup, rivalCount: Int) {
        self.setup = setup
        self.rivalCount = rivalCount
    }

    /// Starts the log of day `index`, dropping days older than the simulator replays.
    mutating func begin(day index: Int, searches: Int) {
        days.removeAll { $0.index <= index - setup.days }
        var day = Day(index: index, searches: searches)
        day.rivals.reserveCapacity(min(searches, setup.searchesPerDay) * rivalCount)
        days.append(day)
    }

    /// Logs one search of the current day, while its sample is not full.
    mutating func log(rivals: UnsafeMutableBufferPointer<AuctionEntry>.SubSequence, salt: UInt64) {
        guard days[days.count - 1].salts.count < setup.searchesPerDay else { return }
        days[days.count - 1].rivals.append(contentsOf: rivals)
        days[days.count - 1].salts.append(salt)
    }

    /// What the logged searches of the days up to `night` would have bought at each of `bids`, as totals over the
    /// simulator's days; `nil` when none of them was logged.
    func simulation(
        bids: [Micros], quality: Double, auction: PositionAuction, night: Int, lastDay: CalendarDay
    ) -> BidSimulation? {
        let replayed = days.filter { $0.index > night - setup.days && $0.index <= night && !$0.salts.isEmpty }
        guard !replayed.isEmpty else { return nil }
        var points = bids.map { BidSimulation.Point(bid: $0, clicks: 0, cost: .zero, impressions: 0) }
        var costs = [Double](repeating: 0, count: bids.count)
        // Bids below the reserve win nothing on any search.
        let admitted = bids.indices.filter { auction.reserve.admits(bid: bids[$0].units, quality: quality) }
        // Days without a logged search (no auction that day) count as the mean of the others.
        let perDay = Double(setup.days) / Double(replayed.count)
        withUnsafeTemporaryAllocation(of: AuctionEntry.self, capacity: rivalCount + 1) { entries in
            withUnsafeTemporaryAllocation(of: SlotAward.self, capacity: auction.slotCount) { awards in
                for day in replayed {
                    let scale = perDay * Double(day.searches) / Double(day.salts.count)
                    for (search, salt) in day.salts.enumerated() {
                        for rival in 0..<rivalCount { entries[rival + 1] = day.rivals[search * rivalCount + rival] }
                        for point in admitted {
                            entries[0] = AuctionEntry(bid: bids[point].units, quality: quality)
                            guard let placed = auction.placement(of: entries, awards: awards, salt: salt) else {
                                continue
                            }
                            points[point].impressions += scale
                            points[point].clicks += placed.clickRate * scale
                            costs[point] += placed.clickRate * placed.pricePerClick * scale
                        }
                    }
                }
            }
        }
        for index in points.indices { points[index].cost = Micros(rounding: costs[index]) }
        return BidSimulation(days: DayRange(first: lastDay.advanced(by: 1 - setup.days), last: lastDay), points: points)
    }
}
