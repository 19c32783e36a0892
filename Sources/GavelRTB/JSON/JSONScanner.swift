import CGavelSIMD

/// A forward-only JSON reader over raw bytes that the OpenRTB model types pull values from.
///
/// `JSONDecoder` first builds a tree of boxed values and then walks it through `Codable`'s
/// dynamic containers: ≈ 40 µs and ~150 allocations for a 1.4 KB bid request. A bidder with a
/// 100 ms `tmax` and 40 k requests/s/core cannot afford that, so the model types read
/// themselves straight from the bytes: object keys are compared in place (never turned into
/// `String`s), unknown keys and `ext` objects are skipped without building anything, and only
/// the strings the model keeps are allocated.
///
/// The scanner accepts what Foundation's parser accepts, so the two decoders agree on which
/// documents are JSON: RFC 8259 (no comments, no leading zeros, valid UTF-8 and escapes, paired
/// `\u` surrogates) plus Foundation's two leniencies, one trailing comma before `]`/`}` and a
/// leading byte order mark. Nesting is bounded at ``maximumDepth`` so hostile input cannot
/// exhaust the stack.
struct JSONScanner {
    /// Deeper nesting than any OpenRTB document needs (a request is ≈ 6 levels, `ext` adds a few).
    static let maximumDepth = 64

    let bytes: JSONBytes
    private(set) var position = 0
    private(set) var depth = 0
    /// Which members objects read: all of them, or only the bidder's
    /// (``JSONObjectDecodable/bidderReads(_:)``).
    var scope = OpenRTBDecoder.Scope.complete

    /// Starts at the first byte, or after a UTF-8 byte order mark, which Foundation also skips.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = JSONBytes(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    // MARK: - Bytes and structure

