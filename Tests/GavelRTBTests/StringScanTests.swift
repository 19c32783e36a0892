import Foundation
import GavelCore
import Testing

@testable import GavelRTB

/// The scanner's eight-bytes-at-a-time path over plain string bytes, against the byte rule it
/// stands for and, through the decoder, against `JSONDecoder`.
@Suite struct StringScanTests {
    /// The rule the fast path must agree with, one byte at a time.
    private static func isPlain(_ byte: UInt8) -> Bool {
        (0x20..<0x80).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    private static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    @Test func everyByteValueAtEveryPosition() {
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(value)
                let expected: UInt64 = Self.isPlain(UInt8(value)) ? 0 : 0x80 << (8 * UInt64(position))
                #expect(
                    JSONScanner.specialBytes(Self.word(bytes)) == expected,
                    "byte 0x\(String(value, radix: 16)) at \(position)"
                )
            }
        }
    }

    /// Several unusual bytes in one word: borrows between bytes must not hide the first one or
    /// invent one before it.
    @Test func randomWords() {
        var random = SeededRandom(seed: 7)
        let interesting: [UInt8] = [
            0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF,
        ]
        for _ in 0..<200_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            let special = JSONScanner.specialBytes(Self.word(bytes))
            let first = bytes.firstIndex { !Self.isPlain($0) }
            #expect(special == 0 ? first == nil : special.trailingZeroBitCount / 8 == first, "\(bytes)")
        }
    }

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
