import GavelAuction
import GavelBidding
import GavelCore

/// One keyword's side of the closed loop: its auctions, its random stream, its current bid, and the report rows
/// the nightly job reads.
///
/// Each keyword draws from its own stream, so its days do not depend on how other keywords were bid.
struct KeywordLoop {
    /// A conversion whose click happened but which the report does not show yet.
    private struct PendingConversion {
        /// The night from which the report includes it.
        var reportedOn: Int
        /// Index into ``points`` of its click's day.
        var point: Int
    }

    private let keyword: SearchKeyword
    private let conversionValue: Micros
    private var random: SeededRandom
    private(set) var bid: Micros
    /// Index of the first day at the current bid; `nil` while the starting bid holds.
    private(set) var bidSince: Int?
    /// The bid on its first day and on every change day, as the portfolio's landscapes need them.
    private(set) var bidChanges: [DailyBid]
    /// Days with impressions, oldest first, with the conversions reported up to the last night.
    private(set) var points: [DailyPoint] = []
    private var pending: [PendingConversion] = []
    /// The searches the bid simulator replays; `nil` without one.
    private var recent: RecentAuctions?

    init(
        keyword: SearchKeyword, bid: Micros, firstDay: CalendarDay, random: SeededRandom,
        bidSimulator: BidSimulatorSetup? = nil
    ) {
        self.keyword = keyword
        self.recent = bidSimulator.map { RecentAuctions(setup: $0, rivalCount: keyword.competitors.count) }
        self.conversionValue = Micros(rounding: keyword.conversionValue)
        self.random = random
        self.bid = bid
        self.bidChanges = [DailyBid(day: firstDay, bid: bid)]
    }

    /// Sets the bid from day `day` (at `date`) on.
    mutating func rebid(_ newBid: Micros, from day: Int, date: CalendarDay) {
        guard newBid != bid else { return }
        bid = newBid
        bidSince = day
        bidChanges.append(DailyBid(day: date, bid: newBid))
    }

    /// Days since the bid last differed from the current one, on the night after day `day`, as ``BidJob`` counts.
    func daysSinceBidChange(night day: Int) -> Int? { bidSince.map { day - $0 + 1 } }

    /// What the night after day `night` reads of `keyword`: its names, its bid in force and its reported days.
    func history(of keyword: SimulatedKeyword, night: Int) -> KeywordHistory {
        var attributes = keyword.attributes
        attributes.maxCPC = bid
        return KeywordHistory(
            identity: keyword.identity,
            attributes: attributes,
            daily: points,
            daysSinceBidChange: daysSinceBidChange(night: night)
        )
    }

    /// Runs the keyword's searches of day `day` at the current bid, adds the day's report row and the conversions
    /// reported by that night, and returns the day's true outcome.
    /// - Parameter topSlots: slots counted as the top of the page for the top impression rate.
    mutating func run(
        day: Int,
        date: CalendarDay,
        auction: PositionAuction,
        topSlots: Int,
        lag: ConversionLagDraw
    ) -> ClosedLoopTotals {
        var totals = ClosedLoopTotals()
        totals.queries = random.nextPoisson(mean: keyword.queryVolume)
        if totals.queries > 0, bid > .zero {
            totals.bids = totals.queries
            if auction.reserve.admits(bid: bid.units, quality: keyword.quality) {
                recent?.begin(day: day, searches: totals.queries)
                let placement = runAuctions(
                    totals.queries, day: day, auction: auction, topSlots: topSlots, lag: lag, into: &totals)
                if totals.impressions > 0 {
                    let impressions = Double(totals.impressions)
                    points.append(
                        DailyPoint(
                            day: date, impressions: Int64(totals.impressions), clicks: Int64(totals.clicks),
                            cost: totals.cost, topImpressionRate: Double(placement.top) / impressions,
                            absoluteTopImpressionRate: Double(placement.absoluteTop) / impressions,
                            searchImpressionShare: impressions / Double(totals.queries)))
                }
            }
        }
        report(through: day)
        return totals
    }

