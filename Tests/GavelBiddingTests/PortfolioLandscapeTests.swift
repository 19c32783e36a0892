import GavelBidding
import GavelCore
import PropertyBased
import Testing

import func Foundation.exp
import func Foundation.log

struct PortfolioLandscapeTests {
    @Test func saturatingLandscapesAreMonotoneWithCPCAtMostTheBid() async {
        await propertyCheck(
            input: Gen.double(in: 0.1...5), Gen.double(in: 1...4), Gen.double(in: 0...0.9)
        ) { half, steepness, discount in
            let landscape = SaturatingLandscape(
                maxClicks: 50, halfSaturationBid: half, steepness: steepness,
                discount: min(discount, SaturatingLandscape.maximumDiscount(steepness: steepness)))
            var previous = (clicks: 0.0, cost: 0.0, marginal: 0.0)
            for step in 0..<60 {
                let bid = 0.01 * exp(Double(step) * 0.15)
                let now = (
                    clicks: landscape.clicks(atBid: bid), cost: landscape.cost(atBid: bid),
                    marginal: landscape.marginalCostPerClick(atBid: bid)
                )
                #expect(now.clicks >= previous.clicks)
                #expect(now.cost >= previous.cost)
                #expect(now.marginal > previous.marginal)
                #expect(landscape.costPerClick(atBid: bid) <= bid * (1 + 1e-12))
                // The solver inverts the marginal cost.
                let solved = landscape.bid(forMarginalCostPerClick: now.marginal, in: 0.001...1000, near: 1)
                #expect(abs(solved / bid - 1) < 1e-6)
                previous = now
            }
        }
    }

    @Test func quietDaysCountAtTheLastBid() throws {
        let first = try #require(CalendarDay(iso: "2026-11-01"))
        let window = DayRange(first: first, last: first.advanced(by: 5))
        // Bid €1.00 from day 0, €1.20 from day 3; rows only on days 1 and 4 (the others had no impressions).
        let levels = BidLevel.levels(
            daily: [
                DailyPoint(day: first.advanced(by: 1), impressions: 10, clicks: 4, cost: Micros(3_000_000)),
                DailyPoint(day: first.advanced(by: 4), impressions: 20, clicks: 6, cost: Micros(5_400_000)),
            ],
            bids: [
                DailyBid(day: first, bid: Micros(units: 1)),
                DailyBid(day: first.advanced(by: 3), bid: Micros(1_200_000)),
            ],
            window: window)
        #expect(
            levels == [
                BidLevel(bid: 1, days: 3, clicks: 4, cost: 3),
                BidLevel(bid: 1.2, days: 3, clicks: 6, cost: 5.4),
            ])
    }

    /// Keywords drawn from one known landscape shape, bids moved ±10–30 % now and then over 90 days, Poisson clicks:
    /// the fitted landscapes predict clicks around the bids seen within 5 % (median) and 20 % (worst), and sparse
    /// keywords lean on the group.
    @Test func estimatorRecoversAKnownLandscape() {
        let truth = SaturatingLandscape(
            maxClicks: 1, halfSaturationBid: 1, steepness: 2.5, discount: 0.3)
        var random = SeededRandom(seed: 9)
        var allLevels: [[BidLevel]] = []
        var scales: [Double] = []
        for keyword in 0..<60 {
            let scale = keyword < 50 ? 20 + 40 * random.nextUnit() : 0.3
            var bid = 0.6 + 0.8 * random.nextUnit()
            var levels: [BidLevel] = []
            for day in 0..<90 {
                if day > 0, random.nextUnit() < 0.1 {
                    bid *= random.nextUnit() < 0.5 ? 0.8 : 1.25
                }
                let mean = scale * truth.clicks(atBid: bid)
                let clicks = Double(poisson(mean, &random))
                let cost = clicks * truth.costPerClick(atBid: bid)
                if let index = levels.firstIndex(where: { $0.bid == bid }) {
                    levels[index].days += 1
                    levels[index].clicks += clicks
                    levels[index].cost += cost
                } else {
                    levels.append(BidLevel(bid: bid, days: 1, clicks: clicks, cost: cost))
                }
            }
            allLevels.append(levels)
            scales.append(scale)
        }
        let fits = LandscapeEstimator().fit(allLevels, groupOf: Array(repeating: 0, count: 60))
        var errors: [Double] = []
        for index in 0..<50 {
            let fit = fits[index]!
            for factor in [0.8, 1.0, 1.25] {
                let bid = fit.referenceBid * factor
                let expected = scales[index] * truth.clicks(atBid: bid)
                errors.append(abs(fit.landscape.clicks(atBid: bid) / expected - 1))
                #expect(fit.landscape.costPerClick(atBid: bid) <= bid)
            }
        }
        // Keywords far below saturation get ~3 clicks a day: their level carries ~6 % Poisson error alone.
        #expect(errors.sorted()[errors.count / 2] < 0.05)
        #expect(errors.max()! < 0.2)
        // A sparse keyword's elasticity is mostly the group's.
        #expect(fits[55]!.poolingWeight > 0.8)
    }

    @Test func gridLandscapesBidOnTheirConcaveHull() {
        // (bid, clicks, cost): the €1.00 point lies below the chord from €0.50 to €1.50, so it is never chosen.
        let grid = GridLandscape(points: [(0.5, 10, 4), (1.0, 12, 10), (1.5, 20, 20)])
        // The hull is €0.50 → €1.50 with slope (20 − 4) ÷ (20 − 10) = €1.60 per extra click.
        #expect(grid.bid(forMarginalCostPerClick: 1.0, in: 0.5...1.5, near: 1) == 0.5)
        #expect(grid.bid(forMarginalCostPerClick: 1.7, in: 0.5...1.5, near: 1) == 1.5)
        #expect(grid.marginalCostPerClick(atBid: 0.5) == 1.6)
        #expect(grid.clicks(atBid: 0.75) == 11)
    }
}

/// Knuth's Poisson sampler (means here are small).
private func poisson(_ mean: Double, _ random: inout SeededRandom) -> Int {
    let limit = exp(-mean)
    var product = random.nextUnit()
    var count = 0
    while product > limit {
        product *= random.nextUnit()
        count += 1
    }
    return count
}
