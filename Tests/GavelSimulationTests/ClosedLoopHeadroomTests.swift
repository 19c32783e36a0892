import GavelAuction
import GavelBidding
import GavelCore
import GavelSimulation
import Testing

import func Foundation.exp

/// How much any portfolio could gain over target × CVR in the closed loop's market, with perfect knowledge.
///
/// Every keyword of the demo market faces the same auction shape (5 rivals with one spread, 4 slots, one click
/// decay) unless it is generated with `auction_shapes: varied`; keywords differ only in the rivals' price level,
/// their quality relative to ours (which scales that level), CVR and searches. So each keyword's clicks and cost
/// per search are one curve of bid ÷ its level `m`, scaled: measured once per shape by running the auctions, it
/// gives every keyword's true landscape. An oracle that
/// equalises the true marginal CPA across keywords (``PortfolioOptimizer`` on those landscapes) buys only +0.16 /
/// +0.10 / +0.04 % more conversions than bid = target × true CVR at the same spend (the 2,000-keyword demo market,
/// targets €10 / €20 / €40; 2026-11-26):
/// in a GSP auction with several slots the last click costs more than the bid (1.05 × at 0.5 m, 1.8 × at 3 m), but
/// by the same factor of bid ÷ m for every keyword, so one target is nearly the equal-marginal bid. This is why
/// the closed loop cannot show the portfolio's advantage (Docs/portfolio.md, "Closed loop: the cost model
/// diagnosis"): fitted landscapes lose more than that to their errors. The market's reserve (€0.05 a click) is
/// applied per keyword on top of the shared curve (``trueItems``).
@Suite("Closed loop: the headroom of equal marginal CPA over target × CVR")
struct ClosedLoopHeadroomTests {
    @Test(
        "with the true landscapes, equal marginal CPA beats target × CVR by less than 1 % at equal spend"
    )
    func oracleHeadroomIsSmall() throws {
        let keywords = try GeneratedSearchMarket(keywords: 2_000, seed: 7, minimumDailySearches: 2).keywords()
        let gains = Self.oracleGains(keywords, searches: 8_000)
        // The oracle never loses (beyond the grid's steps), and never gains much.
        #expect(gains.allSatisfy { $0 > -0.002 && $0 < 0.01 })
    }

    /// Nine shapes instead of one (`auction_shapes: varied`, 2 / 5 / 8 rivals × spread 0.2 / 0.45 / 0.8) open only
    /// +0.27 / +0.17 / +0.08 % in this market (2026-11-26), far below the +4.2 / +2.3 / +0.8 % of a Monte Carlo
    /// with its own keyword draws (Docs/portfolio.md, "Closed loop with per-keyword auction shapes").
    @Test("with varied auction shapes the oracle still gains less than 1 % over target × CVR in the demo market")
    func variedShapesLeaveLittleHeadroom() throws {
        let keywords = try GeneratedSearchMarket(
            keywords: 2_000, seed: 7, minimumDailySearches: 2, auctionShapes: .varied
        ).keywords()
        let gains = Self.oracleGains(keywords, searches: 4_000)
        #expect(gains.allSatisfy { $0 > 0 && $0 < 0.01 })
    }

    /// Rivals that bid the keyword's value (its true CVR × €25, log-normal σ 0.5 around it) put every keyword's
    /// rule bid in the responsive middle of its curve instead of at the top of the page or off it, and with varied
    /// shapes the oracle then gains +2.8 / +5.2 / +0.8 % over target × CVR at €10 / €20 / €40 (2026-11-26): a
    /// market where a portfolio has something to find. Why the generator's own rivals leave none: they bid a level
    /// per campaign unrelated to the keyword's CVR, so at target €20 the 500 keywords with 90 % of the clicks bid a
    /// median 2.4–5 × their rivals' level (position 1 nearly whatever the bid), a tenth of them 10–28 ×, where a
    /// bid change moves nothing; Python over the market's truth, 2026-11-26.
    @Test("when rivals bid the keywords' value, the oracle gains at least 3 % over target × CVR at €20")
    func valueTrackingRivalsOpenHeadroom() throws {
        let gains = Self.oracleGains(try Self.valueTrackingMarket(.varied), searches: 4_000)
        #expect(gains.allSatisfy { $0 > -0.002 })
        #expect(gains[1] > 0.03)
        // With one shape for every keyword the same rivals leave +1.8 / +0.4 / +0.4 %: it takes both.
        #expect(Self.oracleGains(try Self.valueTrackingMarket(.uniform), searches: 4_000)[1] < 0.01)
    }

