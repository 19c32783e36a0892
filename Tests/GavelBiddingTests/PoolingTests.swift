import Foundation
import GavelBidding
import GavelCore
import Testing

@Suite struct PoolingTests {
    @Test func workedExampleShrinksSevenAndAHalfPercentToFourPointTwoNine() {
        let rate = BetaBinomialShrinkage.posteriorMean(successes: 3, trials: 40, priorMean: 0.03, priorStrength: 100)
        #expect(abs(rate - 6.0 / 140) < 1e-12)
        #expect(abs(rate - 0.042857) < 1e-6)
    }

    @Test func noDataGivesThePriorMean() {
        #expect(BetaBinomialShrinkage.posteriorMean(successes: 0, trials: 0, priorMean: 0.03, priorStrength: 0) == 0.03)
    }

    @Test func methodOfMomentsRecoversThePriorStrengthOfSimulatedKeywords() {
        // True rates ~ Beta(μm, (1−μ)m) with μ = 4 %, m = 200; 400 ad groups × 25 keywords × 500 clicks.
        var random = SeededRandom(seed: 42)
        var groups: [BetaBinomialShrinkage.GroupMoments] = []
        for _ in 0..<400 {
            var group = BetaBinomialShrinkage.GroupMoments()
            for _ in 0..<25 {
                let theta = Self.beta(alpha: 8, beta: 192, &random)
                var conversions = 0.0
                for _ in 0..<500 where random.nextUnit() < theta { conversions += 1 }
                group.add(successes: conversions, trials: 500)
            }
            groups.append(group)
        }
        let strength = try! #require(BetaBinomialShrinkage.priorStrength(of: groups))
        #expect(strength > 150 && strength < 270, "estimated \(strength)")
    }

    @Test func identicalRatesMeanFullPooling() {
        var group = BetaBinomialShrinkage.GroupMoments()
        for _ in 0..<10 { group.add(successes: 3, trials: 100) }
        #expect(BetaBinomialShrinkage.priorStrength(of: [group]) == .infinity)
        var single = BetaBinomialShrinkage.GroupMoments()
        single.add(successes: 3, trials: 100)
        #expect(BetaBinomialShrinkage.priorStrength(of: [single]) == nil)
    }

    /// Beta via two gammas (Marsaglia–Tsang for shape ≥ 1).
    static func beta(alpha: Double, beta: Double, _ random: inout SeededRandom) -> Double {
        let x = gamma(alpha, &random)
        return x / (x + gamma(beta, &random))
    }

    static func gamma(_ shape: Double, _ random: inout SeededRandom) -> Double {
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal(&random)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.nextUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Box–Muller.
    static func normal(_ random: inout SeededRandom) -> Double {
        let u = max(random.nextUnit(), 1e-300)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * random.nextUnit())
    }
}
