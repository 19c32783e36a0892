import GavelAuction
import GavelCore
import Testing

@Suite("Budget pacing")
struct PacingTests {
    /// Values and the highest competing bid both U[0,1]; returns μ averaged over the second half of the run.
    func averageMultiplier(_ pacer: MultiplicativePacer, seed: UInt64, auctions: Int = 100_000) -> Double {
        var pacer = pacer
        var random = SeededRandom(seed: seed)
        var sum = 0.0
        for auction in 0..<auctions {
            let bid = pacer.pace(random.nextUnit(), random: &random)
            let competing = random.nextUnit()
            pacer.record(spend: bid >= competing ? competing : 0)
            if auction >= auctions / 2 { sum += pacer.multiplier }
        }
        return sum / Double(auctions - auctions / 2)
    }

    @Test("closed form: μ* = 1/√(6ρ) − 1, so ρ = 1/24 gives μ* = 1")
    func optimalMultiplier() {
        #expect(abs(UniformValueTheory.optimalPacingMultiplier(targetSpendPerAuction: 1.0 / 24) - 1) < 1e-12)
        #expect(abs(UniformValueTheory.expectedSpend(multiplier: 1) - 1.0 / 24) < 1e-12)
        #expect(UniformValueTheory.optimalPacingMultiplier(targetSpendPerAuction: 0.5) == 0)
    }

    @Test("the dual update converges to μ* = 1", arguments: [MultiplicativePacer.Update.additive, .multiplicative])
    func dualUpdateConverges(update: MultiplicativePacer.Update) {
        let pacer = MultiplicativePacer(
            targetSpendPerAuction: 1.0 / 24,
            step: 0.01,
            update: update,
            initialMultiplier: 0.2
        )
        var multipliers = SampleMean()
        for seed in 1...8 { multipliers.add(averageMultiplier(pacer, seed: UInt64(seed))) }
        #expect(multipliers.isWithin(standardErrors: 4, of: 1))
        #expect(abs(multipliers.mean - 1) < 0.02)
    }

    /// A display market where value = CTR ~ U[0,1] and the market price ~ U[0,1], second price.
    var uniformMarket: DisplayMarket {
        DisplayMarket(
            clickThroughRate: .uniform(lower: 0, upper: 1),
            conversionRate: 1,
            conversionValue: .constant(1),
            marketPrice: .uniform(lower: 0, upper: 1),
            auction: SingleSlotAuction(payment: .secondPrice)
        )
    }

    @Test(
        "every pacer spends close to the budget without exceeding it",
        arguments: [
            PacingChoice.multiplicative(step: 0.01, update: .additive),
            .multiplicative(step: 0.01, update: .multiplicative),
            .throttling(step: 0.001),
            .pid(PIDPacer.Gains(proportional: 0.5, integral: 0.05), interval: 200),
        ]
    )
    func spendsBudget(pacing: PacingChoice) {
        let budget = Micros(units: 1000)  // ρ = 1/24 over 24 000 auctions
        let scenario = Scenario(
            market: .display(uniformMarket),
            strategy: .truthful,
            pacing: pacing,
            budget: budget,
            auctions: 24_000,
            seed: 5
        )
        let metrics = scenario.run()
        #expect(metrics.cost <= budget)
        #expect(metrics.cost.units > 0.95 * budget.units)
    }

    @Test(
        "bid-lowering pacers buy more impressions than running out early",
        arguments: [
            PacingChoice.multiplicative(step: 0.01, update: .additive),
            .multiplicative(step: 0.01, update: .multiplicative),
            .pid(PIDPacer.Gains(proportional: 0.5, integral: 0.05), interval: 200),
        ]
    )
    func pacingBuysMore(pacing: PacingChoice) {
        // Unpaced truthful bidding spends 1/6 per auction and is out of budget after ~6 000 auctions,
        // winning ~3 000 impressions at 1/3 each; at μ* = 1 a win costs 1/6 on average.
        let budget = Micros(units: 1000)
        let paced = Scenario(
            market: .display(uniformMarket),
            strategy: .truthful,
            pacing: pacing,
            budget: budget,
            auctions: 24_000,
            seed: 5
        ).run()
        let unpaced = Scenario(
            market: .display(uniformMarket),
            strategy: .truthful,
            budget: budget,
            auctions: 24_000,
            seed: 5
        ).run()
        #expect(abs(Double(unpaced.impressions) - 3000) < 4 * 3000.0.squareRoot())
        #expect(Double(paced.impressions) > 1.6 * Double(unpaced.impressions))
    }

    @Test("throttling participates less when spend runs ahead")
    func throttling() {
        var pacer = ThrottlingPacer(targetSpendPerAuction: 0.1, step: 0.1)
        pacer.record(spend: 0.3)
        #expect(abs(pacer.probability - 0.8) < 1e-12)
        pacer.record(spend: 0)
        #expect(abs(pacer.probability - 0.9) < 1e-12)
    }

    @Test("PID raises the multiplier after an under-spending window")
    func pid() {
        var pacer = PIDPacer(targetSpendPerAuction: 1, gains: .init(proportional: 0.5, integral: 0.1), interval: 2)
        pacer.record(spend: 0)
        #expect(pacer.multiplier == 1)
        pacer.record(spend: 1)  // rate 0.5, error 0.5 → u = 0.25 + 0.05
        #expect(abs(pacer.multiplier - 1.349858807576003) < 1e-12)
    }
}
