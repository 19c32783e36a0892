import GavelCore

/// A model type that fills itself from the members of a JSON object as the scanner meets them.
///
/// Each conformance is one `switch` from wire key to property, with `default: skipValue()` —
/// which is what makes unknown members and `ext` free to ignore. The `Decodable` conformance of
/// the same type is the independent reference the tests compare against.
protocol JSONObjectDecodable {
    init()
    /// Reads a member in a ``OpenRTBDecoder/Scope/complete`` decode: every member the model has.
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError)
    /// Whether a ``OpenRTBDecoder/Scope/bidding`` decode reads the member with `decodeMember`;
    /// the others are skipped as syntax (see `Stream+Bidding.swift`). Types the bid path never
    /// enters keep the default, all of them.
    static func bidderReads(_ key: JSONKey) -> Bool
    /// Called after the closing brace: where values found in 2.5-era `ext` locations are moved
    /// to their 2.6 homes when the 2.6 member was absent.
    mutating func didDecode()
}

extension JSONObjectDecodable {
    static func bidderReads(_ key: JSONKey) -> Bool { true }

    mutating func didDecode() {}
}

/// Readers for optional members: JSON `null` reads as `nil`, as `decodeIfPresent` does.
extension JSONScanner {
    mutating func string() throws(JSONSyntaxError) -> String? {
        try consumeNull() ? nil : readString()
    }

    mutating func int() throws(JSONSyntaxError) -> Int? {
        try consumeNull() ? nil : readInt()
    }

    mutating func double() throws(JSONSyntaxError) -> Double? {
        try consumeNull() ? nil : readDouble()
    }

    /// A CPM in currency units; beyond what micros hold (`"bidfloor": 1e308`) it is out of range,
    /// not a number to stop the process on.
    mutating func cpm() throws(JSONSyntaxError) -> OpenRTB.CPM? {
        try consumeNull() ? nil : OpenRTB.CPM(units: readDouble(within: Micros.representableUnits))
    }

    mutating func strings() throws(JSONSyntaxError) -> [String]? {
        try array { scanner throws(JSONSyntaxError) in try scanner.readString() }
    }

    mutating func ints() throws(JSONSyntaxError) -> [Int]? {
        try array { scanner throws(JSONSyntaxError) in try scanner.readInt() }
    }

    // MARK: - Objects

    /// Decodes an object member straight into the parent's property, `null` as `nil`. Model
    /// objects are hundreds of bytes (`Imp`, `Video`, `Device`): built apart, wrapped in an
    /// optional and then assigned, each was copied twice, the decoder's largest cost after
    /// scanning strings.
    mutating func object<T: JSONObjectDecodable>(into value: inout T?) throws(JSONSyntaxError) {
        if try consumeNull() {
            value = nil
            return
        }
        guard peek() == UInt8(ascii: "{") else { throw typeMismatch(.object) }
        value = T()
        try readMembers(into: &value!)
    }

    mutating func object<T: JSONObjectDecodable>(_ type: T.Type) throws(JSONSyntaxError) -> T? {
        var value: T?
        try object(into: &value)
        return value
    }

    /// An array of objects, each decoded in its own slot (see ``object(into:)``).
    mutating func objects<T: JSONObjectDecodable>(_ type: T.Type) throws(JSONSyntaxError) -> [T]? {
        if try consumeNull() { return nil }
        guard peek() == UInt8(ascii: "[") else { throw typeMismatch(.array) }
        var result: [T] = []
        try forEachElement { scanner throws(JSONSyntaxError) in
            guard scanner.peek() == UInt8(ascii: "{") else { throw scanner.typeMismatch(.object) }
            Self.reserveForFirst(&result)
            result.append(T())
            try scanner.readMembers(into: &result[result.count - 1])
        }
        return result
    }

    /// Fills `value` (fresh from `init()`) from the object at the current position.
    mutating func readObject<T: JSONObjectDecodable>(into value: inout T) throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "{") else { throw typeMismatch(.object) }
        try readMembers(into: &value)
    }

    /// Fills `value` from the object at the current position (its `{` already checked).
    private mutating func readMembers<T: JSONObjectDecodable>(into value: inout T) throws(JSONSyntaxError) {
        switch scope {
        case .complete:
            try forEachMember { key, scanner throws(JSONSyntaxError) in try value.decodeMember(key, from: &scanner) }
        case .bidding:
            try forEachMember { key, scanner throws(JSONSyntaxError) in
                if T.bidderReads(key) { try value.decodeMember(key, from: &scanner) } else { try scanner.skipValue() }
            }
        }
        value.didDecode()
    }

    /// Reads a member whose shape exchanges do not agree on (anything inside `ext`): a value of
    /// another type is skipped and reads as `nil` instead of failing the whole request.
    mutating func lenient<T>(_ read: (inout JSONScanner) throws(JSONSyntaxError) -> T?) throws(JSONSyntaxError) -> T? {
        let saved = self
        do throws(JSONSyntaxError) {
            return try read(&self)
        } catch {
            guard case .typeMismatch = error.reason else { throw error }
            self = saved
            try skipValue()
            return nil
        }
    }

    /// Reads any value into a ``JSONValue`` tree (only for free-form members, never on the hot path).
    mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        guard let next = peek() else { throw failure(.unexpectedEnd) }
        switch next {
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            try forEachMember { key, scanner throws(JSONSyntaxError) in
                members[String(decoding: key.bytes, as: UTF8.self)] = try scanner.readValue()
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try forEachElement { scanner throws(JSONSyntaxError) in elements.append(try scanner.readValue()) }
            return .array(elements)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try readBool())
        case UInt8(ascii: "n"):
            _ = try consumeNull()
            return .null
        default: return .number(try readDouble())
        }
    }

    private mutating func array<T>(
        _ element: (inout JSONScanner) throws(JSONSyntaxError) -> T
    ) throws(JSONSyntaxError) -> [T]? {
        if try consumeNull() { return nil }
        guard peek() == UInt8(ascii: "[") else { throw typeMismatch(.array) }
        var result: [T] = []
        try forEachElement { scanner throws(JSONSyntaxError) in
            Self.reserveForFirst(&result)
            result.append(try element(&scanner))
        }
        return result
    }

    /// Growing from empty reallocates at 1, 2, 4, 8 elements; `bcat`, `mimes`, `cat` and friends
    /// usually hold a handful, so one allocation of ~128 bytes takes them whole.
    @inline(__always)
    private static func reserveForFirst<T>(_ array: inout [T]) {
        if array.isEmpty { array.reserveCapacity(Swift.max(1, 128 / MemoryLayout<T>.stride)) }
    }

    func typeMismatch(_ expected: JSONSyntaxError.Expected) -> JSONSyntaxError {
        failure(position < bytes.count ? .typeMismatch(expected: expected) : .unexpectedEnd)
    }
}
