import Foundation
import GavelCore
import Testing

@testable import GavelRTB

/// ``EncodedCreative``: a bid's creative members written once per campaign load give exactly the
/// bytes the encoder writes member by member, and are not used once the bid's members change.
@Suite struct EncodedCreativeTests {
    /// Markup, domains, ids and categories with every kind of byte JSON escapes, and non-ASCII.
    static let awkward = Creative(
        id: #"cr-"quoted"\back"#,
        mediaType: .video,
        size: AdSize(w: 640, h: 360),
        advertiserDomains: ["shop.example", #"we"ird.example"#, "café.example"],
        categories: ["IAB22", "IAB\u{1}"],
        attributes: [1, 14],
        bundle: "com.example.\u{7F}app",
        markup: "<div class=\"ad\">\n\t<script>var s = '\\u0041';</script>\r\u{0}\u{1F}</div> ✓ \u{10FFFF}"
    )

    static let plain = Creative(id: "plain", size: AdSize(w: 300, h: 250), markup: "<img src=\"a.png\">")

    static let bare = Creative(id: "bare", mediaType: .native)

    private func index() -> CampaignIndex {
        CampaignIndex(campaigns: [
            Campaign(
                id: #"campaign "one""#,
                creatives: [Self.awkward, Self.plain, Self.bare],
                pricing: PricingRule(strategy: .fixedCPM(Micros(1_000_000)), maxBid: Micros(5_000_000))
            )
        ])
    }

    /// A bid as ``Bidder`` makes it from a template.
    private func bid(creative: Int, dealID: String? = nil) -> OpenRTB.Bid {
        var bid = index().bidTemplate(campaign: 0, creative: creative)
        bid.id = "17"
        bid.impID = "imp-\(creative)"
        bid.price = OpenRTB.CPM(micros: Micros(2_345_600))
        bid.dealID = dealID
        return bid
    }

    private func json(_ bids: [OpenRTB.Bid]) -> [UInt8] {
        OpenRTBEncoder.encode(OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: bids, seat: "s")]))
    }

    private func withoutCache(_ bid: OpenRTB.Bid) -> OpenRTB.Bid {
        var plain = bid
        plain.encodedCreative = nil
        return plain
    }

    @Test(arguments: [0, 1, 2], [nil, "deal-\"7\""])
    func templatesEncodeAsTheirMembers(creative: Int, dealID: String?) throws {
        let bid = bid(creative: creative, dealID: dealID)
        #expect(bid.encodedCreative != nil)
        let cached = json([bid])
        #expect(cached == json([withoutCache(bid)]))
        // The bytes are valid JSON that reads back as the bid.
        let decoded = try OpenRTBDecoder.decodeBidResponse(cached)
        #expect(decoded.seatBid.first?.bid.first == bid)
        #expect(decoded.seatBid.first?.bid.first?.adm == bid.adm)
    }

    @Test func theAwkwardCreativeIsEscapedAsJSONRequires() throws {
        let text = String(decoding: json([bid(creative: 0)]), as: UTF8.self)
        let adm = #""adm":"<div class=\"ad\">\n\t<script>var s = '\\u0041';</script>\r\u0000\u001f</div> ✓ "#
        #expect(text.contains(adm))
        #expect(text.contains(#""adomain":["shop.example","we\"ird.example","café.example"]"#))
        #expect(text.contains(#""cid":"campaign \"one\"","crid":"cr-\"quoted\"\\back""#))
        #expect(text.contains(#""cat":["IAB22","IAB\u0001"],"attr":[1,14]"#))
        #expect(text.hasSuffix(#""w":640,"h":360,"mtype":2}],"seat":"s"}]}"#))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let seat = try #require((object?["seatbid"] as? [[String: Any]])?.first)
        let bid = try #require((seat["bid"] as? [[String: Any]])?.first)
        #expect(bid["adm"] as? String == Self.awkward.markup)
        #expect(bid["bundle"] as? String == Self.awkward.bundle)
    }

    /// Every member the template does not set, set on the bid and written into the cache too.
    @Test func everyCreativeMemberIsCovered() {
        var bid = OpenRTB.Bid(id: "b", impID: "i", price: OpenRTB.CPM(micros: Micros(1)))
        bid.adm = "a\"b"
        bid.adID = "ad"
        bid.adomain = ["d"]
        bid.bundle = "bu"
        bid.iurl = "https://i.example/?q=\"x\""
        bid.cid = "c"
        bid.crid = "cr"
        bid.tactic = "t"
        bid.cattax = 2
        bid.cat = ["IAB1"]
        bid.attr = [3]
        bid.apis = [5, 7]
        bid.dealID = "deal"
        bid.w = 1
        bid.h = 2
        bid.wRatio = 16
        bid.hRatio = 9
        bid.exp = 300
        bid.dur = 15
        bid.mtype = 2
        bid.slotInPod = -1
        bid.nurl = "https://n.example/"
        let expected = json([bid])
        bid.encodedCreative = EncodedCreative(bid)
        #expect(json([bid]) == expected)
        #expect(
            String(decoding: expected, as: UTF8.self)
                == #"{"id":"r","seatbid":[{"bid":[{"id":"b","impid":"i","price":0.000001,"nurl":"https://n.example/","#
                + #""adm":"a\"b","adid":"ad","adomain":["d"],"bundle":"bu","iurl":"https://i.example/?q=\"x\"","#
                + #""cid":"c","crid":"cr","tactic":"t","cattax":2,"cat":["IAB1"],"attr":[3],"apis":[5,7],"#
                + #""dealid":"deal","w":1,"h":2,"wratio":16,"hratio":9,"exp":300,"dur":15,"mtype":2,"slotinpod":-1}],"#
                + #""seat":"s"}]}"#
        )
    }

    /// A bid changed after it got its template's bytes encodes its own members.
    @Test(arguments: 0..<6)
    func changedMembersAreWrittenAfresh(change: Int) {
        var bid = bid(creative: 1)
        let before = json([bid])
        switch change {
        case 0: bid.adm = "<b>new</b>"
        case 1: bid.adomain = nil
        case 2: bid.cat = ["IAB3"]
        case 3: bid.crid = "other"
        case 4: bid.h = 90
        default: bid.apis = [1]
        }
        #expect(bid.encodedCreative != nil)
        let after = json([bid])
        #expect(after != before)
        #expect(after == json([withoutCache(bid)]))
    }

    /// The bytes are no part of a bid's value.
    @Test func bidsWithAndWithoutTheBytesAreEqual() {
        let bid = bid(creative: 0)
        let plain = withoutCache(bid)
        #expect(bid.encodedCreative != nil && plain.encodedCreative == nil)
        #expect(bid == plain)
        #expect(bid.hashValue == plain.hashValue)
        var other = plain
        other.crid = "x"
        #expect(bid != other)
    }

    /// Several bids of a response, cached and not, side by side.
    @Test func mixedBidsInOneResponse() {
        let bids = [bid(creative: 0), withoutCache(bid(creative: 1)), bid(creative: 2, dealID: "d"), bid(creative: 1)]
        #expect(json(bids) == json(bids.map(withoutCache)))
    }
}
