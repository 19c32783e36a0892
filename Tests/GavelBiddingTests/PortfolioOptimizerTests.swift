import GavelBidding
import GavelCore
import Testing

import func Foundation.exp
import func Foundation.sqrt

struct PortfolioOptimizerTests {
    /// Three keywords with clicks = a × bid, paying their bid, value v per click, budget €50.
    /// cost = a·b², marginal cost per click = 2b, so equal marginal ROAS means b ∝ v: b_i = v_i·t with
    /// Σ a_i v_i² t² = 50 → t = √(50 ÷ 140) = 0.5976, value = √(50 × 140) = €83.67.
    /// Equal bids at the same spend: b = √(50 ÷ 35) = 1.1952, value = b × Σ a_i v_i = 1.1952 × 60 = €71.71.
    @Test func equalMarginalROASBeatsEqualBidsAtTheSameSpend() {
        let keywords: [(a: Double, v: Double)] = [(10, 2), (20, 1), (5, 4)]
        let items = keywords.map { keyword in
            PortfolioOptimizer.Item(
                landscape: PowerLawLandscape(scale: keyword.a, elasticity: 1), valuePerClick: keyword.v,
                bids: 0.01...100)
        }
        let solution = PortfolioOptimizer().solve(items, subjectTo: .budget(50))
        let t = sqrt(50.0 / 140)
        #expect(solution.status == .optimal)
        for (bid, keyword) in zip(solution.bids, keywords) { #expect(abs(bid - keyword.v * t) < 1e-5) }
        #expect(abs(solution.cost - 50) < 1e-4)
        #expect(abs(solution.value - 83.666) < 1e-3)
        // Marginal ROAS = v ÷ (2b) = 1 ÷ (2t) = 0.8367 for all three; the multiplier is its inverse.
        #expect(abs(1 / solution.multiplier - 1 / (2 * t)) < 1e-5)

        let equalBid = sqrt(50.0 / 35)
        let equalValue = keywords.reduce(0) { $0 + $1.a * equalBid * $1.v }
        #expect(abs(equalValue - 71.71) < 0.01)
        #expect(solution.value > equalValue * 1.15)
    }

    @Test func overallTargetCPAIsMetWithEqualMarginalCPA() {
        let items = [(40.0, 0.4, 0.05), (25, 1.0, 0.02), (60, 0.7, 0.03)].map { clicks, half, cvr in
            PortfolioOptimizer.Item(
                landscape: SaturatingLandscape(
                    maxClicks: clicks, halfSaturationBid: half, steepness: 2.5, discount: 0.3),
                valuePerClick: cvr, bids: 0.05...5)
        }
        let solution = PortfolioOptimizer().solve(items, subjectTo: .costPerValue(20))
        #expect(solution.status == .optimal)
        #expect(abs(solution.cost / solution.value - 20) < 1e-4)
        for (item, bid) in zip(items, solution.bids) {
            let marginalCPA = item.landscape.marginalCostPerClick(atBid: bid) / item.valuePerClick
            #expect(abs(marginalCPA / solution.multiplier - 1) < 1e-6)
        }
        // Equal marginal CPA is above the average: cheap conversions pay for dearer ones.
        #expect(solution.multiplier > 20)
    }

    @Test func discountCapKeepsTheMarginalCostRising() {
        // Hand-checked at k = 2.5, s = 1 (σ = ½): G = 1 − φ + (1 − φ/2)·2/2.5 and the slope 1 + k·G′/G must stay
        // positive; at φ = 0.8 it is 0.4 − 0.47 < 0 (falling), so the cap lies below 0.8 and above 0.4.
        let cap = SaturatingLandscape.maximumDiscount(steepness: 2.5)
        print(
            "maximum CPC discount at steepness 1.5 / 2.5 / 3.5:",
            [1.5, 2.5, 3.5].map(SaturatingLandscape.maximumDiscount))
        #expect(cap > 0.4 && cap < 0.8)
        #expect(SaturatingLandscape.maximumDiscount(steepness: 3.5) < cap)
    }

    @Test func budgetsOutsideTheReachableRangeSaySo() {
        let items = [
            PortfolioOptimizer.Item(
                landscape: PowerLawLandscape(scale: 10, elasticity: 1), valuePerClick: 0.05, bids: 0.5...2)
        ]
        // Spend at the bounds: 10 × 0.5² = €2.50 and 10 × 2² = €40.
        let tooSmall = PortfolioOptimizer().solve(items, subjectTo: .budget(1))
        #expect(tooSmall.status == .infeasible)
        #expect(tooSmall.bids == [0.5])
        let tooLarge = PortfolioOptimizer().solve(items, subjectTo: .budget(100))
        #expect(tooLarge.status == .unconstrained)
        #expect(tooLarge.bids == [2])
    }

    /// The bisection on the same 2-cent grid the exact multiple-choice knapsack solves (costs in cents): each
    /// keyword's grid becomes a ``GridLandscape`` and the optimiser's equal-marginal bids are compared with the
    /// dynamic programme's optimum. The bisection leaves what the one multiplier cannot split (one keyword's next
    /// grid step); the optimiser's greedy fill spends it on the best next steps that fit.
    @Test func optimalityGapAgainstTheExactKnapsackOnSmallInstances() {
        var random = SeededRandom(seed: 42)
        let grid = (1...100).map { Double($0) * 0.02 }
        var gaps: [Double] = []
        for _ in 0..<12 {
            let landscapes = (0..<5).map { _ in
                let steepness = 1.5 + 2 * random.nextUnit()
                return SaturatingLandscape(
                    maxClicks: 5 + 40 * random.nextUnit(), halfSaturationBid: 0.3 + 1.2 * random.nextUnit(),
                    steepness: steepness,
                    discount: min(
                        0.4 * random.nextUnit(), SaturatingLandscape.maximumDiscount(steepness: steepness)))
            }
            let values = landscapes.map { _ in 0.01 + 0.06 * random.nextUnit() }
            let options = zip(landscapes, values).map { landscape, value in
                grid.map { bid in
                    MultipleChoiceKnapsack.Option(
                        cost: Int((landscape.cost(atBid: bid) * 100).rounded(.up)),
                        value: landscape.clicks(atBid: bid) * value)
                }
            }
            let maximum = options.reduce(0) { $0 + $1[$1.count - 1].cost }
            let capacity = Int(Double(maximum) * (0.15 + 0.6 * random.nextUnit()))
            let exact = MultipleChoiceKnapsack.solve(options, capacity: capacity)!

            let items = zip(landscapes, values).map { landscape, value in
                PortfolioOptimizer.Item(
                    landscape: GridLandscape(
                        points: grid.map { bid in
                            (
                                bid, landscape.clicks(atBid: bid),
                                (landscape.cost(atBid: bid) * 100).rounded(.up) / 100
                            )
                        }),
                    valuePerClick: value, bids: grid[0]...grid[grid.count - 1])
            }
            let solution = PortfolioOptimizer().solve(items, subjectTo: .budget(Double(capacity) / 100))
            #expect(solution.cost <= Double(capacity) / 100 + 1e-9)
            #expect(solution.value <= exact.value + 1e-9)
            gaps.append(1 - solution.value / exact.value)
        }
        print(
            "portfolio optimiser vs exact knapsack over 12 instances: mean gap \(gaps.reduce(0, +) / 12 * 100) %, "
                + "worst \(gaps.max()! * 100) %")
        // Measured: mean 0.03 %, worst 0.18 % (bisection alone: 0.19 % and 0.83 %, since with five keywords the one
        // step the multiplier cannot split is a large share; the greedy fill spends it). The goal: ≤ 0.5 %.
        #expect(gaps.reduce(0, +) / 12 < 0.001)
        #expect(gaps.max()! <= 0.005)
    }

    @Test func knapsackFindsTheHandCheckedOptimum() throws {
        // Budget 5: (cost 2, value 3) + (cost 3, value 4) = 7 beats (4, 6) + (0, 0) = 6.
        let options: [[MultipleChoiceKnapsack.Option]] = [
            [.init(cost: 0, value: 0), .init(cost: 2, value: 3), .init(cost: 4, value: 6)],
            [.init(cost: 0, value: 0), .init(cost: 3, value: 4)],
        ]
        let result = try #require(MultipleChoiceKnapsack.solve(options, capacity: 5))
        #expect(result.value == 7)
        #expect(result.choices == [1, 1])
        #expect(MultipleChoiceKnapsack.solve([[.init(cost: 6, value: 1)]], capacity: 5) == nil)
    }
}
