import Foundation
import GavelCore
import GavelMarket
import Testing

@Suite struct BidResponseTests {
    static let curve = BidResponse(
        parityBid: Micros(units: 1),
        steepness: 2,
        maximumImpressionShare: 0.9,
        positionSpread: 4,
        clickThroughRateDecay: 1,
        minimumPriceFraction: 0.6
    )

    /// At the parity bid s = 1 (strength ½); at twice the parity bid s = 4 (strength 0.8).
    @Test func curveHasKnownValues() {
        let curve = Self.curve
        #expect(abs(curve.impressionShare(bid: Micros(units: 1)) - 0.45) < 1e-12)
        #expect(abs(curve.position(bid: Micros(units: 1)) - 3) < 1e-12)
        #expect(abs(curve.positionFactor(bid: Micros(units: 1)) - 1.0 / 3) < 1e-12)
        #expect(curve.costPerClick(bid: Micros(units: 1)) == Micros(800_000))
        #expect(abs(curve.impressionShare(bid: Micros(units: 2)) - 0.72) < 1e-12)
        #expect(abs(curve.position(bid: Micros(units: 2)) - 1.8) < 1e-12)
        #expect(curve.costPerClick(bid: Micros(units: 2)) == Micros(1_360_000))
        #expect(curve.impressionShare(bid: .zero) == 0)
    }

    @Test func expectedClicksRiseWithTheBidAndCostPerClickStaysBelowIt() throws {
        let market = try Market(spec: MarketSpec(seed: 31, keywords: 300, days: 5))
        // 0.01 … ≈ 20 in steps of 4 %, plus every cent up to 1.
        let bids = Set(
            (0..<195).map { Micros(rounding: 0.01 * pow(1.04, Double($0))) } + (1...100).map { Micros($0 * 10_000) }
        )
        .sorted()
        for index in 0..<300 {
            let truth = market.truth(ofKeyword: index)
            let clicks = bids.map { truth.expectedClicks(bid: $0) }
            let costs = bids.map { truth.expectedCost(bid: $0) }
            #expect(zip(clicks, clicks.dropFirst()).allSatisfy { $0 <= $1 }, "keyword \(index)")
            #expect(zip(costs, costs.dropFirst()).allSatisfy { $0 <= $1 }, "keyword \(index)")
            #expect(clicks.last! > clicks.first!, "keyword \(index)")
            // Cost ÷ clicks ≤ bid, up to the half micro that rounding the expected cost may add.
            #expect(
                bids.indices.allSatisfy { costs[$0].units <= clicks[$0] * bids[$0].units + 0.5e-6 },
                "keyword \(index)"
            )
        }
    }

    @Test func rowsPayAtMostTheDaysBid() throws {
        let market = try TestMarkets.dense(keywords: 400, days: 60)
        var rowsWithClicks = 0
        var violations: [PerformanceFact] = []
        for index in 0..<400 {
            let bids = market.bidHistory(ofKeyword: index)
            #expect(bids.count == 60)
            #expect(bids.last == market.truth(ofKeyword: index).currentBid)
            #expect(market.attributes(ofKeyword: index).maxCPC == bids.last)
            market.history(ofKeyword: index) { fact in
                let bid = bids[market.historyRange.first.distance(to: fact.period.first)]
                let valid =
                    fact.clicks <= fact.impressions && fact.cost.rawValue <= fact.clicks * bid.rawValue
                    && fact.cost.rawValue >= fact.clicks * 10_000
                if !valid { violations.append(fact) }
                if fact.clicks > 0 { rowsWithClicks += 1 }
            }
        }
        #expect(violations.isEmpty)
        #expect(rowsWithClicks > 1_000)
    }

    /// Bids change on ≈ 10 % of days by 10–30 % (to the cent, within the bid bounds).
    @Test func historyHasBidVariation() throws {
        let market = try Market(spec: MarketSpec(seed: 32, keywords: 1_000, days: 90))
        var changes = 0
        var sizes: [Double] = []
        var keywordsWithThreeBids = 0
        for index in 0..<1_000 {
            let bids = market.bidHistory(ofKeyword: index)
            for (yesterday, today) in zip(bids, bids.dropFirst()) where yesterday != today {
                changes += 1
                sizes.append(abs(today.units / yesterday.units - 1))
            }
            if Set(bids).count >= 3 { keywordsWithThreeBids += 1 }
        }
        let days = 1_000.0 * 89
        let expected = 0.1 * days
        // Some drawn changes round to no change at the minimum bid, so allow a little below.
        #expect(Double(changes) > expected - 4 * (expected * 0.9).squareRoot() - 0.02 * expected)
        #expect(Double(changes) < expected + 4 * (expected * 0.9).squareRoot())
        let interior = sizes.filter { $0 > 0.08 && $0 < 0.32 }
        #expect(Double(interior.count) / Double(sizes.count) > 0.95)
        #expect(keywordsWithThreeBids > 500)
    }

    /// Realised impressions, clicks and cost follow the truth's expectations at each day's bid.
    @Test func realisedTrafficMatchesTheExpectations() throws {
        let market = try Market(spec: MarketSpec(seed: 33, keywords: 2_000, days: 60, deviceSegmented: false))
        var impressions = StatisticalCheck()
        var clicks = StatisticalCheck()
        var cost = 0.0
        var expectedCost = 0.0
        for index in 0..<2_000 {
            let truth = market.truth(ofKeyword: index)
            let bids = market.bidHistory(ofKeyword: index)
            for (offset, bid) in bids.enumerated() {
                let day = market.historyRange.first.advanced(by: offset)
                let seasonal = truth.seasonality.factor(on: day)
                let meanImpressions = truth.expectedImpressions(bid: bid) * seasonal
                impressions.add(observed: 0, expected: meanImpressions, variance: meanImpressions)
                let meanClicks = truth.expectedClicks(bid: bid, on: day)
                clicks.add(observed: 0, expected: meanClicks, variance: meanClicks)
                expectedCost += truth.expectedCost(bid: bid, on: day).units
            }
            market.history(ofKeyword: index) { fact in
                #expect(fact.device == .all)
                impressions.observed += Double(fact.impressions)
                clicks.observed += Double(fact.clicks)
                cost += fact.cost.units
            }
        }
        #expect(impressions.within(standardErrors: 4), "\(impressions)")
        #expect(clicks.within(standardErrors: 4), "\(clicks)")
        #expect(abs(cost / expectedCost - 1) < 0.05)
    }
}
