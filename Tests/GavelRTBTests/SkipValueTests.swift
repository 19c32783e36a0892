import GavelCore
import PropertyBased
import Testing

@testable import GavelRTB

/// `skipValue()` walks JSON in one loop without building anything; `readValue()` walks it
/// member by member through `forEachMember` and builds a tree. On any input both must accept
/// the same documents and refuse the others with the same error at the same offset, except
/// that only `readValue()` refuses a number too large for a `Double`, and where no value can
/// start it expects a number (the decoders' wording for a member) where the skip names the byte.
@Suite struct SkipValueTests {
    private static let corpus = Fixtures.requestNames().map(Fixtures.request)

    private static func outcomes(_ bytes: [UInt8]) -> (skipped: JSONSyntaxError?, read: JSONSyntaxError?) {
        bytes.withUnsafeBytes { buffer in
            var skipping = JSONScanner(buffer)
            var reading = JSONScanner(buffer)
            let skipped = Result { () throws(JSONSyntaxError) in
                try skipping.skipValue()
                try skipping.expectEnd()
            }
            let read = Result { () throws(JSONSyntaxError) in
                _ = try reading.readValue()
                try reading.expectEnd()
            }
            return (skipped.failure, read.failure)
        }
    }

    private static func agree(_ bytes: [UInt8]) -> Bool {
        let (skipped, read) = outcomes(bytes)
        if read?.reason == .numberOutOfRange { return true }
        if let read, let skipped, read.reason == .typeMismatch(expected: .number),
            case .unexpectedByte = skipped.reason
        {
            return read.offset == skipped.offset
        }
        return skipped == read
    }

    @Test(arguments: [
        "{}", "[]", " [ 1 , 2 ] ", #"{"a":[1,{"b":null}],}"#, "[1,]", "[,1]", "{,}", #"{"a":1,,}"#, "[01]", "[-]",
        "[1.]", "[1e]", "[1.5e-3,-0,0.0]", "[tru]", "[nul", #"{"a" 1}"#, #"{"a":}"#, #"{1:2}"#, "[1 2]", "[1}",
        #"{"a":1]"#, #""\ud800""#, #""a\x""#, "\"a\u{01}\"", #""12345678901234567890""#, "", "   ", "1e999",
        String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        "{\n        \"a\" : [ 1,\n          2 ]\n}",
        // Short strings and integers, which `skipValue()` steps over before its general loop.
        "7", " 123 ", "1.25", "9E2", "12x", "12.", #""fifteen bytes!!""#, #""sixteen bytes!!!""#, #"  "ab" "#,
        #""ab\"c""#, "\"a\u{01}b\"",
    ])
    func knownDocuments(json: String) {
        let (skipped, read) = Self.outcomes(Array(json.utf8))
        #expect(
            Self.agree(Array(json.utf8)),
            "\(json): skip \(String(describing: skipped)), read \(String(describing: read))"
        )
    }

    /// A value skipped inside an object the reader entered counts its nesting on top of that
    /// object's, and leaves the depth where it was.
    @Test func nestingLimitCountsTheEnclosingObjects() {
        for inner in [62, 63, 64] {
            let json = #"{"a":"# + String(repeating: "[", count: inner) + String(repeating: "]", count: inner) + "}"
            Array(json.utf8).withUnsafeBytes { buffer in
                var skipping = JSONScanner(buffer)
                let skipped = Result { () throws(JSONSyntaxError) in
                    try skipping.forEachMember { _, scanner throws(JSONSyntaxError) in try scanner.skipValue() }
                }
                var reading = JSONScanner(buffer)
                let read = Result { () throws(JSONSyntaxError) in _ = try reading.readValue() }
                #expect(skipped.failure == read.failure, "\(inner)")
                #expect((skipped.failure?.reason == .tooDeep) == (inner == 64), "\(inner)")
                if skipped.failure == nil { #expect(skipping.depth == 0) }
            }
        }
    }

    @Test func corpusFilesAndTheirPrefixes() {
        for document in Self.corpus {
            #expect(Self.outcomes(document).skipped == nil)
            for length in stride(from: 0, to: document.count, by: 7) {
                #expect(Self.agree(Array(document[..<length])), "cut at \(length)")
            }
        }
    }

    @Test func randomJSONishBytes() async {
        let alphabet = Array(#"{}[]:,"\ u0123456789.eE-+truefalsnl"#.utf8) + [0x0A, 0x09, 0xC3, 0xA9]
        await propertyCheck(count: 500, input: Gen.element(of: alphabet).map { $0! }.array(of: 0...60)) { bytes in
            #expect(Self.agree(bytes), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func mutatedCorpusFiles() async {
        let interesting = Array(#"{}[]:,"\0-.eE "#.utf8) + [0x0A, 0x00, 0x80, 0xFF]
        await propertyCheck(count: 500, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SeededRandom(seed: seed)
            var bytes = Self.corpus[Int(random.next() % UInt64(Self.corpus.count))]
            for _ in 0...(random.next() % 3) {
                let index = Int(random.next() % UInt64(bytes.count))
                let byte = interesting[Int(random.next() % UInt64(interesting.count))]
                if random.next() % 2 == 0 { bytes[index] = byte } else { bytes.insert(byte, at: index) }
            }
            #expect(Self.agree(bytes))
        }
    }
}
