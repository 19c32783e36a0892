import GavelCore
import Testing

@testable import GavelRTB

/// `DimensionIndex` looks a few values up by comparison and many by hashing: both give the same
/// candidates as each other and as a scan of what every campaign accepts.
@Suite struct DimensionIndexTests {
    /// Short and long, ASCII and not, and values that differ only in their last byte or length.
    static let values = [
        "IAB1", "IAB1-2", "IAB12", "IAB2", "USA", "usa", "CAN", "example.com", "www.example.com",
        "a-much-longer-domain-name-than-fits-in-a-small-string.example", "café.example", "cafe\u{301}.example", "",
    ]

    @Test(arguments: [1, 3, 7, 40, 130])
    func linearAndHashedLookupsAgreeWithAScan(campaigns: Int) {
        var random = SeededRandom(seed: UInt64(campaigns))
        for round in 0..<40 {
            // Each campaign accepts nothing in particular (nil) or a few of the first `spread` values,
            // so that some indexes have fewer distinct values than the linear limit and some more.
            let spread = 1 + round % Self.values.count
            func value(among count: Int) -> String { Self.values[Int(random.next() % UInt64(count))] }
            let accepted: [Set<String>?] = (0..<campaigns).map { _ in
                random.next() % 4 == 0 ? nil : Set((0..<(1 + random.next() % 3)).map { _ in value(among: spread) })
            }
            let linear = DimensionIndex(count: campaigns, linearLimit: 1_000) { accepted[$0] }
            let hashed = DimensionIndex(count: campaigns, linearLimit: 0) { accepted[$0] }
            let named = Set(accepted.compactMap { $0 }.flatMap { $0 })
            for _ in 0..<20 {
                let keys = (0..<(random.next() % 4)).map { _ in value(among: Self.values.count) }
                var start = CampaignSet(count: campaigns)
                for position in 0..<campaigns where random.next() % 5 != 0 { start.insert(position) }

                var expected = CampaignSet(count: campaigns)
                var blocked = start
                var collected = CampaignSet(count: campaigns)
                for position in 0..<campaigns {
                    let matches = accepted[position].map { !$0.isDisjoint(with: keys) }
                    if start.contains(position), matches ?? true { expected.insert(position) }
                    if matches == true {
                        blocked.remove(position)
                        collected.insert(position)
                    }
                }
                for index in [linear, hashed] {
                    var restricted = start
                    var scratch = CampaignSet(count: campaigns)
                    index.restrict(&restricted, toAnyOf: keys, scratch: &scratch)
                    #expect(restricted == expected, "\(keys) over \(accepted)")
                    var excluded = start
                    index.exclude(&excluded, anyOf: keys)
                    #expect(excluded == blocked)
                    var union = CampaignSet(count: campaigns)
                    index.collect(into: &union, anyOf: keys)
                    #expect(union == collected)
                }
                #expect(named.count > 0 || linear.isUnrestricted)
            }
        }
    }
}

/// The media types an impression offers, as its bits, are those the lazy filter over all four
/// types gave, in the same order.
@Test(arguments: 0..<16)
func offeredMediaTypesAreTheSetBits(bits: Int) {
    let offered = Array(ImpressionOffer.OfferedMediaTypes(bits: UInt8(bits << 1)))
    let filtered = MediaType.allCases.filter { bits << 1 & (1 << $0.rawValue) != 0 }
    #expect(offered == filtered)
    #expect(offered.count == bits.nonzeroBitCount)
}
