import GavelAuction
import GavelCore

/// Mean and standard error of Monte-Carlo samples, for "within 4 standard errors" checks.
struct SampleMean {
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var sumOfSquares = 0.0

    mutating func add(_ value: Double) {
        count += 1
        sum += value
        sumOfSquares += value * value
    }

    var mean: Double { sum / Double(count) }
    var standardError: Double {
        let variance = (sumOfSquares - sum * sum / Double(count)) / Double(count - 1)
        return (variance / Double(count)).squareRoot()
    }

    func isWithin(standardErrors k: Double, of truth: Double) -> Bool { abs(mean - truth) <= k * standardError }
}

/// Runs a single-slot auction on a small array of bids.
func runSingleSlot(_ auction: SingleSlotAuction, _ bids: [Double], salt: UInt64 = 1) -> SingleSlotOutcome {
    bids.withUnsafeBufferPointer { auction.run($0, order: TieOrder(salt: salt)) }
}

/// Runs a position auction and returns its awards.
func runPositions(_ auction: PositionAuction, _ entries: [AuctionEntry], salt: UInt64 = 1) -> [SlotAward] {
    var awards = [SlotAward](repeating: SlotAward(bidder: -1, score: 0, pricePerClick: 0), count: auction.slotCount)
    let filled = entries.withUnsafeBufferPointer { entryBuffer in
        awards.withUnsafeMutableBufferPointer { auction.run(entryBuffer, into: $0, order: TieOrder(salt: salt)) }
    }
    return Array(awards.prefix(filled))
}
