import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maximises the portfolio's conversions (or conversion value) under one budget or one overall efficiency target,
/// by equalising every keyword's marginal cost per conversion.
///
/// For a multiplier `L` (the marginal CPA, or 1 ÷ marginal ROAS) each keyword takes the bid at which its next click
/// costs `L × value per click` (clamped to its own bid range): that bid maximises `value − cost ÷ L` for the
/// keyword, so the bids together maximise the Lagrangian of the whole portfolio. Spend and the average cost per
/// value rise with `L`, so one bisection on `ln L` finds the `L` that meets the constraint: O(keywords × log(1/ε)),
/// no sorting, no pairwise step. With convex cost-in-clicks curves (every ``BidLandscape`` Gavel fits) the result
/// is the optimum of the continuous problem; ``MultipleChoiceKnapsack`` checks it on small discretised instances.
public struct PortfolioOptimizer: Sendable {
    /// What the portfolio must respect.
    public enum Constraint: Hashable, Sendable {
        /// Spend per day at most this (currency units).
        case budget(Double)
        /// Total cost ÷ total value at most this: a target CPA (value = conversions) or 1 ÷ target ROAS
        /// (value = conversion value).
        case costPerValue(Double)
    }

    /// One keyword: its landscape, what a click is worth, and the bids it may take (equal bounds fix the bid).
    public struct Item<Landscape: BidLandscape>: Sendable {
        public var landscape: Landscape
        /// Conversions per click (the CVR) or conversion value per click.
        public var valuePerClick: Double
        public var bids: ClosedRange<Double>

        public init(landscape: Landscape, valuePerClick: Double, bids: ClosedRange<Double>) {
            self.landscape = landscape
            self.valuePerClick = valuePerClick
            self.bids = bids
        }
    }

    public struct Solution: Sendable {
        public enum Status: Hashable, Sendable {
            /// The constraint binds at the multiplier found.
            case optimal
            /// Even every keyword at its highest bid stays within the constraint.
            case unconstrained
            /// Even every keyword at its lowest bid breaks the constraint: the lowest bids are returned.
            case infeasible
        }

        public var bids: [Double]
        /// The marginal cost per unit of value every free keyword settled at (marginal CPA, or 1 ÷ marginal ROAS).
        public var multiplier: Double
        /// Per-day totals at ``bids``.
        public var cost: Double
        public var value: Double
        public var clicks: Double
        public var status: Status
        public var iterations: Int
    }

    /// Bisection stops when `ln L` is known to this precision (relative 1e-6 on the multiplier).
    public var tolerance: Double
    public var maximumIterations: Int

    public init(tolerance: Double = 1e-6, maximumIterations: Int = 100) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    public func solve<Landscape>(
        _ items: [Item<Landscape>], subjectTo constraint: Constraint
    )
        -> Solution
    {
        var bids = items.map(\.bids.lowerBound)
        // The marginal cost per unit of value at each keyword's bounds: below the first it stays at its lowest
        // bid, above the second at its highest, so only keywords in between need solving.
        let bounds = Parallel.map(count: items.count, minimumChunk: 16_384) { range in
            range.map { index in
                let item = items[index]
                let atLow = item.landscape.clicksAndCost(atBid: item.bids.lowerBound)
                let atHigh = item.landscape.clicksAndCost(atBid: item.bids.upperBound)
                guard item.valuePerClick > 0, item.bids.lowerBound < item.bids.upperBound else {
                    return Bounds(low: .infinity, high: .infinity, atLow: atLow, atHigh: atHigh)
                }
                return Bounds(
                    low: item.landscape.marginalCostPerClick(atBid: item.bids.lowerBound)
                        / item.valuePerClick,
                    high: item.landscape.marginalCostPerClick(atBid: item.bids.upperBound)
                        / item.valuePerClick,
                    atLow: atLow, atHigh: atHigh)
            }
        }
        func totals(_ multiplier: Double) -> Totals {
            bids.withUnsafeMutableBufferPointer { buffer in
                Self.evaluate(
                    items, bounds: bounds, multiplier: multiplier, bids: SharedBids(base: buffer.baseAddress!)
                )
            }
        }
        func meets(_ totals: Totals) -> Bool {
            switch constraint {
            case .budget(let budget): totals.cost <= budget * (1 + 1e-12)
            case .costPerValue(let target): totals.cost <= target * totals.value * (1 + 1e-12)
            }
        }

        // Bracket: below the smallest and above the largest multiplier any free keyword can use.
        var lowest = Double.infinity
        var highest = 0.0
        for bound in bounds where bound.low.isFinite {
            lowest = min(lowest, bound.low)
            highest = max(highest, bound.high)
        }
        guard lowest.isFinite, highest > 0 else {
            let fixed = totals(1)
            return Solution(
                bids: bids, multiplier: .nan, cost: fixed.cost, value: fixed.value, clicks: fixed.clicks,
                status: meets(fixed) ? .unconstrained : .infeasible, iterations: 0)
        }
        var low = log(max(lowest, .leastNormalMagnitude)) - 1e-9
        var high = log(highest.isFinite ? highest : 1e12) + 1e-9
        let atHigh = totals(exp(high))
        if meets(atHigh) {
            return Solution(
                bids: bids, multiplier: exp(high), cost: atHigh.cost, value: atHigh.value,
                clicks: atHigh.clicks,
                status: .unconstrained, iterations: 1)
        }
        var best = totals(exp(low))
        guard meets(best) else {
            return Solution(
                bids: bids, multiplier: exp(low), cost: best.cost, value: best.value, clicks: best.clicks,
                status: .infeasible, iterations: 2)
        }
        var bestBids = bids
        var iterations = 2
        while high - low > tolerance, iterations < maximumIterations {
            iterations += 1
            let middle = (low + high) / 2
            let result = totals(exp(middle))
            if meets(result) {
                low = middle
                best = result
                bestBids = bids
            } else {
                high = middle
            }
        }
        Self.fill(items, bids: &bestBids, totals: &best, meets: meets)
        return Solution(
            bids: bestBids, multiplier: exp(low), cost: best.cost, value: best.value, clicks: best.clicks,
            status: .optimal, iterations: iterations)
    }