    func failure(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, offset: position)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        position = Self.afterWhitespace(in: bytes, from: position)
    }

    /// The position of the first byte at or after `start` that is not whitespace. Exchanges and
    /// tools pretty-print requests (indentation was ≈ 40 % of the corpus bytes): most tokens follow
    /// no whitespace or one space (`"key" : value`, 132 a request), found with one or two byte
    /// tests; a line break and its indentation is classified sixteen bytes at a time.
    @inline(__always)
    static func afterWhitespace(in bytes: JSONBytes, from start: Int) -> Int {
        guard start < bytes.count else { return start }
        let first = bytes[start]
        if first > 0x20 { return start }
        if first == 0x20, start &+ 1 < bytes.count, bytes[start &+ 1] > 0x20 { return start &+ 1 }
        return afterWhitespaceRun(in: bytes, from: start)
    }

    /// ``afterWhitespace(in:from:)`` for a run that may be longer than one byte.
    static func afterWhitespaceRun(in bytes: JSONBytes, from start: Int) -> Int {
        var position = start
        while position &+ 16 <= bytes.count {
            let run = (~bytes.whitespace(at: position)).trailingZeroBitCount  // at most 16: bits 16... are set
            position &+= run
            if run < 16 { return position }
        }
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position &+= 1
            default: return position
            }
        }
        return position
    }

    /// The next significant byte, or `nil` at the end of input.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard let next = peek() else { throw failure(.unexpectedEnd) }
        guard next == byte else { throw failure(.unexpectedByte(next)) }
        position &+= 1
    }

    /// Consumes `null` if it is the next value, so optional fields read as `nil`.
    @inline(__always)
    mutating func consumeNull() throws(JSONSyntaxError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Requires that only whitespace follows the top-level value.
    mutating func expectEnd() throws(JSONSyntaxError) {
        if let next = peek() { throw failure(.trailingData(next)) }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position &+ count <= bytes.count else { throw failure(.unexpectedEnd) }
        for index in 0..<count where bytes[position &+ index] != word.utf8Start[index] {
            position &+= index
            throw failure(.unexpectedByte(bytes[position]))
        }
        position &+= count
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw failure(.tooDeep) }
    }

    /// Walks the members of an object, calling `body` with each key positioned on its value;
    /// `body` must consume exactly that value.
    @inline(__always)
    mutating func forEachMember(
        _ body: (JSONKey, inout JSONScanner) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "{"))
        try enterContainer()
        if peek() == UInt8(ascii: "}") {
            position &+= 1
            depth -= 1
            return
        }
        while true {
            try expect(UInt8(ascii: "\""))
            let keyStart = position
            let plainKey: JSONKey?  // nil when the key has escapes
            if let (length, head) = shortPlainString() {
                plainKey = JSONKey(bytes[unchecked: keyStart, count: length], head: head)
            } else if try scanStringBody() {
                plainKey = JSONKey(bytes[keyStart..<position &- 1])
            } else {
                plainKey = nil
            }
            let keyEnd = position &- 1
            try expect(UInt8(ascii: ":"))
            if let plainKey {
                try body(plainKey, &self)
            } else {
                let unescaped = try unescape(from: keyStart, to: keyEnd)
                var thrown: JSONSyntaxError?
                unescaped.withUnsafeBytes { buffer in
                    do throws(JSONSyntaxError) { try body(JSONKey(buffer), &self) } catch { thrown = error }
                }
                if let thrown { throw thrown }
            }
            guard let next = peek() else { throw failure(.unexpectedEnd) }
            position &+= 1
            if next == UInt8(ascii: "}") { break }
            if next != UInt8(ascii: ",") {
                position &-= 1
                throw failure(.unexpectedByte(next))
            }
            if peek() == UInt8(ascii: "}") {  // one trailing comma, as Foundation's parser allows
                position &+= 1
                break
            }
        }
        depth -= 1
    }

    /// Walks the elements of an array; `body` must consume exactly one value.
    @inline(__always)
    mutating func forEachElement(_ body: (inout JSONScanner) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "["))
        try enterContainer()
        if peek() == UInt8(ascii: "]") {
            position &+= 1
            depth -= 1
            return
        }
        while true {
            try body(&self)
            guard let next = peek() else { throw failure(.unexpectedEnd) }
            position &+= 1
            if next == UInt8(ascii: "]") { break }
            if next != UInt8(ascii: ",") {
                position &-= 1
                throw failure(.unexpectedByte(next))
            }
            if peek() == UInt8(ascii: "]") {
                position &+= 1
                break
            }
        }
        depth -= 1
    }

    // MARK: - Skipping

    /// Consumes one value of any type, validating it, without building anything.
    ///
    /// Unknown members, `ext` and everything the bid path does not read go through here. It
    /// refuses exactly what the readers refuse as JSON — the same error at the same offset as
    /// walking the value with ``forEachMember(_:)`` — but accepts any value types, since nothing
    /// is read. Most skipped members are short strings and integers (20 of the 32 a corpus
    /// request skips): those are stepped over in place, without the call and set-up of
    /// ``skipAnyValue()``.
    @inline(__always)
    mutating func skipValue() throws(JSONSyntaxError) {
        let start = Self.afterWhitespace(in: bytes, from: position)
        if start < bytes.count {
            let first = bytes[start]
            if first == UInt8(ascii: "\""), let length = Self.shortPlainStringLength(in: bytes, at: start &+ 1) {
                position = start &+ length &+ 2
                return
            }
            if first &- UInt8(ascii: "1") < 9, let end = Self.plainIntegerEnd(in: bytes, from: start) {
                position = end
                return
            }
        }
        position = start
        try skipAnyValue()
    }

    /// ``skipValue()`` for any value: one loop over the value's tokens with the position in a
    /// local, nesting tracked in a bit stack (1 = object) and a count of open containers on top of
    /// ``depth`` (which is where it was again when the value ends), instead of a call per member
    /// and element.
    private mutating func skipAnyValue() throws(JSONSyntaxError) {
        var objects: UInt64 = 0  // bit 0 is the innermost open container
        var open = 0
        var at = position
        while true {
            at = Self.afterWhitespace(in: bytes, from: at)
            guard at < bytes.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: at) }
            let first = bytes[at]
            switch first {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                at &+= 1
                open += 1
                if depth &+ open > Self.maximumDepth { throw JSONSyntaxError(reason: .tooDeep, offset: at) }
                let isObject = first == UInt8(ascii: "{")
                objects = objects << 1 | (isObject ? 1 : 0)
                at = Self.afterWhitespace(in: bytes, from: at)
                if at < bytes.count, bytes[at] == first &+ 2 {  // `}` and `]` follow `{` and `[` by two
                    at &+= 1
                    objects >>= 1
                    open -= 1
                } else {
                    if isObject { at = try skipKey(from: at) }
                    continue
                }
            case UInt8(ascii: "\""):
                at = try skipStringBody(from: at &+ 1)
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                // Integers without fraction or exponent, the usual skipped number, in place.
                if let end = Self.plainIntegerEnd(in: bytes, from: at) {
                    at = end
                } else {
                    position = at
                    _ = try scanNumber(collecting: false)
                    at = position
                }
            default:
                position = at
                switch first {
                case UInt8(ascii: "t"): try literal("true")
                case UInt8(ascii: "f"): try literal("false")
                case UInt8(ascii: "n"): try literal("null")
                default: _ = try scanNumber(collecting: false)
                }
                at = position
            }
            // After a value: close containers or step to the next member or element.
            while open > 0 {
                at = Self.afterWhitespace(in: bytes, from: at)
                guard at < bytes.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: at) }
                let next = bytes[at]
                let close = objects & 1 == 1 ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if next != close {
                    guard next == UInt8(ascii: ",") else {
                        throw JSONSyntaxError(reason: .unexpectedByte(next), offset: at)
                    }
                    at = Self.afterWhitespace(in: bytes, from: at &+ 1)
                    if at >= bytes.count || bytes[at] != close {  // one trailing comma, as in `forEachMember`
                        if objects & 1 == 1 { at = try skipKey(from: at) }
                        break
                    }
                }
                at &+= 1
                objects >>= 1
                open -= 1
            }
            if open == 0 {
                position = at
                return
            }
        }
    }

    /// The end of the integer whose first digit (1–9) is at `start`, when no fraction or exponent
    /// follows its digits; `nil` for ``scanNumber(collecting:)`` to check the rest.
    @inline(__always)
    private static func plainIntegerEnd(in bytes: JSONBytes, from start: Int) -> Int? {
        var at = start
        repeat { at &+= 1 } while at < bytes.count && digit(bytes[at]) != nil
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
        return at
    }

    /// A member's key and colon from `start`, checked as ``forEachMember(_:)`` checks them;
    /// returns the position after the colon.
    @inline(__always)
    private mutating func skipKey(from start: Int) throws(JSONSyntaxError) -> Int {
        var at = Self.afterWhitespace(in: bytes, from: start)
        guard at < bytes.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: at) }
        guard bytes[at] == UInt8(ascii: "\"") else {
            throw JSONSyntaxError(reason: .unexpectedByte(bytes[at]), offset: at)
        }
        at = Self.afterWhitespace(in: bytes, from: try skipStringBody(from: at &+ 1))
        guard at < bytes.count else { throw JSONSyntaxError(reason: .unexpectedEnd, offset: at) }
        guard bytes[at] == UInt8(ascii: ":") else {
            throw JSONSyntaxError(reason: .unexpectedByte(bytes[at]), offset: at)
        }
        return at &+ 1
    }

    /// Checks a string body from `start` (just after its opening quote); returns the position
    /// after its closing quote.
    @inline(__always)
    private mutating func skipStringBody(from start: Int) throws(JSONSyntaxError) -> Int {
        if let length = Self.shortPlainStringLength(in: bytes, at: start) { return start &+ length &+ 1 }
        position = start
        _ = try scanStringBody()
        return position
    }

    // MARK: - Strings

    /// The common case without a call: from just after an opening quote, a string of at most
    /// fifteen plain ASCII bytes (keys, ids, country codes, domains) is consumed with its closing
    /// quote, and its length and first eight bytes (little-endian, zero beyond its end, as
    /// ``JSONKey/head`` wants them) returned. `nil` leaves the position unchanged for
    /// ``scanStringBody()``.
    @inline(__always)
    private mutating func shortPlainString() -> (length: Int, head: UInt64)? {
        guard let length = Self.shortPlainStringLength(in: bytes, at: position) else { return nil }
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        position &+= length &+ 1
        return (length, length >= 8 ? word : word & ~(UInt64.max &<< UInt64(length &* 8)))
    }

    /// The length of a string body at `start` that closes within the next sixteen bytes with
    /// nothing to check on the way (see ``JSONBytes/stringSpecials(at:)``), else `nil`.
    @inline(__always)
    private static func shortPlainStringLength(in bytes: JSONBytes, at start: Int) -> Int? {
        guard start &+ 16 <= bytes.count else { return nil }
        let length = bytes.stringSpecials(at: start).trailingZeroBitCount
        guard length < 16, bytes[start &+ length] == UInt8(ascii: "\"") else { return nil }
        return length
    }

    /// Scans from just after an opening quote to just after the closing quote, validating
    /// escapes and UTF-8. Returns `true` when the string has no escapes, so its bytes can be
    /// used as they are.
    private mutating func scanStringBody() throws(JSONSyntaxError) -> Bool {
        var simple = true
        while position < bytes.count {
            // User agents, page URLs and ids are runs of plain ASCII: step over sixteen such bytes
            // at a time, or straight to the first byte among them that needs the switch below.
            if position &+ 16 <= bytes.count {
                let special = bytes.stringSpecials(at: position)
                if special == 0 {
                    position &+= 16
                    continue
                }
                position &+= special.trailingZeroBitCount
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position &+= 1
                return simple
            case UInt8(ascii: "\\"):
                simple = false
                position &+= 1
                guard position < bytes.count else { throw failure(.unexpectedEnd) }
                switch bytes[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position &+= 1
                case UInt8(ascii: "u"):
                    position &+= 1
                    try scanUnicodeEscape()
                default:
                    throw failure(.invalidEscape)
                }
            case 0x00..<0x20:
                throw failure(.controlCharacterInString)
            case 0x20..<0x80:
                position &+= 1
            default:
                try scanUTF8Sequence(lead: byte)
            }
        }
        throw failure(.unexpectedEnd)
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func scanUTF8Sequence(lead: UInt8) throws(JSONSyntaxError) {
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upperBound = 0x9F
        case 0xF0:
            length = 4
            lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upperBound = 0x8F
        default: throw failure(.invalidUTF8)
        }
        guard position &+ length <= bytes.count else { throw failure(.unexpectedEnd) }
        let second = bytes[position &+ 1]
        guard second >= lowerBound, second <= upperBound else { throw failure(.invalidUTF8) }
        for index in 2..<length where bytes[position &+ index] & 0xC0 != 0x80 {
            throw failure(.invalidUTF8)
        }
        position &+= length
    }

    /// Checks a `\uXXXX` escape (the `\u` consumed): a high surrogate must be followed by a
    /// `\u` low surrogate, and a low surrogate may not stand alone.
    private mutating func scanUnicodeEscape() throws(JSONSyntaxError) {
        let unit = try hexQuad()
        switch unit {
        case 0xD800...0xDBFF:
            guard position &+ 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position &+ 1] == UInt8(ascii: "u")
            else { throw failure(.unpairedSurrogate) }
            position &+= 2
            guard (0xDC00...0xDFFF).contains(try hexQuad()) else { throw failure(.unpairedSurrogate) }
        case 0xDC00...0xDFFF:
            throw failure(.unpairedSurrogate)
        default:
            break
        }
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt16 {
        guard position &+ 4 <= bytes.count else { throw failure(.unexpectedEnd) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape)
            }
            value = value << 4 | UInt16(digit)
            position &+= 1
        }
        return value
    }

    /// Decodes the escapes of a string body `[start, end)` that ``scanStringBody()`` validated.
    private mutating func unescape(from start: Int, to end: Int) throws(JSONSyntaxError) -> [UInt8] {
        let resume = position
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        position = start
        while position < end {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                position &+= 1
                continue
            }
            let escape = bytes[position &+ 1]
            position &+= 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape(to: &output)
            default: output.append(escape)  // \" \\ \/
            }
        }
        position = resume
        return output
    }

    /// Appends the scalar of a `\uXXXX` escape (the `\u` already consumed), joining a high
    /// surrogate with the low one that ``scanUnicodeEscape()`` already checked follows it.
    private mutating func appendUnicodeEscape(to output: inout [UInt8]) throws(JSONSyntaxError) {
        var scalar = UInt32(try hexQuad())
        if (0xD800...0xDBFF).contains(scalar) {
            position &+= 2
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(try hexQuad()) - 0xDC00)
        }
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6))
            output.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18))
            output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Reads a string value. Its UTF-8 was validated while scanning, so `String(decoding:)`
    /// never has to repair it.
    mutating func readString() throws(JSONSyntaxError) -> String {
        let (start, end, simple) = try scanString()
        if simple {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return String(decoding: try unescape(from: start, to: end), as: UTF8.self)
    }

    /// Checks a string value exactly as ``readString()`` does — same errors at the same offsets —
    /// without building it.
    mutating func skipString() throws(JSONSyntaxError) {
        _ = try scanString()
    }

    /// Scans a string value: the bounds of its body and whether it is free of escapes.
    @inline(__always)
    private mutating func scanString() throws(JSONSyntaxError) -> (start: Int, end: Int, simple: Bool) {
        guard let next = peek() else { throw failure(.unexpectedEnd) }
        guard next == UInt8(ascii: "\"") else { throw failure(.typeMismatch(expected: .string)) }
        position &+= 1
        let start = position
        if let (length, _) = shortPlainString() { return (start, start + length, true) }
        let simple = try scanStringBody()
        return (start, position &- 1, simple)
    }

    // MARK: - Numbers and literals

    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case nil: throw failure(.unexpectedEnd)
        default: throw failure(.typeMismatch(expected: .bool))
        }
    }

    /// Reads an integer. A number with a fraction or exponent is accepted when its value is a
    /// whole number in range (`300.0`), as `JSONDecoder` does; `1.5` is a type mismatch.
    mutating func readInt() throws(JSONSyntaxError) -> Int {
        guard let first = peek() else { throw failure(.unexpectedEnd) }
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw failure(.typeMismatch(expected: .number))
        }
        let start = position
        let number = try scanNumber()
        if number.isInteger, let value = number.integerValue { return value }
        let double = try number.doubleValue(bytes: bytes, start: start, end: position)
        guard let value = Int(exactly: double) else {
            position = start
            throw failure(double.rounded() == double ? .numberOutOfRange : .notAnInteger)
        }
        return value
    }

    /// Reads a number as a correctly rounded `Double` (the same value `JSONDecoder` produces).
    mutating func readDouble() throws(JSONSyntaxError) -> Double {
        guard let first = peek() else { throw failure(.unexpectedEnd) }
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw failure(.typeMismatch(expected: .number))
        }
        let start = position
        let number = try scanNumber()
        let value = try number.doubleValue(bytes: bytes, start: start, end: position)
        guard value.isFinite else {
            position = start
            throw failure(.numberOutOfRange)
        }
        return value
    }

    /// ``readDouble()`` for a field whose values must lie in `range`: outside it, out of range.
    mutating func readDouble(within range: ClosedRange<Double>) throws(JSONSyntaxError) -> Double {
        let start = position
        let value = try readDouble()
        guard range.contains(value) else {
            position = start
            throw failure(.numberOutOfRange)
        }
        return value
    }

    /// Scans a JSON number per RFC 8259, collecting up to 19 significant digits on the way
    /// unless `collecting` is false (a skipped number: the grammar alone, at a quarter the cost).
    @inline(__always)
    private mutating func scanNumber(collecting: Bool = true) throws(JSONSyntaxError) -> ScannedNumber {
        var number = ScannedNumber()
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            number.negative = true
            position &+= 1
        }
        guard position < bytes.count else { throw failure(.unexpectedEnd) }
        let first = bytes[position]
        if first == UInt8(ascii: "0") {
            position &+= 1
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) {
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                if collecting { number.append(digit, fractional: false) }
                position &+= 1
            }
        } else {
            throw failure(.unexpectedByte(first))
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            number.isInteger = false
            position &+= 1
            guard position < bytes.count, Self.digit(bytes[position]) != nil else { throw failure(.invalidNumber) }
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                if collecting { number.append(digit, fractional: true) }
                position &+= 1
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            number.isInteger = false
            position &+= 1
            var exponentNegative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position &+= 1
            }
            guard position < bytes.count, Self.digit(bytes[position]) != nil else { throw failure(.invalidNumber) }
            var exponent = 0
            while position < bytes.count, let digit = Self.digit(bytes[position]) {
                if collecting { exponent = min(exponent * 10 + Int(digit), 100_000) }
                position &+= 1
            }
            number.exponent += exponentNegative ? -exponent : exponent
        }
        return number
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> UInt8? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }
}

