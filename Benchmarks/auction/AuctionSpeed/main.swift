// Release-mode throughput of the auction mechanisms on one core.
// Run: swift run -c release AuctionSpeed   (compare: python3 Benchmarks/auction/numpy_second_price.py)
import GavelAuction
import GavelCore

let bidders = 10
let slots = 5
let distinctAuctions = 4096
let rounds = 1_000

var random = SeededRandom(seed: 2026)
let bids = (0..<distinctAuctions * bidders).map { _ in random.nextUnit() }
let entries = (0..<distinctAuctions * bidders).map { _ in
    AuctionEntry(bid: random.nextUnit(), quality: 0.5 + random.nextUnit())
}

/// Runs `body` over every pre-generated auction `rounds` times and prints auctions per second.
func measure(_ name: String, _ body: (Int, inout TieBreaker) -> Double) {
    var ties = TieBreaker(seed: 1)
    var checksum = 0.0
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<rounds {
        for auction in 0..<distinctAuctions { checksum += body(auction, &ties) }
    }
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let rate = Double(rounds * distinctAuctions) / seconds
    print("\(name): \((rate / 1e6 * 100).rounded() / 100) M auctions/s (checksum \(checksum))")
}

bids.withUnsafeBufferPointer { all in
    for payment in [PaymentRule.secondPrice, .firstPrice] {
        let auction = SingleSlotAuction(payment: payment, reserve: 0.05)
        measure("\(payment), \(bidders) bids") { index, ties in
            let slice = UnsafeBufferPointer(rebasing: all[index * bidders..<(index + 1) * bidders])
            return auction.run(slice, ties: &ties).price
        }
    }
}

let awards = UnsafeMutableBufferPointer<SlotAward>.allocate(capacity: slots)
defer { awards.deallocate() }
let clickRates = [0.1, 0.07, 0.05, 0.03, 0.02]
entries.withUnsafeBufferPointer { all in
    for (name, pricing) in [("GSP", PositionPricing.generalizedSecondPrice(increment: 0.01)), ("VCG", .vcg)] {
        let auction = PositionAuction(clickRates: clickRates, pricing: pricing, reserve: ReservePrice(perClick: 0.05))
        measure("\(name), \(bidders) bidders, \(slots) slots") { index, ties in
            let slice = UnsafeBufferPointer(rebasing: all[index * bidders..<(index + 1) * bidders])
            let filled = auction.run(slice, into: awards, ties: &ties)
            return filled > 0 ? awards[0].pricePerClick : 0
        }
    }
}
