import GavelCore
import GavelRTB
import NIOCore
import Testing

@testable import GavelServer

/// The bid route's responses on the corpus, with the demo campaigns: bids carrying their
/// creative's pre-encoded members (``EncodedCreative``) give the same bytes, signed notice URLs
/// included, as the same bids encoded member by member.
@Suite struct EncodedResponseTests {
    @Test func corpusResponsesAreByteEqualToTheMemberByMemberEncoding() throws {
        let bidder = try CampaignServerTests.demoBidder()
        let validator = BidRequestValidator(scope: .bidding)
        let notices = SignedNotices(
            base: "http://127.0.0.1:8080",
            signer: NoticeSigner(key: Array(repeating: 7, count: 32)),
            expiresAt: CampaignServerTests.noonWednesday + 3600
        )
        var cachedBids = 0
        for (name, body) in try CampaignServerTests.corpus() {
            guard case .success(let request) = body.withUnsafeBytes({ validator.read($0) }) else { continue }
            let response = bidder.decide(request, personalData: PrivacyPolicy().permission(for: request)).response
            var plain = response
            for seat in plain.seatBid.indices {
                for bid in plain.seatBid[seat].bid.indices {
                    if plain.seatBid[seat].bid[bid].encodedCreative != nil { cachedBids += 1 }
                    plain.seatBid[seat].bid[bid].encodedCreative = nil
                }
            }
            let cached = OpenRTBEncoder.withEncoded(response, notices: notices) { Array($0) }
            let expected = OpenRTBEncoder.withEncoded(plain, notices: notices) { Array($0) }
            #expect(cached == expected, "\(name)")
            if !response.seatBid.isEmpty {
                #expect(Array(buffer: BidEndpoint.json(response, notices: notices)) == expected, "\(name)")
            }
        }
        // Every expected bid of `CampaignServerTests.expected` came with its creative's bytes.
        #expect(cachedBids >= CampaignServerTests.expected.values.compactMap { $0 }.count)
    }

    /// The reply buffer is written in place; a response whose escapes outgrow the estimate is
    /// written again with more room.
    @Test func replyBuffersHoldTheWholeResponse() {
        let notices = SignedNotices(
            base: "http://127.0.0.1:8080",
            signer: NoticeSigner(key: Array(repeating: 7, count: 32)),
            expiresAt: 1_800_000_000
        )
        for quotes in [0, 10, 6_000] {
            var bid = OpenRTB.Bid(id: "1", impID: "1", price: OpenRTB.CPM(micros: Micros(2_000_000)))
            bid.cid = "c"
            bid.adm = "<b>" + String(repeating: "\"", count: quotes)
            let response = OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [bid])])
            let expected = OpenRTBEncoder.withEncoded(response, notices: notices) { Array($0) }
            #expect(expected.count > 2 * quotes)
            #expect(Array(buffer: BidEndpoint.json(response, notices: notices)) == expected)
        }
    }
}
