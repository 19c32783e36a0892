import GavelBidding
import GavelCore
import Testing

@Suite struct StrategyTests {
    @Test func targetCPAOfTwentyFiveAtFivePercentBidsOneTwentyFive() throws {
        let proposal = try #require(BidStrategy(goal: .targetCPA(Micros(units: 25))).propose(.init(cvr: 0.05)))
        #expect(proposal.bid == Micros(1_250_000))
        #expect(proposal.trace == "× target CPA €25.00 = €1.25")
    }

    @Test func targetROASBidsValuePerClickOverTheTarget() throws {
        // CVR 2 % × €100 per order = €2.00 per click; paid back 4 times → €0.50.
        let strategy = BidStrategy(goal: .targetROAS(4))
        let proposal = try #require(strategy.propose(.init(cvr: 0.02, valuePerConversion: Micros(units: 100))))
        #expect(proposal.bid == Micros(500_000))
        #expect(strategy.propose(.init(cvr: 0.02, valuePerConversion: nil)) == nil)
    }

    @Test func trafficBidsTheCapAndBrandingConvertsCPMThroughCTR() throws {
        let traffic = BidStrategy(goal: .maxCPC(Micros(800_000)))
        #expect(traffic.propose(.init(cvr: 0.1))?.bid == Micros(800_000))
        #expect(traffic.ceiling?.amount == Micros(800_000))
        // €6 per thousand at 2 % CTR: 1000 impressions give 20 clicks, €6 / 20 = €0.30 per click.
        #expect(BidStrategy(goal: .maxCPM(Micros(units: 6))).propose(.init(cvr: 0, ctr: 0.02))?.bid == Micros(300_000))
    }
}
