#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one keyword buys per day at a given max CPC: its clicks and what they cost.
///
/// The portfolio optimiser needs only this and the bid at which the next click costs a given amount (the
/// marginal cost per click), so landscapes fitted from history, tabulated from an auction simulator, or known
/// from a generated market's truth are interchangeable. Bids and money are `Double` currency units here: this is
/// rate arithmetic on a hot path; the planner turns results back into ``GavelCore/Micros`` once.
///
/// Contract: clicks and cost rise with the bid, and the cost per click never exceeds the bid.
public protocol BidLandscape: Sendable {
    /// Expected clicks per day at `bid`.
    func clicks(atBid bid: Double) -> Double
    /// Expected cost per day at `bid`.
    func cost(atBid bid: Double) -> Double
    /// Both at once (one evaluation of the curve where a landscape can share it).
    func clicksAndCost(atBid bid: Double) -> (clicks: Double, cost: Double)
    /// d cost ÷ d clicks at `bid`: what the last click bought by raising the bid costs.
    func marginalCostPerClick(atBid bid: Double) -> Double
    /// The bid in `bids` that maximises `clicks × marginalCost − cost`: where the next click would cost
    /// `marginalCost`, or the nearer end of `bids` when no bid inside does.
    /// - Parameter guess: A bid near the answer (the previous solution), to start the search from.
    func bid(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> Double
    /// The next bid above `bid` (within `bids`) worth taking, for a landscape known only at discrete bids: there
    /// one multiplier cannot split a keyword's step, so the optimiser spends what the bisection leaves on such
    /// steps. `nil` for continuous landscapes (the bisection splits them exactly) and past the last step.
    func nextStep(above bid: Double, in bids: ClosedRange<Double>) -> Double?
    /// ``bid(forMarginalCostPerClick:in:near:)`` with the clicks and cost there, for a caller that already knows
    /// neither end of `bids` binds (the optimiser checks the ends once per keyword): a landscape that solves for
    /// the bid through an inner variable can skip evaluating its curve again.
    func interiorOptimum(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> (bid: Double, clicks: Double, cost: Double)
}

extension BidLandscape {
    public func clicksAndCost(atBid bid: Double) -> (clicks: Double, cost: Double) {
        (clicks(atBid: bid), cost(atBid: bid))
    }

    public func nextStep(above bid: Double, in bids: ClosedRange<Double>) -> Double? { nil }

    public func interiorOptimum(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> (bid: Double, clicks: Double, cost: Double) {
        let bid = bid(forMarginalCostPerClick: marginalCost, in: bids, near: guess)
        let (clicks, cost) = clicksAndCost(atBid: bid)
        return (bid, clicks, cost)
    }
}

/// The model Gavel fits from history: a Hill (log-logistic) curve for the share of searches the ad shows on, a
/// click-through rate that rises as the ad moves up the page, and a CPC discount that grows with the bid's
/// strength, as in a second-price auction.
///
/// With `s = (bid ÷ halfSaturationBid)^steepness` and strength `σ = s ÷ (1 + s)` (impression share ÷ its maximum):
/// - clicks `= maxClicks · σ · lift(σ)` — saturating: past the competitors, more bid buys few more impressions;
///   the CTR `lift(σ) = (1 + c · (1 − σ))^(−β ÷ c)` (1 at the top) rises as the ad moves up the page — the
///   position `1 + c · (1 − σ)` falls linearly with σ and the CTR is a power of the position, so it rises
///   fastest near the top. `β` (``clickThroughSlope``) is d ln CTR ÷ dσ at the top, `c`
///   (``clickThroughCurvature``) how much flatter it is below (`1 + c` times at σ = 0); `c = 0` is
///   `exp(β · (σ − 1))`. Clicks keep rising a little after impressions stop;
/// - CPC `= bid · a · (1 − discount · σ)` — the price paid is (a share `a`, ``priceShare``, of) the bid when
///   barely winning and a shrinking share of it when far ahead, so CPC ≤ bid always; `a < 1` where the price
///   stays below the bid even then (device bid adjustments, reserve prices below the bid);
/// - clicks' elasticity `e = steepness · (1 − σ) · (1 + λ)` with `λ = σ · d ln lift ÷ dσ = β σ ÷ (1 + c (1 − σ))`,
///   and marginal CPC `= bid · a · ((1 − discount · σ)(1 + 1 ÷ e) − discount · σ ÷ (1 + λ))`.
///
/// With a discount at most ``maximumDiscount(steepness:clickThroughSlope:)`` (the estimator keeps to it) the
/// marginal CPC rises with the bid: cost is then convex in clicks, each keyword's best bid for a marginal cost is
/// unique, and the portfolio's equal-marginal solution is the optimum.
public struct SaturatingLandscape: BidLandscape, Hashable {
    /// Clicks per day at an unbounded bid.
    public var maxClicks: Double
    /// The bid that wins half of the impressions it can win.
    public var halfSaturationBid: Double
    /// Hill exponent: how sharply impressions rise around the half-saturation bid.
    public var steepness: Double
    /// CPC ÷ bid falls from `priceShare` to `priceShare · (1 − discount)` as the bid's strength goes from 0 to 1.
    public var discount: Double
    /// `a`: CPC ÷ bid when barely winning, in (0, 1].
    public var priceShare: Double
    /// `β`: d ln CTR ÷ dσ at the top of the page; 0 when clicks follow impressions.
    public var clickThroughSlope: Double
    /// `c`: the CTR's slope in σ is `1 + c` times smaller barely shown than at the top; 0 for a constant slope.
    public var clickThroughCurvature: Double
    /// `f`: the share of ``maxClicks`` bought at any bid, for a keyword shown on every search it can be (fewer
    /// rivals than slots): bid low, it still gets the bottom slot, whose clicks cost the reserve price, not a
    /// rival's bid. σ is then its strength on the page (how often it is at the top), and only the clicks above the
    /// floor depend on the bid. 0 for a keyword whose impressions depend on the bid.
    public var clickFloor: Double

    public init(
        maxClicks: Double, halfSaturationBid: Double, steepness: Double, discount: Double,
        clickThroughSlope: Double = 0, clickThroughCurvature: Double = 0, priceShare: Double = 1,
        clickFloor: Double = 0
    ) {
        precondition(maxClicks >= 0 && halfSaturationBid > 0 && steepness > 0, "invalid landscape")
        precondition(discount >= 0 && discount < 1, "the CPC discount must lie in [0, 1)")
        precondition(clickThroughSlope >= 0, "the CTR cannot fall as the ad moves up")
        precondition(clickThroughCurvature >= 0, "the CTR's curvature cannot be negative")
        precondition(clickFloor >= 0 && clickFloor < 1, "the click floor must lie in [0, 1)")
        precondition(
            priceShare > 0 && priceShare <= 1 / (1 - clickFloor), "the price share must lie in (0, 1 ÷ (1 − floor)]")
        self.maxClicks = maxClicks
        self.halfSaturationBid = halfSaturationBid
        self.steepness = steepness
        self.discount = discount
        self.clickThroughSlope = clickThroughSlope
        self.clickThroughCurvature = clickThroughCurvature
        self.priceShare = priceShare
        self.clickFloor = clickFloor
    }

    /// The largest price share that keeps CPC ≤ bid: 1, or `1 ÷ (1 − f)` above a click floor, whose clicks are
    /// counted free (they cost the reserve price), so the clicks above it carry the whole cost: the extra cost of
    /// the top of the page over the extra clicks it brings, which can exceed the bid.
    public var maximumPriceShare: Double { 1 / (1 - clickFloor) }

    /// The largest discount for which the marginal CPC still rises with the bid at every bid.
    public static func maximumDiscount(steepness k: Double) -> Double {
        maximumDiscount(steepness: k, clickThroughSlope: 0)
    }

    /// d ln(marginal CPC) ÷ d ln(bid) = 1 + G′ ÷ G with G the marginal CPC ÷ bid; its minimum over `s` falls as
    /// the discount grows, so the cap is found by bisection on the discount, checking a log grid of `s`
    /// (1e-4 … 1e4).
    public static func maximumDiscount(
        steepness k: Double, clickThroughSlope beta: Double, clickThroughCurvature c: Double = 0
    ) -> Double {
        func rising(_ discount: Double) -> Bool {
            var logS = -9.2
            while logS <= 9.2 {
                let s = exp(logS)
                let (g, slope) = factor(
                    s: s, sigma: s / (1 + s), steepness: k, discount: discount, slope: beta, curvature: c)
                if g <= 0 || 1 + slope / g <= 0.05 { return false }
                logS += 0.05
            }
            return true
        }
        var low = 0.0
        var high = 1.0
        for _ in 0..<30 {
            let middle = (low + high) / 2
            if rising(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// `G` = marginal CPC ÷ bid at strength `(s, σ)`, and dG ÷ d ln(bid).
    ///
    /// With `lift = 1 + λ`, `λ′ = dλ ÷ dσ = β (1 + c) ÷ (1 + c (1 − σ))²` and `σ′ = dσ ÷ d ln bid = n σ (1 − σ)`:
    /// `dG = −φ (1 + 1/e) σ′ + paid · (s · lift − σ λ′) ÷ lift² − φ σ′ (lift − σ λ′) ÷ lift²`.
    @inline(__always)
    static func factor(
        s: Double, sigma: Double, steepness n: Double, discount phi: Double, slope beta: Double,
        curvature c: Double
    ) -> (g: Double, slope: Double) {
        let position = 1 + c * (1 - sigma)
        let lift = 1 + beta * sigma / position
        let liftSlope = beta * (1 + c) / (position * position)
        let paid = 1 - phi * sigma
        // 1 ÷ e = (1 + s) ÷ (n · lift), written with s so it stays finite as σ → 1.
        let inverseElasticity = (1 + s) / (n * lift)
        let g = paid * (1 + inverseElasticity) - phi * sigma / lift
        let strengthSlope = n * sigma * (1 - sigma)
        let slope =
            -phi * (1 + inverseElasticity) * strengthSlope
            + paid * (s * lift - sigma * liftSlope) / (lift * lift)
            - phi * strengthSlope * (lift - sigma * liftSlope) / (lift * lift)
        return (g, slope)
    }

    /// ln lift(σ): the CTR at strength σ relative to the top of the page.
    @inline(__always)
    static func logLift(sigma: Double, slope beta: Double, curvature c: Double) -> Double {
        c == 0 ? beta * (sigma - 1) : -beta / c * log1p(c * (1 - sigma))
    }

    /// `(s, σ)` at `bid`.
    @inline(__always)
    func strength(atBid bid: Double) -> (s: Double, sigma: Double) {
        guard bid > 0 else { return (0, 0) }
        let s = exp(steepness * log(bid / halfSaturationBid))
        return s.isInfinite ? (s, 1) : (s, s / (1 + s))
    }

    /// Clicks per day at strength `σ` that depend on the bid (all of them but the floor's).
    @inline(__always)
    func variableClicks(atStrength sigma: Double) -> Double {
        let top = maxClicks * (1 - clickFloor)
        return clickThroughSlope == 0
            ? top * sigma
            : top * sigma * exp(Self.logLift(sigma: sigma, slope: clickThroughSlope, curvature: clickThroughCurvature))
    }

    /// Clicks per day at strength `σ`.
    @inline(__always)
    func clicks(atStrength sigma: Double) -> Double {
        maxClicks * clickFloor + variableClicks(atStrength: sigma)
    }

    public func clicks(atBid bid: Double) -> Double { clicks(atStrength: strength(atBid: bid).sigma) }

    /// The average CPC at `bid`; without clicks, what the first click above the floor would cost.
    public func costPerClick(atBid bid: Double) -> Double {
        let sigma = strength(atBid: bid).sigma
        let (clicks, cost) = clicksAndCost(atBid: bid, strength: sigma)
        return clicks > 0 ? cost / clicks : bid * priceShare * (1 - discount * sigma)
    }

    public func cost(atBid bid: Double) -> Double { clicksAndCost(atBid: bid).cost }

    public func clicksAndCost(atBid bid: Double) -> (clicks: Double, cost: Double) {
        clicksAndCost(atBid: bid, strength: strength(atBid: bid).sigma)
    }

    /// Clicks and cost at `bid` whose strength σ is already known (the solver's); the floor's clicks are free.
    @inline(__always)
    func clicksAndCost(atBid bid: Double, strength sigma: Double) -> (clicks: Double, cost: Double) {
        let variable = variableClicks(atStrength: sigma)
        return (maxClicks * clickFloor + variable, variable * bid * priceShare * (1 - discount * sigma))
    }

    public func marginalCostPerClick(atBid bid: Double) -> Double {
        let (s, sigma) = strength(atBid: bid)
        guard s.isFinite else { return .infinity }
        return bid * priceShare
            * Self.factor(
                s: s, sigma: sigma, steepness: steepness, discount: discount, slope: clickThroughSlope,
                curvature: clickThroughCurvature
            ).g
    }

    /// Clicks' elasticity to the bid at `bid`: +1 % bid buys this many % more clicks (of all clicks, the floor's
    /// included).
    public func elasticity(atBid bid: Double) -> Double {
        let sigma = strength(atBid: bid).sigma
        let variable = steepness * (1 - sigma)
            * (1 + clickThroughSlope * sigma / (1 + clickThroughCurvature * (1 - sigma)))
        guard clickFloor > 0 else { return variable }
        let clicks = clicks(atStrength: sigma)
        return clicks > 0 ? variable * variableClicks(atStrength: sigma) / clicks : 0
    }

    /// Safeguarded Newton on `ln bid` (the log marginal CPC is smooth and rising in it): a few steps from a warm
    /// start, never leaving the bracket. The ends are checked first only when `checkingEnds` (the optimiser
    /// already knows the marginal cost at each keyword's bounds).
    public func bid(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    )
        -> Double
    {
        solve(marginalCost, in: bids, near: guess, checkingEnds: true).bid
    }

    public func interiorOptimum(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> (bid: Double, clicks: Double, cost: Double) {
        let solved = solve(marginalCost, in: bids, near: guess, checkingEnds: false)
        let (clicks, cost) = clicksAndCost(atBid: solved.bid, strength: solved.sigma)
        return (solved.bid, clicks, cost)
    }

    /// The bid and its strength σ (so the caller gets clicks and cost without evaluating the curve again).
    func solve(
        _ marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double, checkingEnds: Bool
    )
        -> (bid: Double, sigma: Double)
    {
        let target = log(marginalCost / priceShare)
        var low = log(bids.lowerBound)
        var high = log(bids.upperBound)
        let logHalf = log(halfSaturationBid)
        func residual(_ t: Double) -> (value: Double, slope: Double, sigma: Double) {
            let s = exp(steepness * (t - logHalf))
            let sigma = s.isInfinite ? 1 : s / (1 + s)
            let (g, slope) = Self.factor(
                s: s, sigma: sigma, steepness: steepness, discount: discount, slope: clickThroughSlope,
                curvature: clickThroughCurvature)
            return (t + log(g) - target, 1 + slope / g, sigma)
        }
        if checkingEnds {
            let atLow = residual(low)
            if atLow.value >= 0 { return (bids.lowerBound, atLow.sigma) }
            let atHigh = residual(high)
            if atHigh.value <= 0 { return (bids.upperBound, atHigh.sigma) }
        }
        var t = min(max(log(guess), low), high)
        var sigma = 0.0
        for _ in 0..<60 {
            let step = residual(t)
            sigma = step.sigma
            if step.value > 0 { high = t } else { low = t }
            var next = t - step.value / step.slope
            if !(next > low && next < high) { next = (low + high) / 2 }
            // σ changes by at most k·σ(1−σ)·|Δt| ≤ 1e-9 over the last step: close enough for the totals.
            if abs(next - t) < 1e-9 { return (exp(next), sigma) }
            t = next
        }
        return (exp(t), sigma)
    }
}

/// Clicks `= scale · bid^elasticity` with the CPC a fixed share of the bid: the simplest landscape with a closed
/// form, for hand-checked examples (`elasticity` 1 and `priceShare` 1 is "clicks proportional to the bid, pay
/// what you bid") and for keywords far below saturation.
///
/// marginal CPC `= priceShare · (1 + elasticity) ÷ elasticity · bid`, so the bid for a marginal cost is exact.
public struct PowerLawLandscape: BidLandscape, Hashable {
    public var scale: Double
    public var elasticity: Double
    /// CPC ÷ bid, in (0, 1].
    public var priceShare: Double

    public init(scale: Double, elasticity: Double, priceShare: Double = 1) {
        precondition(
            scale >= 0 && elasticity > 0 && priceShare > 0 && priceShare <= 1, "invalid landscape")
        self.scale = scale
        self.elasticity = elasticity
        self.priceShare = priceShare
    }

    public func clicks(atBid bid: Double) -> Double { scale * pow(bid, elasticity) }
    public func cost(atBid bid: Double) -> Double { clicks(atBid: bid) * priceShare * bid }
    public func marginalCostPerClick(atBid bid: Double) -> Double {
        priceShare * (1 + elasticity) / elasticity * bid
    }

    public func bid(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    )
        -> Double
    {
        min(
            max(marginalCost * elasticity / (priceShare * (1 + elasticity)), bids.lowerBound),
            bids.upperBound)
    }
}

/// A landscape known only at some bids (a simulator's sweep, or a market's truth on a cent grid), between which
/// clicks and cost are interpolated linearly.
///
/// Its best bids come from the upper concave hull of the (cost, clicks) points: a bid off the hull is never the
/// best for any marginal cost, and on the hull the marginal cost per click is the slope between neighbours. That
/// is exact for the discretised problem even when the points are not convex.
public struct GridLandscape: BidLandscape, Hashable {
    public let bids: [Double]
    public let clicksAtBids: [Double]
    public let costsAtBids: [Double]
    /// Indices of the hull's points, by rising cost.
    private let hull: [Int]
    /// `slopes[j]` = Δcost ÷ Δclicks from hull point `j` to `j + 1`, rising.
    private let slopes: [Double]

    /// - Parameter points: `(bid, clicks, cost)` by rising bid, at least one.
    public init(points: [(bid: Double, clicks: Double, cost: Double)]) {
        precondition(!points.isEmpty, "a grid landscape needs at least one point")
        bids = points.map(\.bid)
        clicksAtBids = points.map(\.clicks)
        costsAtBids = points.map(\.cost)
        var hull: [Int] = []
        for index in points.indices {
            // A point that buys no more clicks than the last kept one at a higher cost is never chosen.
            if let last = hull.last, points[index].clicks <= points[last].clicks { continue }
            while hull.count >= 2 {
                let a = points[hull[hull.count - 2]]
                let b = points[hull[hull.count - 1]]
                let c = points[index]
                // Drop b when it lies on or below the chord from a to c (clicks over cost).
                let cross =
                    (b.cost - a.cost) * (c.clicks - a.clicks) - (b.clicks - a.clicks) * (c.cost - a.cost)
                if cross >= 0 { hull.removeLast() } else { break }
            }
            hull.append(index)
        }
        self.hull = hull
        slopes = zip(hull, hull.dropFirst()).map { a, b in
            (points[b].cost - points[a].cost) / (points[b].clicks - points[a].clicks)
        }
    }

    private func interpolate(_ values: [Double], at bid: Double) -> Double {
        guard bid > bids[0] else { return values[0] }
        guard bid < bids[bids.count - 1] else { return values[values.count - 1] }
        var low = 0
        var high = bids.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if bids[middle] <= bid { low = middle } else { high = middle }
        }
        let fraction = (bid - bids[low]) / (bids[high] - bids[low])
        return values[low] + fraction * (values[high] - values[low])
    }

    public func clicks(atBid bid: Double) -> Double { interpolate(clicksAtBids, at: bid) }
    public func cost(atBid bid: Double) -> Double { interpolate(costsAtBids, at: bid) }

    /// The hull slope leaving the hull point at or below `bid` (infinite past the last one).
    public func marginalCostPerClick(atBid bid: Double) -> Double {
        let position = hull.lastIndex { bids[$0] <= bid } ?? 0
        return position < slopes.count ? slopes[position] : .infinity
    }

    public func bid(
        forMarginalCostPerClick marginalCost: Double, in range: ClosedRange<Double>, near guess: Double
    )
        -> Double
    {
        // The first hull point whose outgoing slope exceeds the marginal cost: binary search on rising slopes.
        var low = 0
        var high = slopes.count
        while low < high {
            let middle = (low + high) / 2
            if slopes[middle] <= marginalCost { low = middle + 1 } else { high = middle }
        }
        return min(max(bids[hull[low]], range.lowerBound), range.upperBound)
    }

    /// The first hull point above `bid`: the cheapest way to more clicks per extra cost; when that point lies
    /// beyond `range`, the range's top, the furthest step toward it.
    public func nextStep(above bid: Double, in range: ClosedRange<Double>) -> Double? {
        guard let point = hull.first(where: { bids[$0] > bid }) else { return nil }
        if range.contains(bids[point]) { return bids[point] }
        return bid < range.upperBound && bids[point] > range.upperBound ? range.upperBound : nil
    }
}

/// The landscape a portfolio run bids one keyword on: the curve fitted from its history, or the platform's bid
/// simulator's points where the account has them (``BidSimulation``). An enum rather than an existential so the
/// optimiser's inner loop stays a switch over two concrete types.
public enum KeywordLandscape: BidLandscape, Hashable {
    case fitted(SaturatingLandscape)
    case simulated(GridLandscape)

    public func clicks(atBid bid: Double) -> Double {
        switch self {
        case .fitted(let landscape): landscape.clicks(atBid: bid)
        case .simulated(let landscape): landscape.clicks(atBid: bid)
        }
    }

    public func cost(atBid bid: Double) -> Double {
        switch self {
        case .fitted(let landscape): landscape.cost(atBid: bid)
        case .simulated(let landscape): landscape.cost(atBid: bid)
        }
    }

    public func clicksAndCost(atBid bid: Double) -> (clicks: Double, cost: Double) {
        switch self {
        case .fitted(let landscape): landscape.clicksAndCost(atBid: bid)
        case .simulated(let landscape): landscape.clicksAndCost(atBid: bid)
        }
    }

    /// The average CPC at `bid`; without clicks, the fitted curve's price of a first click, the simulation's 0.
    public func costPerClick(atBid bid: Double) -> Double {
        switch self {
        case .fitted(let landscape): return landscape.costPerClick(atBid: bid)
        case .simulated(let landscape):
            let (clicks, cost) = landscape.clicksAndCost(atBid: bid)
            return clicks > 0 ? cost / clicks : 0
        }
    }

    public func marginalCostPerClick(atBid bid: Double) -> Double {
        switch self {
        case .fitted(let landscape): landscape.marginalCostPerClick(atBid: bid)
        case .simulated(let landscape): landscape.marginalCostPerClick(atBid: bid)
        }
    }

    public func bid(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> Double {
        switch self {
        case .fitted(let landscape): landscape.bid(forMarginalCostPerClick: marginalCost, in: bids, near: guess)
        case .simulated(let landscape): landscape.bid(forMarginalCostPerClick: marginalCost, in: bids, near: guess)
        }
    }

    public func nextStep(above bid: Double, in bids: ClosedRange<Double>) -> Double? {
        switch self {
        case .fitted(let landscape): landscape.nextStep(above: bid, in: bids)
        case .simulated(let landscape): landscape.nextStep(above: bid, in: bids)
        }
    }

    public func interiorOptimum(
        forMarginalCostPerClick marginalCost: Double, in bids: ClosedRange<Double>, near guess: Double
    ) -> (bid: Double, clicks: Double, cost: Double) {
        switch self {
        case .fitted(let landscape):
            landscape.interiorOptimum(forMarginalCostPerClick: marginalCost, in: bids, near: guess)
        case .simulated(let landscape):
            landscape.interiorOptimum(forMarginalCostPerClick: marginalCost, in: bids, near: guess)
        }
    }
}