    /// The truth the evidence tests score plans on is the auctions' own: the bid simulator's replay of a week of the
    /// closed loop's GSP auctions (100 searches a keyword a day, every bid from 1/20 × to 20 × the keyword's) buys
    /// the clicks and costs ``trueItems`` says, within sampling noise — also below the rivals' median, where the
    /// price is often the reserve: measured 2026-11-26, clicks +0.3 / +0.4 % and cost −1.1 / +2.3 % above / below.
    /// Without the reserve the truth read the cost below 7.1 % cheap.
    @Test("the true landscapes cost what the closed loop's auctions charge, reserve included")
    func trueLandscapesMatchTheAuctions() throws {
        let market = GeneratedSearchMarket(
            keywords: 300, seed: 7, minimumDailySearches: 2, auctionShapes: .varied,
            rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0.5))
        let keywords = try market.keywords()
        let truth = Self.trueItems(keywords, searches: 4_000)
        let replayed = ClosedLoopSimulation(
            keywords: keywords, bidder: .hold, firstDay: market.firstDay, warmupDays: 7, days: 1,
            bidSimulator: BidSimulatorSetup(searchesPerDay: 100, reach: 0.05...20)
        ).warmupHistory(seed: 3)
        // Clicks and cost a day, replayed and true, above and below the rivals' median bid.
        var above = (replayed: (clicks: 0.0, cost: 0.0), truth: (clicks: 0.0, cost: 0.0))
        var below = above
        for index in keywords.indices {
            guard let simulation = replayed[index].simulation else { continue }
            let (keyword, item) = (keywords[index], truth[index])
            let days = Double(simulation.days.dayCount)
            // Under the reserve nothing is shown; the plans never bid there (their minimum bid is the reserve).
            for point in simulation.points where point.bid.units >= SearchAuctionSetup().reserve {
                let (clicks, cost) = item.landscape.clicksAndCost(atBid: point.bid.units)
                let replay = (clicks: point.clicks / days, cost: point.cost.units / days)
                if point.bid.units < keyword.truth.competitorBid.units {
                    below.replayed = (below.replayed.clicks + replay.clicks, below.replayed.cost + replay.cost)
                    below.truth = (below.truth.clicks + clicks, below.truth.cost + cost)
                } else {
                    above.replayed = (above.replayed.clicks + replay.clicks, above.replayed.cost + replay.cost)
                    above.truth = (above.truth.clicks + clicks, above.truth.cost + cost)
                }
            }
        }
        for side in [above, below] {
            #expect(abs(side.truth.clicks / side.replayed.clicks - 1) < 0.04)
            #expect(abs(side.truth.cost / side.replayed.cost - 1) < 0.04)
        }
    }

    /// The demo market with rivals bidding each keyword's true CVR × €25 (log-normal σ 0.5 around it).
    static func valueTrackingMarket(_ shapes: GeneratedSearchMarket.AuctionShapes) throws -> [SimulatedKeyword] {
        try GeneratedSearchMarket(
            keywords: 2_000, seed: 7, minimumDailySearches: 2, auctionShapes: shapes,
            rivalBids: .valueTracking(targetCPA: Micros(units: 25), spread: 0.5)
        ).keywords()
    }

    /// The same market priced by VCG instead of GSP: in a truthful auction the last click bought costs exactly the bid
    /// (the cost curve's slope is the bid), so bid = target × CVR *is* the equal-marginal-CPA bid and no landscape
    /// can beat it — the uniform bid scaling result for truthful auctions (Aggarwal, Badanidiyuru and Mehta, 2019).
    /// What a portfolio finds in a search market is the GSP's departure from truthfulness.
    @Test("in the same market priced by VCG, target × CVR is already optimal")
    func truthfulAuctionsLeaveNoHeadroom() throws {
        let gains = Self.oracleGains(try Self.valueTrackingMarket(.varied), searches: 4_000, pricing: .vcg)
        #expect(gains.allSatisfy { abs($0) < 0.002 })
    }

    /// The oracle's conversions ÷ those of bid = target × true CVR − 1, at the latter's spend, for targets €10 /
    /// €20 / €40.
    static func oracleGains(
        _ keywords: [SimulatedKeyword],
        searches: Int,
        pricing: PositionPricing = SearchAuctionSetup().pricing
    ) -> [Double] {
        let items = trueItems(keywords, searches: searches, pricing: pricing)
        var gains: [Double] = []
        for target in [10.0, 20.0, 40.0] {
            var rules = (cost: 0.0, conversions: 0.0)
            for item in items {
                let (clicks, cost) = item.landscape.clicksAndCost(atBid: target * item.valuePerClick)
                rules.cost += cost
                rules.conversions += clicks * item.valuePerClick
            }
            let oracle = PortfolioOptimizer().solve(items, subjectTo: .budget(rules.cost))
            let gain = oracle.value / rules.conversions - 1
            print(
                "target €\(target): rules \(rules.conversions) conv. for €\(rules.cost)/day, "
                    + "oracle \(oracle.value) for €\(oracle.cost) (\(gain * 100) %)"
            )
            #expect(oracle.cost <= rules.cost * (1 + 1e-9))
            gains.append(gain)
        }
        return gains
    }

    /// Each keyword's true landscape — its auction shape's curve, scaled by its level and volume, with the market's
    /// reserve price — with its true conversion rate as the value of a click.
    static func trueItems(
        _ keywords: [SimulatedKeyword],
        searches: Int,
        pricing: PositionPricing = SearchAuctionSetup().pricing
    ) -> [PortfolioOptimizer.Item<GridLandscape>] {
        var setup = SearchAuctionSetup()
        setup.pricing = pricing
        var curves: [AuctionShape: [ShapeCurvePoint]] = [:]
        return keywords.map { keyword in
            let simulated = setup.keyword(keyword.truth)
            let shape = setup.shape(of: keyword.truth)
            if curves[shape] == nil {
                var shaped = setup
                shaped.competitors = shape.competitors
                shaped.competitorSpread = shape.competitorSpread
                curves[shape] = curvePerSearch(shaped, searches: searches, seed: 11)
            }
            // Rank and price are in score units: the level in our bid's units is the rivals' median × their quality
            // ÷ ours; clicks per search scale with our quality (the slot rates are relative to position 1).
            let level =
                keyword.truth.competitorBid.units * simulated.competitors[0].quality / simulated.quality
            let volume = keyword.truth.queryVolume * simulated.quality
            // The reserve is a price in our bid's units, not a multiple of the level: in a GSP a bid under it
            // takes no part, and no click costs less than it plus the increment (or the bid). VCG keeps its
            // reserve-free curve: a VCG with a reserve is as truthful as one without.
            let reserve: Double
            let increment: Double
            switch pricing {
            case .generalizedSecondPrice(let step): (reserve, increment) = (setup.reserve / level, step)
            case .vcg: (reserve, increment) = (0, 0)
            }
            let points = curves[shape, default: []].filter { $0.bid >= reserve }.map {
                (
                    bid: $0.bid * level, clicks: $0.clicks * volume,
                    cost: $0.cost(floor: min(reserve + increment, $0.bid)) * volume * level
                )
            }
            return PortfolioOptimizer.Item(
                landscape: GridLandscape(points: points.isEmpty ? [(bid: setup.reserve, clicks: 0, cost: 0)] : points),
                valuePerClick: keyword.truth.conversionRate,
                bids: 0.001...1_000
            )
        }
    }

    /// One bid of a shape's curve: clicks per search, and the prices paid per click with their click rates, sorted
    /// by price, so that the cost under any reserve is one binary search (`max(price, floor)` per click).
    struct ShapeCurvePoint {
        let bid: Double
        private let prices: [Double]
        /// Click rates and click rate × price summed over the prices from each index on, per search.
        private let ratesFrom: [Double]
        private let costsFrom: [Double]

        /// Clicks per search: every placement's click rate.
        var clicks: Double { ratesFrom[0] }

        init(bid: Double, placements: [(rate: Double, price: Double)], searches: Int) {
            self.bid = bid
            let sorted = placements.sorted { $0.price < $1.price }
            prices = sorted.map(\.price)
            var rates = [Double](repeating: 0, count: sorted.count + 1)
            var costs = rates
            for index in sorted.indices.reversed() {
                rates[index] = rates[index + 1] + sorted[index].rate / Double(searches)
                costs[index] = costs[index + 1] + sorted[index].rate * sorted[index].price / Double(searches)
            }
            (ratesFrom, costsFrom) = (rates, costs)
        }

        /// Cost per search when no click costs less than `floor`.
        func cost(floor: Double) -> Double {
            var low = 0
            var high = prices.count
            while low < high {
                let middle = (low + high) / 2
                if prices[middle] < floor { low = middle + 1 } else { high = middle }
            }
            return costsFrom[low] + (ratesFrom[0] - ratesFrom[low]) * floor
        }
    }

    /// Clicks and cost per search against bid ÷ the rivals' median, on a log grid from 0.05 to 11: the same rival
    /// draws for every bid (common random numbers), so the curve is monotone as the auction is.
    static func curvePerSearch(
        _ setup: SearchAuctionSetup,
        searches: Int,
        seed: UInt64
    ) -> [ShapeCurvePoint] {
        let auction = PositionAuction(clickRates: setup.slotClickRates, pricing: setup.pricing)
        let rival = Distribution.logNormal(mu: 0, sigma: setup.competitorSpread)
        var random = SeededRandom(seed: seed)
        let rivals = (0..<searches * setup.competitors).map { _ in rival.sample(using: &random) }
        let salts = (0..<searches).map { _ in random.next() }
        var entries = [AuctionEntry](repeating: AuctionEntry(bid: 0), count: setup.competitors + 1)
        var awards = [SlotAward](
            repeating: SlotAward(bidder: 0, score: 0, pricePerClick: 0),
            count: setup.slots
        )
        return (0..<120).map { step in
            let bid = exp(-3 + Double(step) * 0.045)
            var placements: [(rate: Double, price: Double)] = []
            for search in 0..<searches {
                entries[0] = AuctionEntry(bid: bid)
                for rivalIndex in 0..<setup.competitors {
                    entries[rivalIndex + 1] = AuctionEntry(
                        bid: rivals[search * setup.competitors + rivalIndex]
                    )
                }
                let filled = entries.withUnsafeBufferPointer { entries in
                    awards.withUnsafeMutableBufferPointer { awards in
                        auction.run(entries, into: awards, order: TieOrder(salt: salts[search]))
                    }
                }
                guard let slot = awards.prefix(filled).firstIndex(where: { $0.bidder == 0 }) else {
                    continue
                }
                placements.append((auction.clickRates[slot], awards[slot].pricePerClick))
            }
            return ShapeCurvePoint(bid: bid, placements: placements, searches: searches)
        }
    }
}
