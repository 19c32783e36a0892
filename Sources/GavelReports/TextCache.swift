/// Reuses the `String` made for the previous row when a text cell repeats byte for byte.
///
/// Report rows come grouped by keyword (one row per day or device), so account, campaign, ad group
/// and keyword usually repeat; reusing the string turns an allocation per cell into a byte compare.
struct TextCache<Value> {
    private var start: UnsafePointer<UInt8>?
    private var count = -1
    private var value: Value?

    /// The value for cell `index`, computed by `make` from the cell's text only when it changed.
    mutating func value(_ row: CSVRow, _ index: Int, _ make: (String) -> Value) -> Value {
        guard !row.isEscaped(index) else { return make(row.string(index)) }
        let bytes = row.bytes(index)
        if bytes.count == count, let value, let start, let base = bytes.baseAddress, Self.equal(start, base, count) {
            return value
        }
        let made = make(String(decoding: bytes, as: UTF8.self))
        start = bytes.baseAddress
        count = bytes.count
        value = made
        return made
    }

    private static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if lhs == rhs { return true }
        for offset in 0..<count where lhs[offset] != rhs[offset] { return false }
        return true
    }
}
