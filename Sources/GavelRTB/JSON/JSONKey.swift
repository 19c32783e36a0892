/// An object key as it appears in the input, compared in place against `StaticString` patterns.
///
/// `switch key { case "bidfloor": … }` compiles to a length check (a constant) and, only for
/// keys of the same length, a byte comparison — no `String` is ever made for a key.
/// The bytes are valid only inside the `forEachMember` callback that received the key.
struct JSONKey {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    @inline(__always)
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard key.bytes.count == count else { return false }
        let expected = pattern.utf8Start
        for index in 0..<count where key.bytes[index] != expected[index] {
            return false
        }
        return true
    }
}
