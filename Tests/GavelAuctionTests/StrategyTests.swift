import GavelAuction
import Testing

@Suite("Bidding strategies")
struct StrategyTests {
    let opportunity = Opportunity(predictedRate: 0.002, value: 0.15)

    @Test("fixed and truthful")
    func simple() {
        #expect(FixedBid(amount: 1.25).bid(for: opportunity) == 1.25)
        #expect(TruthfulBid().bid(for: opportunity) == 0.15)
    }

    @Test("linear: b₀·θ/θ̄ doubles the base bid at twice the average rate")
    func linear() {
        #expect(abs(LinearBid(base: 10, averageRate: 0.001).bid(for: opportunity) - 20) < 1e-12)
    }

    @Test("Mcpc: eCPC·θ, and on search target CPA × CVR (€25 × 5 % = €1.25)")
    func mcpc() {
        #expect(abs(McpcBid(costPerEvent: 14_000).bid(for: opportunity) - 28) < 1e-9)
        #expect(abs(McpcBid(costPerEvent: 25).bid(for: Opportunity(predictedRate: 0.05, value: 0)) - 1.25) < 1e-12)
    }

    @Test("ORTB1: √(c/λ·θ + c²) − c")
    func ortb() {
        // c = 30, λ = 5e-6, θ = 0.002: √(30/5e-6 · 0.002 + 900) − 30 = √12900 − 30.
        let bid = ORTBBid(c: 30, lambda: 5e-6).bid(for: opportunity)
        #expect(abs(bid - (12_900.0.squareRoot() - 30)) < 1e-9)
        #expect(ORTBBid(c: 30, lambda: 5e-6).bid(for: Opportunity(predictedRate: 0, value: 0)) == 0)
    }

    @Test("the named choice dispatches to the same formulas")
    func choice() {
        #expect(StrategyChoice.truthful.bid(for: opportunity) == 0.15)
        #expect(
            StrategyChoice.linear(LinearBid(base: 10, averageRate: 0.001)).bid(for: opportunity)
                == LinearBid(base: 10, averageRate: 0.001).bid(for: opportunity)
        )
        #expect(
            StrategyChoice.ortb(ORTBBid(c: 30, lambda: 5e-6)).bid(for: opportunity)
                == ORTBBid(c: 30, lambda: 5e-6).bid(for: opportunity)
        )
    }

    @Test("keyword bids: the bid of the opportunity's keyword, none for unknown keywords")
    func keywordBids() {
        let strategy = StrategyChoice.perKeyword(KeywordBids(bids: [0.8, 1.25]))
        #expect(strategy.bid(for: Opportunity(predictedRate: 0.05, value: 2, keyword: 1)) == 1.25)
        #expect(strategy.bid(for: Opportunity(predictedRate: 0.05, value: 2, keyword: 2)) == 0)
    }
}
