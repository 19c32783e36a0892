import GavelAuction
import GavelCore
import Testing

@Suite("Auction theory: U[0,1] values")
struct RevenueTheoryTests {
    @Test("closed forms: (n−1)/(n+1), the reserve formula and Myerson's 5/12")
    func closedForms() {
        #expect(abs(UniformValueTheory.expectedRevenue(bidders: 2) - 1.0 / 3) < 1e-12)
        #expect(abs(UniformValueTheory.expectedRevenue(bidders: 5) - 4.0 / 6) < 1e-12)
        #expect(abs(UniformValueTheory.expectedRevenue(bidders: 2, reserve: 0.5) - 5.0 / 12) < 1e-12)
        // n = 1 with reserve r is a posted price: r(1 − r).
        #expect(abs(UniformValueTheory.expectedRevenue(bidders: 1, reserve: 0.3) - 0.21) < 1e-12)
        #expect(UniformValueTheory.firstPriceEquilibriumBid(value: 0.9, bidders: 3) == 0.6)
    }

    @Test("the revenue-maximising reserve is 1/2 for every n", arguments: [1, 2, 3, 6])
    func optimalReserve(bidders: Int) {
        let best = stride(from: 0.0, through: 1.0, by: 0.001).max {
            UniformValueTheory.expectedRevenue(bidders: bidders, reserve: $0)
                < UniformValueTheory.expectedRevenue(bidders: bidders, reserve: $1)
        }
        #expect(abs((best ?? 0) - UniformValueTheory.optimalReserve) < 1e-9)
    }

    @Test("revenue equivalence: simulated first and second price both earn (n−1)/(n+1)", arguments: [2, 4])
    func revenueEquivalence(bidders: Int) {
        var random = SeededRandom(seed: 7, stream: UInt64(bidders))
        var ties = TieBreaker(seed: 7)
        var first = SampleMean()
        var second = SampleMean()
        let firstPrice = SingleSlotAuction(payment: .firstPrice)
        let secondPrice = SingleSlotAuction(payment: .secondPrice)
        var values = [Double](repeating: 0, count: bidders)
        var shaded = values
        for _ in 0..<100_000 {
            for index in 0..<bidders {
                values[index] = random.nextUnit()
                shaded[index] = UniformValueTheory.firstPriceEquilibriumBid(value: values[index], bidders: bidders)
            }
            second.add(values.withUnsafeBufferPointer { secondPrice.run($0, ties: &ties) }.price)
            first.add(shaded.withUnsafeBufferPointer { firstPrice.run($0, ties: &ties) }.price)
        }
        let truth = UniformValueTheory.expectedRevenue(bidders: bidders)
        #expect(second.isWithin(standardErrors: 4, of: truth))
        #expect(first.isWithin(standardErrors: 4, of: truth))
    }

    @Test("second price with Myerson's reserve 1/2 and two bidders earns 5/12")
    func reserveRevenue() {
        var random = SeededRandom(seed: 11)
        var ties = TieBreaker(seed: 11)
        let auction = SingleSlotAuction(payment: .secondPrice, reserve: 0.5)
        var revenue = SampleMean()
        var values = [0.0, 0.0]
        for _ in 0..<200_000 {
            values[0] = random.nextUnit()
            values[1] = random.nextUnit()
            revenue.add(values.withUnsafeBufferPointer { auction.run($0, ties: &ties) }.price)
        }
        #expect(revenue.isWithin(standardErrors: 4, of: 5.0 / 12))
        #expect(abs(revenue.mean - 1.0 / 3) > 8 * revenue.standardError)
    }

    @Test("shading against n−1 truthful U[0,1] rivals gives the equilibrium bid (n−1)/n·v", arguments: [2, 3, 10])
    func shadingMatchesEquilibrium(bidders: Int) {
        let shader = BidShader(marketPrice: .maxOfUniforms(count: bidders - 1, upper: 1))
        for value in [0.1, 0.5, 0.73, 1.0] {
            let expected = UniformValueTheory.firstPriceEquilibriumBid(value: value, bidders: bidders)
            #expect(abs(shader.shade(value: value) - expected) < 1e-9)
        }
    }

    @Test("shading against discrete prices picks the best price point")
    func shadingDiscrete() {
        // Prices 1, 2, 3 equally likely; value 4: surplus 3·⅓, 2·⅔, 1·1 → bid 2.
        let shader = BidShader(marketPrice: .empirical(EmpiricalDistribution(counts: [0, 1, 1, 1])))
        #expect(shader.shade(value: 4) == 2)
        #expect(shader.shade(value: 0) == 0)
    }
}
