import CGavelSIMD
import GavelCore
import Testing

@testable import GavelRTB

/// The sixteen-bytes-at-a-time classifications (`CGavelSIMD`) of the scanner and the encoder's
/// escape search, and the string and whitespace scans built on them, against the byte-at-a-time
/// rules they stand for, at every offset and alignment.
@Suite struct ByteClassTests {
    private static func isStringSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The mask a classifier must give for the 16 bytes at `offset`, from the byte rule.
    private static func expectedMask(
        _ bytes: [UInt8],
        at offset: Int,
        _ rule: (UInt8) -> Bool
    )
        -> UInt32
    {
        (0..<16).reduce(UInt32(0)) { mask, index in
            rule(bytes[offset + index]) ? mask | 1 << index : mask
        }
    }

    /// Bytes drawn half from the values around every class boundary, half uniformly.
    private static func randomBytes(_ count: Int, using random: inout SeededRandom) -> [UInt8] {
        let boundaries: [UInt8] = [
            0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D,
            0x7E, 0x7F, 0x80,
            0xBF, 0xC0, 0xFF,
        ]
        return (0..<count).map { _ in
            Bool.random(using: &random)
                ? boundaries.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
        }
    }

    @Test func everyByteValueAtEveryLane() {
        for lane in 0..<16 {
            for value in 0...255 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 16)
                bytes[lane] = UInt8(value)
                let (special, escaped, blank) = bytes.withUnsafeBytes { buffer in
                    let input = JSONBytes(buffer)
                    return (
                        input.stringSpecials(at: 0), gavel_json_escapes16(buffer.baseAddress!),
                        input.whitespace(at: 0)
                    )
                }
                #expect(
                    special == (Self.isStringSpecial(UInt8(value)) ? 1 << lane : 0),
                    "0x\(String(value, radix: 16))"
                )
                #expect(
                    escaped == (Self.needsEscape(UInt8(value)) ? 1 << lane : 0),
                    "0x\(String(value, radix: 16))"
                )
                #expect(
                    blank == (Self.isWhitespace(UInt8(value)) ? 1 << lane : 0),
                    "0x\(String(value, radix: 16))"
                )
            }
        }
    }

    /// Random buffers read at every offset, so every alignment of the unaligned 16-byte load.
    @Test func randomBytesAtEveryOffset() {
        var random = SeededRandom(seed: 16)
        for _ in 0..<2_000 {
            let bytes = Self.randomBytes(48, using: &random)
            bytes.withUnsafeBytes { buffer in
                let input = JSONBytes(buffer)
                for offset in 0...(bytes.count - 16) {
                    #expect(
                        input.stringSpecials(at: offset)
                            == Self.expectedMask(bytes, at: offset, Self.isStringSpecial)
                    )
                    #expect(
                        gavel_json_escapes16(buffer.baseAddress! + offset)
                            == Self.expectedMask(bytes, at: offset, Self.needsEscape)
                    )
                    #expect(
                        input.whitespace(at: offset) == Self.expectedMask(bytes, at: offset, Self.isWhitespace)
                    )
                }
            }
        }
    }

    /// Runs of every whitespace byte and length, followed by a token, a control character or the
    /// end of input, from every start: the first byte that is not whitespace, as a byte loop finds it.
    @Test func whitespaceRunsEndWhereTheByteRuleEnds() {
        var random = SeededRandom(seed: 20)
        let blanks: [UInt8] = [0x20, 0x0A, 0x0D, 0x09]
        let enders: [UInt8?] = [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x00, 0x0B, 0x1F, 0x21, nil]
        for length in 0...40 {
            for ender in enders {
                for _ in 0..<4 {
                    let lead = Int.random(in: 0...3, using: &random)
                    let bytes =
                        Array(repeating: UInt8(ascii: "1"), count: lead)
                        + (0..<length).map { _ in blanks.randomElement(using: &random)! }
                        + (ender.map { [$0] } ?? [])
                    bytes.withUnsafeBytes { buffer in
                        let input = JSONBytes(buffer)
                        for start in 0...bytes.count {
                            let expected = bytes[start...].firstIndex { !Self.isWhitespace($0) } ?? bytes.count
                            #expect(
                                JSONScanner.afterWhitespace(in: input, from: start) == expected,
                                "\(bytes) from \(start)"
                            )
                        }
                    }
                }
            }
        }
    }

    /// How a string body from `start` (after its quote) scans, one byte at a time by RFC 8259 and
    /// the scanner's error rules: the offset after the closing quote, or the error and its offset.
    private static func referenceScan(
        _ bytes: [UInt8],
        from start: Int
    ) -> Result<
        Int, JSONSyntaxError
    > {
        func failure(_ reason: JSONSyntaxError.Reason, _ offset: Int) -> Result<Int, JSONSyntaxError> {
            .failure(JSONSyntaxError(reason: reason, offset: offset))
        }
        func isHex(_ byte: UInt8) -> Bool { Array("0123456789abcdefABCDEF".utf8).contains(byte) }
        func firstBadHex(_ at: Int) -> Int? { (at..<at + 4).first { !isHex(bytes[$0]) } }
        func hex(_ at: Int) -> UInt32 {
            UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)!
        }
        var at = start
        while at < bytes.count {
            let byte = bytes[at]
            switch byte {
            case UInt8(ascii: "\""): return .success(at + 1)
            case UInt8(ascii: "\\"):
                at += 1
                guard at < bytes.count else { return failure(.unexpectedEnd, at) }
                guard bytes[at] == UInt8(ascii: "u") else {
                    guard Array(#""\/bfnrt"#.utf8).contains(bytes[at]) else {
                        return failure(.invalidEscape, at)
                    }
                    at += 1
                    continue
                }
                at += 1
                guard at + 4 <= bytes.count else { return failure(.unexpectedEnd, at) }
                if let bad = firstBadHex(at) { return failure(.invalidEscape, bad) }
                let unit = hex(at)
                at += 4
                if (0xDC00...0xDFFF).contains(unit) { return failure(.unpairedSurrogate, at) }
                if (0xD800...0xDBFF).contains(unit) {
                    guard at + 2 <= bytes.count, bytes[at] == UInt8(ascii: "\\"),
                        bytes[at + 1] == UInt8(ascii: "u")
                    else { return failure(.unpairedSurrogate, at) }
                    at += 2
                    guard at + 4 <= bytes.count else { return failure(.unexpectedEnd, at) }
                    if let bad = firstBadHex(at) { return failure(.invalidEscape, bad) }
                    let low = hex(at)
                    at += 4
                    guard (0xDC00...0xDFFF).contains(low) else { return failure(.unpairedSurrogate, at) }
                }
            case 0x00..<0x20: return failure(.controlCharacterInString, at)
            case 0x20..<0x80: at += 1
            default:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard (0xC2...0xF4).contains(byte) else { return failure(.invalidUTF8, at) }
                guard at + length <= bytes.count else { return failure(.unexpectedEnd, at) }
                // Swift's own validation of the one sequence decides what is well-formed.
                let sequence = bytes[at..<at + length]
                guard String(validating: sequence, as: UTF8.self)?.unicodeScalars.count == 1 else {
                    return failure(.invalidUTF8, at)
                }
                at += length
            }
        }
        return failure(.unexpectedEnd, at)
    }

    /// Strings of plain text with one or two special pieces (quotes, escapes good and bad,
    /// control characters, UTF-8 good and bad) at every offset, behind 0 to 17 spaces and with
    /// or without bytes after them: `skipString()` and `readString()` end at the offset the
    /// byte rule ends at, or fail with its error at its offset.
    @Test func stringsScanAsTheByteRuleDoes() {
        var random = SeededRandom(seed: 40)
        let pieces: [[UInt8]] = [
            Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
            Array(#"\ud83d\ude00"#.utf8), Array(#"\ud83d"#.utf8), Array(#"\ude00"#.utf8),
            Array(#"\u12g4"#.utf8),
            Array(#"\x"#.utf8), Array("é".utf8), Array("😀".utf8), Array("€".utf8), [0x01], [0x1F], [0x7F],
            [0x80],
            [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
            [0xFF],
        ]
        var checked = 0
        for length in 0...40 {
            for offset in 0...length {
                for lead in [0, 1, 7, 15, 17] {
                    var body = Array(repeating: UInt8(ascii: "x"), count: length)
                    body.insert(contentsOf: pieces.randomElement(using: &random)!, at: offset)
                    if Bool.random(using: &random) {
                        body.insert(
                            contentsOf: pieces.randomElement(using: &random)!,
                            at: Int.random(in: 0...body.count, using: &random)
                        )
                    }
                    for tail in [[UInt8(ascii: "\"")], Array(#"", "next" : 1}"#.utf8), []] {
                        let bytes =
                            Array(repeating: UInt8(ascii: " "), count: lead) + [UInt8(ascii: "\"")] + body + tail
                        let expected = Self.referenceScan(bytes, from: lead + 1)
                        bytes.withUnsafeBytes { buffer in
                            var skipping = JSONScanner(buffer)
                            var reading = JSONScanner(buffer)
                            let skipped = Result { () throws(JSONSyntaxError) in
                                try skipping.skipString()
                                return skipping.position
                            }
                            let read = Result { () throws(JSONSyntaxError) in
                                _ = try reading.readString()
                                return reading.position
                            }
                            #expect(skipped == expected, "\(bytes)")
                            #expect(read == expected, "\(bytes)")
                            if case .success = expected { checked += 1 }
                        }
                    }
                }
            }
        }
        #expect(checked > 1_000)  // the good cases were reached, not only failures
    }

    /// A key of every length up to past the sixteen-byte window: the member loop hands it over with
    /// the same bytes and head as a key built from its bytes alone.
    @Test func keysOfEveryLengthKeepTheirBytesAndHead() throws {
        for length in 0...20 {
            let key = Array("abcdefghijklmnopqrstuvwxyz".utf8.prefix(length))
            let document = Array(#"{ ""#.utf8) + key + Array(#"" : 1, "z":2}"#.utf8)
            try document.withUnsafeBytes { buffer in
                var scanner = JSONScanner(buffer)
                var seen: [([UInt8], UInt64, UInt64)] = []
                try scanner.forEachMember { member, scanner throws(JSONSyntaxError) in
                    seen.append((Array(member.bytes), member.head, JSONKey(member.bytes).head))
                    _ = try scanner.readInt()
                }
                #expect(seen.count == 2)
                #expect(seen.first?.0 == key)
                #expect(seen.first.map { $0.1 == $0.2 } == true, "length \(length)")
            }
        }
    }
}