    /// Spends what the bisection leaves on discrete landscapes' next steps, best value per extra cost first, as
    /// long as each fits the constraint; a keyword that took a step offers its next one in the following round.
    ///
    /// At the multiplier found, the keyword whose next grid step would break the constraint stays below it, and so
    /// does the budget it would have used: on small portfolios that is a large share. Continuous landscapes offer
    /// no steps (the bisection splits them exactly), so this costs one pass over the keywords.
    static func fill<Landscape>(
        _ items: [Item<Landscape>], bids: inout [Double], totals: inout Totals, meets: (Totals) -> Bool
    ) {
        var pending = Array(items.indices)
        while !pending.isEmpty {
            var steps: [Step] = []
            for index in pending {
                let item = items[index]
                guard item.valuePerClick > 0, let next = item.landscape.nextStep(above: bids[index], in: item.bids)
                else { continue }
                let from = item.landscape.clicksAndCost(atBid: bids[index])
                let to = item.landscape.clicksAndCost(atBid: next)
                let change = Totals(
                    cost: to.cost - from.cost, value: (to.clicks - from.clicks) * item.valuePerClick,
                    clicks: to.clicks - from.clicks)
                guard change.value > 0 else { continue }
                steps.append(
                    Step(index: index, bid: next, change: change, ratio: change.value / max(change.cost, 0)))
            }
            steps.sort { $0.ratio > $1.ratio }
            pending = []
            for step in steps where meets(totals + step.change) {
                totals = totals + step.change
                bids[step.index] = step.bid
                pending.append(step.index)
            }
        }
    }

    /// A keyword's multipliers at its lowest and highest bid, and its clicks and cost there.
    struct Bounds {
        var low: Double
        var high: Double
        var atLow: (clicks: Double, cost: Double)
        var atHigh: (clicks: Double, cost: Double)
    }

    /// One keyword's move to its next discrete bid, and what it adds.
    struct Step {
        var index: Int
        var bid: Double
        var change: Totals
        var ratio: Double
    }

    struct Totals {
        var cost = 0.0
        var value = 0.0
        var clicks = 0.0

        static func + (lhs: Totals, rhs: Totals) -> Totals {
            Totals(
                cost: lhs.cost + rhs.cost, value: lhs.value + rhs.value, clicks: lhs.clicks + rhs.clicks)
        }
    }

    /// Each concurrent chunk writes only its own keywords' bids.
    struct SharedBids: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
    }

    /// Every keyword's best bid at `multiplier` (warm-started from the bid already in `bids`), and the totals.
    private static func evaluate<Landscape>(
        _ items: [Item<Landscape>], bounds: [Bounds], multiplier: Double, bids: SharedBids
    ) -> Totals {
        let partials = Parallel.map(count: items.count, minimumChunk: 16_384) { range in
            var sum = Totals()
            for index in range {
                let item = items[index]
                let bound = bounds[index]
                let bid: Double
                let clicks: Double
                let cost: Double
                if !(multiplier > bound.low) {
                    bid = item.bids.lowerBound
                    (clicks, cost) = bound.atLow
                } else if multiplier >= bound.high {
                    bid = item.bids.upperBound
                    (clicks, cost) = bound.atHigh
                } else {
                    (bid, clicks, cost) = item.landscape.interiorOptimum(
                        forMarginalCostPerClick: multiplier * item.valuePerClick, in: item.bids,
                        near: bids.base[index])
                }
                bids.base[index] = bid
                sum.clicks += clicks
                sum.value += clicks * item.valuePerClick
                sum.cost += cost
            }
            return [sum]
        }
        return partials.reduce(Totals(), +)
    }
}
