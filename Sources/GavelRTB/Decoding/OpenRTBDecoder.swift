/// Decodes OpenRTB 2.6 bid requests and responses straight from request bytes.
///
/// This is the bid endpoint's hot path: a few microseconds per request where `JSONDecoder`
/// takes tens (see ``JSONScanner``). It accepts what exchanges send — unknown members and
/// `ext` are skipped, 2.5-era `ext` locations are read, `native.request` may be a string or an
/// object — and rejects what is not JSON. Whether the request is *valid* OpenRTB is a separate
/// question, answered by ``BidRequestValidator``.
public enum OpenRTBDecoder {
    /// How much of a bid request to build.
    public enum Scope: Sendable {
        /// Every member the model has, as `JSONDecoder` decodes it.
        case complete
        /// Only the members that validation, targeting, pricing and the response read: ids,
        /// inventory domain and bundle, categories, device type, OS and connection type, country,
        /// region and UTC offset, audience ids and segments, block lists, seats, currencies,
        /// floors, deals, formats and sizes, blocked attributes, the privacy signals `regs.coppa`,
        /// `regs.gdpr`, `regs.us_privacy` and `user.consent` (see `Stream+Bidding.swift`).
        ///
        /// Everything else is stepped over as JSON *syntax* only and left `nil`, the way tolerant
        /// exchange-facing bidders read requests: a document that is not JSON (bad tokens or
        /// numbers, unterminated strings, bad escapes or surrogates, invalid UTF-8, nesting
        /// deeper than ``JSONScanner/maximumDepth``) is refused as by ``complete``, and so is a
        /// member the bidder reads with the wrong type; but a member it does not read may have
        /// any type (`"device":{"ua":5}`, `"regs":[]`), where the complete decode refuses the
        /// request. A valid request decodes to the complete decode's values for every member the
        /// bidder reads.
        case bidding
    }

    /// - Parameter scope: ``Scope/bidding`` on the bid path; ``Scope/complete`` where the whole
    ///   request is kept or shown.
    /// - Throws: ``OpenRTBDecodingError`` with the line and column of the first problem.
    public static func decodeBidRequest(
        _ bytes: UnsafeRawBufferPointer,
        scope: Scope = .complete
    ) throws(OpenRTBDecodingError) -> OpenRTB.BidRequest {
        // Filled in place: a request is kilobytes, and each hand-over by value was a copy of all of it.
        var request = OpenRTB.BidRequest()
        try decode(from: bytes, into: &request, scope: scope)
        return request
    }

    public static func decodeBidRequest(
        _ bytes: [UInt8],
        scope: Scope = .complete
    ) throws(OpenRTBDecodingError) -> OpenRTB.BidRequest {
        try withBytes(bytes) { buffer throws(OpenRTBDecodingError) in try decodeBidRequest(buffer, scope: scope) }
    }

    public static func decodeBidResponse(
        _ bytes: UnsafeRawBufferPointer
    ) throws(OpenRTBDecodingError) -> OpenRTB.BidResponse {
        try decode(OpenRTB.BidResponse.self, from: bytes)
    }

    public static func decodeBidResponse(_ bytes: [UInt8]) throws(OpenRTBDecodingError) -> OpenRTB.BidResponse {
        try withBytes(bytes) { buffer throws(OpenRTBDecodingError) in try decodeBidResponse(buffer) }
    }

    /// Whether the document is an OpenRTB 3.0 envelope (`{"openrtb": {...}}`), which a 2.x
    /// endpoint must refuse rather than read as an empty 2.x request. Only consulted on the
    /// failure path, so it re-scans the top level instead of slowing every decode.
    public static func isOpenRTB3Envelope(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var scanner = JSONScanner(bytes)
        var found = false
        do throws(JSONSyntaxError) {
            guard scanner.peek() == UInt8(ascii: "{") else { return false }
            try scanner.forEachMember { key, scanner throws(JSONSyntaxError) in
                if case "openrtb" = key, scanner.peek() == UInt8(ascii: "{") { found = true }
                try scanner.skipValue()
            }
        } catch {
            return false
        }
        return found
    }

    static func decode<T: JSONObjectDecodable>(
        _ type: T.Type,
        from bytes: UnsafeRawBufferPointer
    ) throws(OpenRTBDecodingError) -> T {
        var value = T()
        try decode(from: bytes, into: &value, scope: .complete)
        return value
    }

    /// Fills `value` (fresh from `init()`) from the document.
    static func decode<T: JSONObjectDecodable>(
        from bytes: UnsafeRawBufferPointer,
        into value: inout T,
        scope: Scope
    ) throws(OpenRTBDecodingError) {
        var scanner = JSONScanner(bytes)
        scanner.scope = scope
        do throws(JSONSyntaxError) {
            try scanner.readObject(into: &value)
            try scanner.expectEnd()
        } catch {
            throw OpenRTBDecodingError(error, in: bytes)
        }
    }

    private static func withBytes<T>(
        _ bytes: [UInt8],
        _ body: (UnsafeRawBufferPointer) throws(OpenRTBDecodingError) -> T
    ) throws(OpenRTBDecodingError) -> T {
        let result: Result<T, OpenRTBDecodingError> = bytes.withUnsafeBytes { buffer in
            do throws(OpenRTBDecodingError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// Why a document could not be decoded, with its position for the exchange's logs.
public struct OpenRTBDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem, from 0.
    public var offset: Int
    /// Line of the problem, from 1.
    public var line: Int
    /// Column of the problem in bytes, from 1.
    public var column: Int
    /// What was wrong, in words.
    public var message: String
    /// The member the problem is in, as `imp[0].banner.w`; empty at the top level.
    public var path: String
    /// A member of another type than its field takes, or a number its field cannot hold
    /// (`"id": 7`, `"tmax": 1.5`) — the usual mistake in a request that is otherwise JSON —
    /// rather than text that is not JSON at all (`"id" "x"`).
    public var isInvalidValue: Bool

    init(_ error: JSONSyntaxError, in bytes: UnsafeRawBufferPointer) {
        offset = min(error.offset, bytes.count)
        line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        column = offset - lineStart + 1
        message = Self.message(for: error.reason)
        path = JSONPath.members(leadingTo: offset, in: bytes)
        switch error.reason {
        case .typeMismatch, .numberOutOfRange, .notAnInteger: isInvalidValue = true
        default: isInvalidValue = false
        }
    }

    public var description: String {
        "line \(line), column \(column)\(path.isEmpty ? "" : " (\(path))"): \(message)"
    }

    private static func message(for reason: JSONSyntaxError.Reason) -> String {
        switch reason {
        case .unexpectedEnd: "unexpected end of input"
        case .unexpectedByte(let byte): "unexpected \(quoted(byte))"
        case .trailingData(let byte): "unexpected \(quoted(byte)) after the end of the document"
        case .invalidEscape: "invalid escape sequence in string"
        case .unpairedSurrogate: "unpaired UTF-16 surrogate in \\u escape"
        case .controlCharacterInString: "unescaped control character in string"
        case .invalidUTF8: "invalid UTF-8"
        case .invalidNumber: "invalid number"
        case .numberOutOfRange: "number out of range for its field"
        case .notAnInteger: "expected a whole number"
        case .tooDeep: "nesting deeper than \(JSONScanner.maximumDepth) levels"
        case .typeMismatch(let expected): "expected \(expected.rawValue)"
        }
    }

    private static func quoted(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
