import Foundation
import GavelCore
import Testing

@testable import GavelRTB

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

    /// The word-at-a-time search finds the same first byte to escape as the byte rule, with the
    /// byte at every offset of a word and around non-ASCII bytes.
    @Test func escapedByteSearchMatchesTheByteRule() {
        var generator = SeededRandom(seed: 7)
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x2F, 0x5C, 0x61, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        for length in 0..<40 {
            for _ in 0..<400 {
                let bytes = (0..<length).map { _ in
                    generator.next() % 3 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : 0x61
                }
                for start in 0...length {
                    let expected = bytes[start...].firstIndex(where: JSONWriter.needsEscape) ?? length
                    let found = bytes.withUnsafeBufferPointer { JSONWriter.firstEscaped(in: $0, from: start) }
                    #expect(found == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    /// Strings with special characters at every offset come back from `JSONSerialization` unchanged.
    @Test func stringsWithSpecialsRoundTrip() throws {
        for special in ["\"", "\\", "\n", "\u{1}", "é", "\u{1F600}"] {
            for offset in 0..<20 {
                let value = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
                let object = try JSONSerialization.jsonObject(with: Data(OpenRTBEncoder.encode(.init(id: value))))
                #expect((object as? [String: Any])?["id"] as? String == value)
            }
        }
    }

    /// A response whose escapes outgrow the buffer sized for it moves to a larger one intact.
    @Test func largeResponsesOutgrowTheirBuffer() throws {
        var bid = OpenRTB.Bid(id: "b", impID: "1", price: OpenRTB.CPM(micros: Micros(1)))
        bid.adm = String(repeating: "\"\u{1}", count: 2_000)
        let response = OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [bid, bid])])
        let bytes = OpenRTBEncoder.encode(response)
        #expect(bytes.count > 2 * 7 * 2_000)
        #expect(try OpenRTBDecoder.decodeBidResponse(bytes) == response)
    }

    /// URLs written from a ``NoticeURLSource`` give the bytes the same URLs set on the bid give,
    /// the base escaped like any string.
    @Test func noticeURLSourceMatchesURLStrings() {
        struct Source: NoticeURLSource {
            let parts: [StaticString]
            func withNoticeURLs(
                for bid: borrowing OpenRTB.Bid,
                _ body: (NoticeURLParts, NoticeURLParts, NoticeURLParts) -> Void
            ) {
                func url(_ suffix: StaticString) -> NoticeURLParts {
                    (parts[0].buffer, parts[1].buffer, parts[2].buffer, suffix.buffer)
                }
                body(url("&w"), url(""), url("&l=${AUCTION_LOSS}"))
            }
            var estimatedBytes: Int { 0 }
        }
        var bid = OpenRTB.Bid(id: "b1", impID: "1", price: OpenRTB.CPM(micros: Micros(1_500_000)))
        bid.adm = "<b>"
        bid.nurl = "junk"
        let source = Source(parts: ["http://h\"q", "/win", "?bid=b1&sig=ab"])
        let response = OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [bid])])
        var expected = bid
        expected.nurl = "http://h\"q/win?bid=b1&sig=ab&w"
        expected.burl = "http://h\"q/win?bid=b1&sig=ab"
        expected.lurl = "http://h\"q/win?bid=b1&sig=ab&l=${AUCTION_LOSS}"
        let written = OpenRTBEncoder.withEncoded(response, notices: source) { Array($0) }
        #expect(
            written == OpenRTBEncoder.encode(OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [expected])]))
        )
    }

    /// Written into a given buffer: the same bytes when they fit, `nil` when escapes make them
    /// longer than the buffer.
    @Test func encodesIntoAGivenBuffer() {
        var bid = OpenRTB.Bid(id: "b1", impID: "1", price: OpenRTB.CPM(micros: Micros(1_500_000)))
        bid.adm = "<b>" + String(repeating: "\"", count: 1_000)
        let response = OpenRTB.BidResponse(id: "r", seatBid: [OpenRTB.SeatBid(bid: [bid])])
        let expected = OpenRTBEncoder.encode(response)
        func written(room: Int) -> [UInt8]? {
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
            defer { output.deallocate() }
            return OpenRTBEncoder.encode(response, notices: nil, into: output).map { Array(output[..<$0]) }
        }
        let estimate = OpenRTBEncoder.estimatedByteCount(of: response, notices: nil)
        #expect(estimate < expected.count)
        #expect(written(room: expected.count) == expected)
        #expect(written(room: 2 * estimate) == expected)
        #expect(written(room: expected.count - 1) == nil)
        #expect(written(room: estimate) == nil)
    }

    @Test func appendsToAReusedBuffer() {
        var buffer = Array("prefix:".utf8)
        OpenRTBEncoder.encode(.noBid(id: "x", reason: .technicalError), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:{"id":"x","nbr":1}"#)
    }
}

extension StaticString {
    fileprivate var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
