import GavelBidding
import GavelCore
import GavelMarket
import Testing
import Foundation

@Test func portfolioLandscapeExperiment() throws {
    let asOf = CalendarDay(year: 2026, month: 11, day: 24)!
    let spec = MarketSpec(seed: 5, keywords: 1500, days: 90, asOf: asOf, volume: SearchVolumeModel(minimumDailySearches: 10))
    let market = try Market(spec: spec)
    let window = spec.historyRange
    var levels: [[BidLevel]] = []
    var groups: [Int] = []
    var truths: [KeywordTruth] = []
    for index in 0..<market.keywordCount {
        let truth = market.truth(ofKeyword: index)
        var daily: [DailyPoint] = []
        market.history(ofKeyword: index) { daily.append(DailyPoint(fact: $0)) }
        let bids = market.bidHistory(ofKeyword: index).enumerated().map { DailyBid(day: window.first.advanced(by: $0.offset), bid: $0.element) }
        levels.append(BidLevel.levels(daily: daily, bids: bids, window: window))
        groups.append(truth.placement.campaign)
        truths.append(truth)
    }
    for k in [1.5, 2.0, 2.5, 3.0, 4.0] {
        let fits = LandscapeEstimator(steepness: k).fit(levels, groupOf: groups)
        var errs: [Double: (clicks: Double, cost: Double, m: Double)] = [:]
        for factor in [0.5, 0.8, 1.0, 1.25, 1.6, 2.5] {
            var ce = 0.0, co = 0.0, me = 0.0, n = 0.0
            for (i, fit) in fits.enumerated() {
                guard let fit, fit.clicks > 200 else { continue }
                let bid = truths[i].currentBid.units * factor
                let tc = truths[i].expectedClicks(bid: Micros(rounding: bid))
                let tk = truths[i].expectedCost(bid: Micros(rounding: bid)).units
                let d = 0.001 * bid
                let tm = (truths[i].expectedCost(bid: Micros(rounding: bid + d)).units - truths[i].expectedCost(bid: Micros(rounding: bid - d)).units) / (truths[i].expectedClicks(bid: Micros(rounding: bid + d)) - truths[i].expectedClicks(bid: Micros(rounding: bid - d)))
                ce += abs(log(fit.landscape.clicks(atBid: bid) / tc))
                co += abs(log(fit.landscape.cost(atBid: bid) / tk))
                me += log(fit.landscape.marginalCostPerClick(atBid: bid) / tm)
                n += 1
            }
            errs[factor] = (ce / n, co / n, me / n)
        }
        print("k=\(k):", errs.sorted { $0.key < $1.key }.map { "x\($0.key): clicks \(String(format: "%.3f", $0.value.clicks)) cost \(String(format: "%.3f", $0.value.cost)) mbias \(String(format: "%.3f", $0.value.m))" }.joined(separator: " | "))
    }

    // Optimisation with true CVRs: fitted landscapes vs true (grid) landscapes vs target-CPA rule.
    let day = asOf.advanced(by: 1)
    let cvr = truths.map { $0.conversionRate(device: .all, on: day) }
    let grid = (0..<300).map { 0.01 * pow(10000.0, Double($0) / 299) }
    let oracleItems = truths.indices.map { i in
        PortfolioOptimizer.Item(landscape: GridLandscape(points: grid.map { b in (b, truths[i].expectedClicks(bid: Micros(rounding: b)), truths[i].expectedCost(bid: Micros(rounding: b)).units) }), valuePerClick: cvr[i], bids: 0.01...100)
    }
    func truthTotals(_ bids: [Double]) -> (cost: Double, conv: Double) {
        var c = 0.0, v = 0.0
        for i in truths.indices { let b = Micros(rounding: bids[i]); c += truths[i].expectedCost(bid: b).units; v += truths[i].expectedClicks(bid: b) * cvr[i] }
        return (c, v)
    }
    let now = truthTotals(truths.map { $0.currentBid.units })
    print("current: cost \(now.cost) conv \(now.conv)")
    for (k, r) in [(2.5, 1.3), (2.5, 1.6), (2.5, 2.0), (3.0, 1.6), (2.0, 1.6)] {
        let fits = LandscapeEstimator(steepness: k).fit(levels, groupOf: groups)
        let items = fits.indices.map { i in PortfolioOptimizer.Item(landscape: fits[i]!.landscape, valuePerClick: cvr[i], bids: max(0.01, levels[i].map(\.bid).min()! / r)...min(100, levels[i].map(\.bid).max()! * r)) }
        let solution = PortfolioOptimizer().solve(items, subjectTo: .budget(now.cost))
        let p = truthTotals(solution.bids)
        let oracle = PortfolioOptimizer().solve(oracleItems, subjectTo: .budget(p.cost))
        var lo = 0.1, hi = 10000.0
        for _ in 0..<60 { let t = sqrt(lo * hi); if truthTotals(cvr.map { $0 * t }).cost > p.cost { hi = t } else { lo = t } }
        let r = truthTotals(cvr.map { $0 * lo })
        print("k=\(k) r=\(r): portfolio cost \(p.cost) conv \(p.conv) (planned \(solution.cost)) · oracle \(oracle.value) · rule \(r.conv) at T \(lo) · ratio \(p.conv / oracle.value) uplift \(p.conv / r.conv - 1)")
    }
    #expect(Bool(true))
}
