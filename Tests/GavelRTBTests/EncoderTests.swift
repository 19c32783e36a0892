import Foundation
import GavelCore
import GavelRTB
import Testing

@Suite struct EncoderTests {
    private func text(_ response: OpenRTB.BidResponse) -> String {
        String(decoding: OpenRTBEncoder.encode(response), as: UTF8.self)
    }

    @Test func noBidIsMinimal() {
        #expect(text(.noBid(id: "req-1", reason: .invalidRequest)) == #"{"id":"req-1","nbr":2}"#)
    }

    @Test func bidIsWrittenWithExactPrices() {
        var bid = OpenRTB.Bid(id: "b1", impID: "1", price: OpenRTB.CPM(micros: Micros(1_250_000)))
        bid.adm = "<div class=\"ad\">\n</div>\u{1}"
        bid.adomain = ["shop.example"]
        bid.crid = "cr-9"
        bid.cat = ["IAB22"]
        bid.attr = []
        bid.w = 300
        bid.h = 250
        bid.burl = "https://bill.example/?p=${AUCTION_PRICE}"
        let response = OpenRTB.BidResponse(
            id: "req-1",
            seatBid: [OpenRTB.SeatBid(bid: [bid], seat: "gavel")],
            bidID: "resp-1",
            cur: "EUR"
        )
        let expected =
            #"{"id":"req-1","seatbid":[{"bid":[{"id":"b1","impid":"1","price":1.25,"#
            + #""burl":"https://bill.example/?p=${AUCTION_PRICE}","adm":"<div class=\"ad\">\n</div>\u0001","#
            + #""adomain":["shop.example"],"crid":"cr-9","cat":["IAB22"],"attr":[],"w":300,"h":250}],"#
            + #""seat":"gavel"}],"bidid":"resp-1","cur":"EUR"}"#
        #expect(text(response) == expected)
    }

    @Test(arguments: [
        (Int64(0), "0"), (1, "0.000001"), (30_000, "0.03"), (5_000_000, "5"), (1_028_428, "1.028428"),
        (123_456_789_000, "123456.789"), (-2_500_000, "-2.5"),
    ])
    func pricesAreShortestExactDecimals(micros: Int64, expected: String) {
        let bid = OpenRTB.Bid(id: "b", impID: "i", price: OpenRTB.CPM(micros: Micros(micros)))
        let json = text(OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [bid])]))
        #expect(json == #"{"id":"r","seatbid":[{"bid":[{"id":"b","impid":"i","price":\#(expected)}]}]}"#)
    }

    /// Encoding then decoding (with either decoder) gives back the corpus responses.
    @Test(arguments: Fixtures.responseNames().filter { !$0.contains("ortb30") })
    func corpusResponsesRoundTrip(name: String) throws {
        let original = try OpenRTBDecoder.decodeBidResponse(Fixtures.response(name))
        let bytes = OpenRTBEncoder.encode(original)
        #expect(try OpenRTBDecoder.decodeBidResponse(bytes) == original)
        #expect(try JSONDecoder().decode(OpenRTB.BidResponse.self, from: Data(bytes)) == original)
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any])
    }

    @Test func appendsToAReusedBuffer() {
        var buffer = Array("prefix:".utf8)
        OpenRTBEncoder.encode(.noBid(id: "x", reason: .technicalError), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:{"id":"x","nbr":1}"#)
    }
}
