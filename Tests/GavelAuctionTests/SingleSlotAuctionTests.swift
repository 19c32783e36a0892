import GavelAuction
import GavelCore
import Testing

@Suite("Single-slot auctions")
struct SingleSlotAuctionTests {
    @Test("second price: highest bid wins and pays the runner-up")
    func secondPrice() {
        let outcome = runSingleSlot(SingleSlotAuction(payment: .secondPrice), [0.3, 0.9, 0.5, 0.1])
        #expect(outcome == SingleSlotOutcome(winner: 1, price: 0.5))
    }

    @Test("first price: the winner pays its bid")
    func firstPrice() {
        let outcome = runSingleSlot(SingleSlotAuction(payment: .firstPrice), [0.3, 0.9, 0.5])
        #expect(outcome == SingleSlotOutcome(winner: 1, price: 0.9))
    }

    @Test("reserve: filters low bids and sets the floor of the second price")
    func reserve() {
        let auction = SingleSlotAuction(payment: .secondPrice, reserve: 0.6)
        #expect(runSingleSlot(auction, [0.3, 0.9, 0.5]) == SingleSlotOutcome(winner: 1, price: 0.6))
        #expect(runSingleSlot(auction, [0.3, 0.9, 0.7]) == SingleSlotOutcome(winner: 1, price: 0.7))
        #expect(runSingleSlot(auction, [0.3, 0.5]) == SingleSlotOutcome(winner: nil, price: 0))
    }

    @Test("non-positive bids are no-bids")
    func noBids() {
        #expect(runSingleSlot(SingleSlotAuction(payment: .secondPrice), [0, -1]).winner == nil)
        #expect(runSingleSlot(SingleSlotAuction(payment: .secondPrice), [0, 0.2]) == .init(winner: 1, price: 0))
    }

    @Test("ties: a tied winner pays its own bid, the choice is seeded and fair")
    func ties() {
        let auction = SingleSlotAuction(payment: .secondPrice)
        let bids = [0.5, 0.8, 0.8, 0.8]
        var ties = TieBreaker(seed: 42)
        var replay = TieBreaker(seed: 42)
        var wins = [0, 0, 0, 0]
        let rounds = 30_000
        for _ in 0..<rounds {
            let outcome = bids.withUnsafeBufferPointer { auction.run($0, ties: &ties) }
            let again = bids.withUnsafeBufferPointer { auction.run($0, ties: &replay) }
            #expect(outcome == again)
            #expect(outcome.price == 0.8)
            wins[outcome.winner ?? 0] += 1
        }
        #expect(wins[0] == 0)
        // Each tied bidder wins with p = 1/3: within 4 standard errors of rounds/3.
        let spread = 4 * (Double(rounds) * (1.0 / 3) * (2.0 / 3)).squareRoot()
        for bidder in 1...3 { #expect(abs(Double(wins[bidder]) - Double(rounds) / 3) < spread) }
    }
}
