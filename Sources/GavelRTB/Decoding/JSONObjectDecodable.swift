/// A model type that fills itself from the members of a JSON object as the scanner meets them.
///
/// Each conformance is one `switch` from wire key to property, with `default: skipValue()` —
/// which is what makes unknown members and `ext` free to ignore. The `Decodable` conformance of
/// the same type is the independent reference the tests compare against.
protocol JSONObjectDecodable {
    init()
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError)
    /// Called after the closing brace: where values found in 2.5-era `ext` locations are moved
    /// to their 2.6 homes when the 2.6 member was absent.
    mutating func didDecode()
}

extension JSONObjectDecodable {
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

    mutating func cpm() throws(JSONSyntaxError) -> OpenRTB.CPM? {
        try consumeNull() ? nil : OpenRTB.CPM(units: readDouble())
    }

    mutating func strings() throws(JSONSyntaxError) -> [String]? {
        try array { scanner throws(JSONSyntaxError) in try scanner.readString() }
    }

    mutating func ints() throws(JSONSyntaxError) -> [Int]? {
        try array { scanner throws(JSONSyntaxError) in try scanner.readInt() }
    }

    mutating func object<T: JSONObjectDecodable>(_ type: T.Type) throws(JSONSyntaxError) -> T? {
        try consumeNull() ? nil : readObject(type)
    }

    mutating func objects<T: JSONObjectDecodable>(_ type: T.Type) throws(JSONSyntaxError) -> [T]? {
        try array { scanner throws(JSONSyntaxError) in try scanner.readObject(type) }
    }

    mutating func readObject<T: JSONObjectDecodable>(_ type: T.Type) throws(JSONSyntaxError) -> T {
        guard peek() == UInt8(ascii: "{") else { throw typeMismatch(.object) }
        var value = T()
        try forEachMember { key, scanner throws(JSONSyntaxError) in try value.decodeMember(key, from: &scanner) }
        value.didDecode()
        return value
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
            // Growing from empty reallocates at 1, 2, 4, 8 elements; `bcat`, `mimes`, `cat` and
            // friends usually hold a handful, so one allocation of ~128 bytes takes them whole.
            if result.isEmpty { result.reserveCapacity(Swift.max(1, 128 / MemoryLayout<T>.stride)) }
            result.append(try element(&scanner))
        }
        return result
    }

    private func typeMismatch(_ expected: JSONSyntaxError.Expected) -> JSONSyntaxError {
        failure(position < bytes.count ? .typeMismatch(expected: expected) : .unexpectedEnd)
    }
}
