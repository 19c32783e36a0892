// Portfolio optimisation speed: 1,000,000 keywords, one budget, one bisection (release build).
// Also times the landscape fit of the same portfolio from 8 bid levels per keyword, each reporting a search
// impression share (the route live accounts and the evidence market take).
import Dispatch
import GavelBidding
import GavelCore

let keywords = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var random = SeededRandom(seed: 2026)
var items: [PortfolioOptimizer.Item<SaturatingLandscape>] = []
var levels: [[BidLevel]] = []
items.reserveCapacity(keywords)
levels.reserveCapacity(keywords)
var currentSpend = 0.0
var currentValue = 0.0
// A CTR 3× steeper at the top than barely shown (β = 3, c = 2), CPC at most 90 % of the bid.
let cap = SaturatingLandscape.maximumDiscount(steepness: 2.5, clickThroughSlope: 3, clickThroughCurvature: 2)
for _ in 0..<keywords {
    let landscape = SaturatingLandscape(
        maxClicks: 0.2 + 30 * random.nextUnit() * random.nextUnit(),
        halfSaturationBid: 0.2 + 2 * random.nextUnit(),
        steepness: 2.5, discount: min(0.35 * random.nextUnit(), cap), clickThroughSlope: 3,
        clickThroughCurvature: 2, priceShare: 0.9)
    // Searches per day: the clicks at the top of the page at a 5 % CTR; 92 % of them at most are won.
    let searches = landscape.maxClicks / 0.05
    let current = landscape.halfSaturationBid * (0.6 + 0.8 * random.nextUnit())
    let valuePerClick = 0.005 + 0.06 * random.nextUnit()
    currentSpend += landscape.cost(atBid: current)
    currentValue += landscape.clicks(atBid: current) * valuePerClick
    // The guardrails' band: −25 % … +25 % of the current bid.
    items.append(
        .init(
            landscape: landscape, valuePerClick: valuePerClick, bids: (current * 0.75)...(current * 1.25))
    )
    levels.append(
        (0..<8).map { step in
            let bid = current * (0.8 + 0.05 * Double(step))
            let clicks = (landscape.clicks(atBid: bid) * 11).rounded()
            let share = 0.92 * landscape.clicks(atBid: bid) / landscape.maxClicks
            return BidLevel(
                bid: bid, days: 11, clicks: clicks, cost: clicks * landscape.costPerClick(atBid: bid),
                impressions: (11 * searches * share).rounded(), searches: 11 * searches)
        })
}
let groups = (0..<keywords).map { $0 / 500 }

let optimizer = PortfolioOptimizer()
var budgetSolution: PortfolioOptimizer.Solution?
let budgetTime = seconds {
    budgetSolution = optimizer.solve(items, subjectTo: .budget(currentSpend))
}
var cpaSolution: PortfolioOptimizer.Solution?
// An overall target CPA 10 % above today's average.
let targetCPA = 1.1 * currentSpend / currentValue
let cpaTime = seconds { cpaSolution = optimizer.solve(items, subjectTo: .costPerValue(targetCPA)) }
var fitted = 0
var byShare = 0
let fitTime = seconds {
    let fits = LandscapeEstimator().fit(levels, groupOf: groups)
    fitted = fits.count { $0 != nil }
    byShare = fits.count { $0?.placement == .impressionShare }
}

func report(_ name: String, _ solution: PortfolioOptimizer.Solution, _ time: Double) {
    print(
        "\(name): \(keywords) keywords in \(String(time).prefix(5)) s · \(solution.iterations) bisection steps · "
            + "status \(solution.status) · spend \(Int(solution.cost)) · value \(Int(solution.value))")
}
report("budget", budgetSolution!, budgetTime)
report("target CPA \(Int(targetCPA))", cpaSolution!, cpaTime)
print(
    "landscape fit: \(fitted) keywords × 8 bid levels (\(byShare) placed by impression share) in "
        + "\(String(fitTime).prefix(5)) s")