    /// One GSP/VCG auction per search against freshly drawn rival bids; a slot brings a click with the slot's rate
    /// × the keyword's quality, a click a conversion with the keyword's true rate.
    private mutating func runAuctions(
        _ queries: Int,
        day: Int,
        auction: PositionAuction,
        topSlots: Int,
        lag: ConversionLagDraw,
        into totals: inout ClosedLoopTotals
    ) -> (top: Int, absoluteTop: Int) {
        let rivals = keyword.competitors
        let own = AuctionEntry(bid: bid.units, quality: keyword.quality)
        let point = points.count
        var top = 0
        var absoluteTop = 0
        withUnsafeTemporaryAllocation(of: AuctionEntry.self, capacity: rivals.count + 1) { entries in
            withUnsafeTemporaryAllocation(of: SlotAward.self, capacity: auction.slotCount) { awards in
                for _ in 0..<queries {
                    entries[0] = own
                    for (index, rival) in rivals.enumerated() {
                        entries[index + 1] = AuctionEntry(bid: rival.bid.sample(using: &random), quality: rival.quality)
                    }
                    let salt = random.next()
                    recent?.log(rivals: entries[1...], salt: salt)
                    guard let placed = auction.placement(of: entries, awards: awards, salt: salt) else { continue }
                    totals.impressions += 1
                    if placed.slot < topSlots { top += 1 }
                    if placed.slot == 0 { absoluteTop += 1 }
                    guard random.nextUnit() < placed.clickRate else { continue }
                    totals.clicks += 1
                    totals.cost += Micros(rounding: placed.pricePerClick)
                    guard random.nextUnit() < keyword.conversionRate else { continue }
                    totals.conversions += 1
                    totals.value += conversionValue
                    pending.append(PendingConversion(reportedOn: day + lag.draw(using: &random), point: point))
                }
            }
        }
        return (top, absoluteTop)
    }

    /// The bid simulator's answer on the night after day `night` (reported through `lastDay`), at its factors of
    /// the current bid; `nil` without a simulator, or when the keyword took part in none of the auctions it replays.
    ///
    /// A keyword shown below the page, or not at all, still took part: the platform logged those auctions too (it
    /// reports first-page and top-of-page bid estimates for such keywords). Requiring clicks in the window left
    /// the keywords whose bids had fallen below their rivals without a simulation: half of a market whose rivals
    /// bid its value, and those are the keywords a raise would pay on (Docs/portfolio.md, "One plan in simulated
    /// auctions").
    func simulation(night: Int, lastDay: CalendarDay, auction: PositionAuction) -> BidSimulation? {
        guard let recent else { return nil }
        return recent.simulation(
            bids: recent.setup.bids(around: bid), quality: keyword.quality, auction: auction, night: night,
            lastDay: lastDay)
    }

    /// Moves the conversions the report shows by the night after day `day` into their click days' rows.
    private mutating func report(through day: Int) {
        guard !pending.isEmpty else { return }
        var waiting: [PendingConversion] = []
        for conversion in pending {
            if conversion.reportedOn <= day {
                points[conversion.point].conversions += 1
                points[conversion.point].value += conversionValue
            } else {
                waiting.append(conversion)
            }
        }
        pending = waiting
    }
}

extension PositionAuction {
    /// Where entry 0, the simulated keyword, lands in one search: its slot, the chance an impression there is
    /// clicked (the slot's rate × the keyword's quality) and its price per click; `nil` without a slot.
    ///
    /// The closed loop's days and its bid simulator's replays both read a search through this, so the simulator
    /// replays the very click model the days are drawn from.
    @inline(__always)
    func placement(
        of entries: UnsafeMutableBufferPointer<AuctionEntry>, awards: UnsafeMutableBufferPointer<SlotAward>,
        salt: UInt64
    ) -> (slot: Int, clickRate: Double, pricePerClick: Double)? {
        let filled = run(UnsafeBufferPointer(entries), into: awards, order: TieOrder(salt: salt))
        guard let slot = awards.prefix(filled).firstIndex(where: { $0.bidder == 0 }) else { return nil }
        return (slot, min(1, clickRates[slot] * entries[0].quality), awards[slot].pricePerClick)
    }
}
