import Foundation
import GavelCore
import GavelRTB
import PropertyBased
import Testing

/// Hostile bytes never crash the decoder: it returns a request or throws. Where the scanner
/// accepts or refuses a document, Foundation's own JSON parser must agree.
@Suite struct FuzzTests {
    private static let corpus = Fixtures.requestNames().map(Fixtures.request)

    /// Runs both decoders, and the decoder in both scopes; a crash here fails the whole test run.
    /// The bidding decode (see `BiddingScopeTests`) gives the bidder's view of what the complete
    /// decode accepts, fails with the same error where the complete decode finds the document is
    /// not JSON, and may only accept what the complete decode refuses for a member's type or range.
    private func exercise(_ bytes: [UInt8]) -> (decoded: Bool, wellFormed: Bool) {
        let complete = Result { () throws(OpenRTBDecodingError) in try OpenRTBDecoder.decodeBidRequest(bytes) }
        let bidding = Result { () throws(OpenRTBDecodingError) in
            try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        }
        switch (complete, bidding) {
        case (.success(let full), .success(let kept)): #expect(kept == BidderView.of(full))
        case (.failure(let expected), .failure(let error)):
            if !Self.isValueError(expected) { #expect(error == expected) }
        case (.failure(let expected), .success): #expect(Self.isValueError(expected), "\(expected)")
        case (.success, .failure(let error)):
            Issue.record("the bidding decode failed (\(error)) where the complete one did not")
        }
        let decoded = (try? complete.get()) != nil
        _ = BidRequestValidator().read(bytes)
        let wellFormed = (try? JSONValue(parsing: bytes)) != nil
        return (decoded, wellFormed)
    }

    /// A wrong type or an out-of-range number: JSON, but not the member the model expects.
    private static func isValueError(_ error: OpenRTBDecodingError) -> Bool {
        error.isInvalidValue
    }

    private func foundationAccepts(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...300)) { bytes in
            let outcome = exercise(bytes)
            #expect(!outcome.decoded || outcome.wellFormed)
            #expect(outcome.wellFormed == foundationAccepts(bytes))
        }
    }

    @Test func randomJSONishBytes() async {
        let alphabet = Array(#"{}[]:,"\ u0123456789.eE-+truefalsnl"#.utf8) + [0x0A, 0xC3, 0xA9]
        await propertyCheck(count: 300, input: Gen.element(of: alphabet).map { $0! }.array(of: 0...60)) { bytes in
            let outcome = exercise(bytes)
            #expect(outcome.wellFormed == foundationAccepts(bytes), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Any number where a CPM goes decodes or is refused as out of range, in both decoders: `1e308`
    /// in `bidfloor` used to stop the process turning it into micros.
    @Test func anyFloorDecodesOrIsOutOfRange() async {
        let magnitudes = Gen.double(in: -15...308).map { pow(10, $0) }
        await propertyCheck(count: 300, input: magnitudes, Gen.bool) { magnitude, negative in
            let floor = negative ? -magnitude : magnitude
            let json = #"{"id":"r","imp":[{"id":"1","bidfloor":\#(floor),"pmp":{"deals":[{"id":"d","bidfloor":\#(floor)}]}}]}"#
            let outcome = exercise(Array(json.utf8))
            #expect(outcome.wellFormed)
            #expect(outcome.decoded == Micros.representableUnits.contains(floor), "\(floor)")
        }
    }

    /// A proper prefix of a corpus file is incomplete JSON, unless only whitespace was cut.
    /// Every third cut point, and every one of the last 64, keeps the debug suite fast.
    @Test func truncations() {
        var wrong: [String] = []
        for (file, document) in Self.corpus.enumerated() {
            let cuts = Set(stride(from: 0, to: document.count, by: 3)).union(
                max(0, document.count - 64)..<document.count
            )
            for length in cuts {
                let prefix = Array(document[..<length])
                let onlyWhitespaceCut = document[length...].allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
                let decoded = (try? OpenRTBDecoder.decodeBidRequest(prefix)) != nil
                if decoded != onlyWhitespaceCut { wrong.append("file \(file) cut at \(length)") }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// Byte flips, insertions, deletions and duplicated spans of corpus files.
    @Test func mutations() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SeededRandom(seed: seed)
            var bytes = Self.corpus[Int(random.next() % UInt64(Self.corpus.count))]
            for _ in 0...(random.next() % 4) {
                mutate(&bytes, &random)
            }
            let outcome = exercise(bytes)
            #expect(outcome.wellFormed == foundationAccepts(bytes), "\(Self.explain(bytes))")
        }
    }

    private static func explain(_ bytes: [UInt8]) -> String {
        do {
            _ = try JSONValue(parsing: bytes)
            return "scanner accepts"
        } catch {
            let start = max(0, error.offset - 30)
            let end = min(bytes.count, error.offset + 30)
            let context = bytes[start..<end]
            return "\(error) near «\(String(decoding: context, as: UTF8.self))» \(Array(context))"
        }
    }

    private func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        guard !bytes.isEmpty else { return }
        let index = Int(random.next() % UInt64(bytes.count))
        let interesting = Array(#"{}[]:,"\0-.e"#.utf8) + [0x00, 0x80, 0xFF, 0xED]
        switch random.next() % 5 {
        case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes[index] = interesting[Int(random.next() % UInt64(interesting.count))]
        case 2: bytes.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: index)
        case 3: bytes.remove(at: index)
        default:
            let end = min(bytes.count, index + Int(random.next() % 64))
            bytes.insert(contentsOf: bytes[index..<end], at: index)
        }
    }
}
