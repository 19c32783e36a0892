import Foundation
import GavelCore
import Testing

@testable import GavelRTB

/// The scanner's many-bytes-at-a-time path over plain string bytes, through the decoder, against
/// `JSONDecoder` (the classification itself: `ByteClassTests`).
@Suite struct StringScanTests {
    /// A quote, escape, control character or multi-byte character at each offset of a long
    /// string: the decoder must find it whether it falls inside a word or on its boundary.
    @Test func specialCharacterAtEveryOffsetDecodesAsJSONDecoderDoes() throws {
        let specials = [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, "é", "😀", "\u{7F}"]
        for special in specials {
            for offset in 0..<20 {
                let text =
                    String(repeating: "x", count: offset) + special
                    + String(repeating: "y", count: 19 - offset)
                let json = Array(#"{"id":"\#(text)","imp":[{"id":"1"}]}"#.utf8)
                let reference = try JSONDecoder().decode(OpenRTB.BidRequest.self, from: Data(json))
                #expect(try OpenRTBDecoder.decodeBidRequest(json) == reference, "\(special) at \(offset)")
            }
        }
    }

    /// A raw control character or an unterminated string is refused wherever it sits.
    @Test func invalidBytesAreRefusedAtEveryOffset() {
        for offset in 0..<20 {
            let prefix = Array(#"{"id":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: offset)
            #expect(throws: OpenRTBDecodingError.self) {
                _ = try OpenRTBDecoder.decodeBidRequest(prefix + [0x01] + Array(#"zzzzzzzzzz"}"#.utf8))
            }
            #expect(throws: OpenRTBDecodingError.self) { _ = try OpenRTBDecoder.decodeBidRequest(prefix) }
        }
    }
}

/// Objects decoded in place into their parent: a repeated member replaces the earlier
/// occurrence whole (as the decoder did before it decoded in place), never merges with it.
/// (`JSONDecoder` keeps the first occurrence instead; no corpus file repeats a member.)
@Suite struct InPlaceObjectTests {
    private func decode(_ json: String) throws -> OpenRTB.BidRequest {
        try OpenRTBDecoder.decodeBidRequest(Array(json.utf8))
    }

    @Test func repeatedObjectReplacesTheEarlierOne() throws {
        let request = try decode(#"{"id":"r","site":{"id":"a","domain":"x.example"},"site":{"id":"b"},"imp":[]}"#)
        #expect(request.site?.id == "b")
        #expect(request.site?.domain == nil)
        #expect(try decode(#"{"id":"r","site":{"id":"a"},"site":null,"imp":[{"id":"1"}]}"#).site == nil)
        let device = try decode(#"{"id":"r","device":{"geo":{"country":"USA"},"geo":{"region":"CA"}},"imp":[]}"#).device
        let geo = device?.geo
        #expect(geo?.country == nil && geo?.region == "CA")
    }

    @Test func repeatedArrayOfObjectsReplacesTheEarlierOne() throws {
        let request = try decode(
            #"{"id":"r","imp":[{"id":"1","video":{"w":1,"h":2}},{"id":"2","video":{"w":3}}],"imp":[{"id":"3"}]}"#
        )
        #expect(request.imp.map(\.id) == ["3"])
        #expect(request.imp[0].video == nil)
    }
}