/// The digits of a scanned number: `mantissa × 10^exponent`, exact while `exact` holds.
private struct ScannedNumber {
    var negative = false
    var isInteger = true
    var mantissa: UInt64 = 0
    var exponent = 0
    /// False once a significant digit no longer fits the 64-bit mantissa.
    var exact = true

    mutating func append(_ digit: UInt8, fractional: Bool) {
        if mantissa <= (UInt64.max - 9) / 10 {
            mantissa = mantissa * 10 + UInt64(digit)
            if fractional { exponent -= 1 }
        } else {
            if digit != 0 { exact = false }
            if !fractional { exponent += 1 }
        }
    }

    var integerValue: Int? {
        guard exact, exponent == 0 else { return nil }
        if negative {
            return mantissa <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- mantissa) : nil
        }
        return mantissa <= UInt64(Int.max) ? Int(mantissa) : nil
    }

    /// Clinger's fast path — a mantissa below 2^53 times an exactly representable power of
    /// ten is one correctly rounded IEEE operation — and the C library's `strtod` otherwise.
    func doubleValue(bytes: JSONBytes, start: Int, end: Int) throws(JSONSyntaxError) -> Double {
        if exact, mantissa < 1 << 53, (-22...22).contains(exponent) {
            let magnitude = Double(mantissa)
            let scaled = exponent < 0 ? magnitude / Self.powersOfTen[-exponent] : magnitude * Self.powersOfTen[exponent]
            return negative ? -scaled : scaled
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let value = Double(text) else { throw JSONSyntaxError(reason: .invalidNumber, offset: start) }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

/// The input as the scanner reads it: a base pointer that is never `nil` (an empty input points
/// nowhere it reads) and a count. Reading through `UnsafeRawBufferPointer` checks its optional
/// base address on every byte; positions never exceed `count`, so arithmetic on them wraps
/// without overflow checks (`&+`).
struct JSONBytes {
    private let start: UnsafeRawPointer
    let count: Int

    init(_ buffer: UnsafeRawBufferPointer) {
        start = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: MemoryLayout<UInt64>.alignment)!
        count = buffer.count
    }

    @inline(__always)
    subscript(offset: Int) -> UInt8 { start.load(fromByteOffset: offset, as: UInt8.self) }

    @inline(__always)
    subscript(range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: start + range.lowerBound, count: range.count)
    }

    /// The `count` bytes from `offset`, for bounds the scanner has already checked (a key it
    /// found): no range or overflow check on the member loop's path.
    @inline(__always)
    subscript(unchecked offset: Int, count count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: start.advanced(by: offset), count: count)
    }

    @inline(__always)
    func loadUnaligned<T>(fromByteOffset offset: Int, as type: T.Type) -> T {
        start.loadUnaligned(fromByteOffset: offset, as: type)
    }

    /// The sixteen bytes at `offset` (which must all be in the input) that are not plain string
    /// content — a quote, a backslash, a control character or a non-ASCII byte — as bit i for
    /// byte `offset + i`: one SSE2 classification (`CGavelSIMD`), where the eight-byte SWAR test
    /// it replaced took twice the instructions for half the bytes.
    @inline(__always)
    func stringSpecials(at offset: Int) -> UInt32 {
        gavel_string_specials16(start + offset)
    }

    /// The sixteen bytes at `offset` (which must all be in the input) that are JSON whitespace, as
    /// bit i for byte `offset + i` (`CGavelSIMD`).
    @inline(__always)
    func whitespace(at offset: Int) -> UInt32 {
        gavel_whitespace16(start + offset)
    }
}
