import Foundation
import GavelRTB
import PropertyBased
import Testing

/// The scanner's JSON grammar, seen through the public decoders.
@Suite struct JSONScannerTests {
    private func decode(_ json: String) throws(OpenRTBDecodingError) -> OpenRTB.BidRequest {
        try OpenRTBDecoder.decodeBidRequest(Array(json.utf8))
    }

    private func error(_ bytes: [UInt8]) -> OpenRTBDecodingError? {
        do {
            _ = try OpenRTBDecoder.decodeBidRequest(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func stringEscapesAndSurrogatePairs() throws {
        let request = try decode(#"{"id":"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00z"}"#)
        #expect(request.id == "a\"b\\c/d\u{8}\u{c}\n\r\tAé€😀z")
    }

    @Test func escapedKeysMatchTheirMembers() throws {
        let request = try decode(#"{"\u0069d":"x","t\u006dax":5}"#)
        #expect(request.id == "x" && request.tmax == 5)
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try decode(#"{"id":"Grüße 日本 😀"}"#).id == "Grüße 日本 😀")
    }

    @Test(arguments: [
        (#"{"id":"x",,}"#, "unexpected ','"),
        (#"{,}"#, "unexpected ','"),
        (#"{"ext":[,]}"#, "unexpected ','"),
        (#"{"tmax":01}"#, "unexpected '1'"),
        (#"{"id":"\ud800"}"#, "unpaired UTF-16 surrogate in \u{5c}u escape"),
        (#"{"id":"\udc00"}"#, "unpaired UTF-16 surrogate in \u{5c}u escape"),
        (#"{"id":"\q"}"#, "invalid escape sequence in string"),
        (#"{"id":"\u12G4"}"#, "invalid escape sequence in string"),
        ("{\"id\":\"a\u{01}\"}", "unescaped control character in string"),
        (#"{"id":"x"} x"#, "unexpected 'x' after the end of the document"),
        (#"{"tmax":1.5}"#, "expected a whole number"),
        (#"{"tmax":9223372036854775808}"#, "number out of range for its field"),
        (#"{"tmax":"1"}"#, "expected a number"),
        (#"{"id":7}"#, "expected a string"),
        (#"{"imp":{}}"#, "expected an array"),
        (#"{"site":[]}"#, "expected an object"),
        (#"{"tmax":1.}"#, "invalid number"),
        (#"{"tmax":1e}"#, "invalid number"),
        (#"{"tmax":-}"#, "unexpected '}'"),
        (#"{"tmax":.5}"#, "expected a number"),
        (#"{"ext":.5}"#, "unexpected '.'"),
        (#"{"ext":tru}"#, "unexpected '}'"),
        (#"{"pxratio":NaN}"#, "unexpected 'N'"),
        (#"{"device":{"pxratio":1e400}}"#, "number out of range for its field"),
        // CPMs beyond what micros hold: a floor must not stop the bidder (found replaying real requests).
        (#"{"imp":[{"id":"1","bidfloor":1e308}]}"#, "number out of range for its field"),
        (#"{"imp":[{"id":"1","bidfloor":-1e20}]}"#, "number out of range for its field"),
        (#"{"imp":[{"id":"1","pmp":{"deals":[{"id":"d","bidfloor":9.3e12}]}}]}"#, "number out of range for its field"),
        (#"{"id" "x"}"#, "unexpected '\"'"),
        ("", "unexpected end of input"),
        ("  \n ", "unexpected end of input"),
        ("null", "expected an object"),
        (#"{"id":"x""#, "unexpected end of input"),
    ])
    func malformedInputIsRejected(json: String, message: String) {
        #expect(error(Array(json.utf8))?.message == message, "\(json)")
    }

    @Test func invalidUTF8IsRejected() {
        for bytes: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            let document = Array(#"{"id":""#.utf8) + bytes + Array(#""}"#.utf8)
            #expect(
                error(document)?.message == "invalid UTF-8" || error(document)?.message == "unexpected end of input"
            )
            #expect(error(document) != nil)
        }
    }

    @Test func errorsCarryLineAndColumn() {
        let json = "{\n  \"id\": \"x\",\n  \"tmax\": \"slow\"\n}"
        let failure = error(Array(json.utf8))
        #expect(failure?.line == 3)
        #expect(failure?.column == 11)
        #expect(failure?.description == "line 3, column 11 (tmax): expected a number")
    }

    /// A request on one line is common: the member's path says where the line and column point.
    @Test(arguments: [
        (#"{"site":{"id":"x"},"user":{"id":1}}"#, "user.id"),
        (#"{"imp":[{"id":"1"},{"id":"2","banner":{"format":[{"w":1},{"w":"300"}]}}]}"#, "imp[1].banner.format[1].w"),
        (#"{"ext":{"a\"b":[1,{"c":2}]},"tmax":"slow"}"#, "tmax"),
        (#"{"imp":[{"id":"1","bidfloor":1e308}]}"#, "imp[0].bidfloor"),
        (#"{"id":"x",,}"#, ""),
    ])
    func errorsNameTheMember(json: String, path: String) {
        #expect(error(Array(json.utf8))?.path == path, "\(json)")
    }

    @Test func wrongTypesAreInvalidValuesNotBrokenJSON() {
        #expect(error(Array(#"{"user":{"id":1}}"#.utf8))?.isInvalidValue == true)
        #expect(error(Array(#"{"tmax":120.5}"#.utf8))?.isInvalidValue == true)
        #expect(error(Array(#"{"user":{"id" "x"}}"#.utf8))?.isInvalidValue == false)
        #expect(
            error(Array(#"{"user":{"id":1}}"#.utf8))?.description == "line 1, column 15 (user.id): expected a string")
    }

    @Test func nestingIsBoundedAt64Levels() throws {
        func document(depth: Int) -> [UInt8] {
            // The request object is level 1 and `ext` level 2, so `depth - 2` arrays reach `depth`.
            Array(#"{"id":"x","ext":{"a":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: depth - 2)
                + Array(repeating: UInt8(ascii: "]"), count: depth - 2) + Array("}}".utf8)
        }
        #expect(try OpenRTBDecoder.decodeBidRequest(document(depth: 64)).id == "x")
        #expect(error(document(depth: 65))?.message == "nesting deeper than 64 levels")
        #expect(error(Array(repeating: UInt8(ascii: "["), count: 100_000)) != nil)
    }

    @Test func foundationLeniencies() throws {
        let request = try decode("\u{FEFF}" + #"{"id":"x","bcat":["IAB1",],}"#)
        #expect(request.id == "x" && request.bcat == ["IAB1"])
    }

    @Test func integersAcceptWholeNumbersWrittenAsFloats() throws {
        #expect(try decode(#"{"tmax":300.0}"#).tmax == 300)
        #expect(try decode(#"{"tmax":1e2}"#).tmax == 100)
        #expect(try decode(#"{"tmax":-9223372036854775808}"#).tmax == Int.min)
        #expect(try decode(#"{"tmax":9223372036854775807}"#).tmax == Int.max)
    }

    @Test func nullReadsAsAbsent() throws {
        let request = try decode(#"{"id":null,"imp":null,"tmax":null,"site":null,"bcat":null}"#)
        #expect(request == OpenRTB.BidRequest())
    }

    /// Doubles parse to the correctly rounded value, as `Double(String)` (strtod) gives it.
    @Test func doublesMatchTheCLibrary() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: -340...320)) {
            mantissa,
            exponent in
            let digits = String(mantissa % 1_000_000_000_000_000_000)
            for text in ["\(digits)e\(exponent)", "-0.\(digits)", "\(digits.prefix(7)).\(digits.dropFirst(7))"] {
                let json = #"{"device":{"pxratio":\#(text)}}"#
                guard let expected = Double(text), expected.isFinite else {
                    #expect(throws: OpenRTBDecodingError.self) { try decode(json) }
                    continue
                }
                #expect((try? decode(json))?.device?.pxRatio == expected, "\(text)")
            }
        }
    }

    @Test func shortestRepresentationsRoundTrip() async {
        await propertyCheck(count: 400, input: Gen.double(in: -1e12...1e12)) { value in
            let json = #"{"device":{"pxratio":\#(value)}}"#
            #expect((try? decode(json))?.device?.pxRatio == value)
        }
    }

    @Test func genericValuesParse() throws {
        let value = try JSONValue(parsing: Array(#" {"a":[1,-2.5e1,true,false,null,"s"],"b":{}} "#.utf8))
        #expect(
            value
                == .object([
                    "a": .array([.number(1), .number(-25), .bool(true), .bool(false), .null, .string("s")]),
                    "b": .object([:]),
                ])
        )
    }
}
