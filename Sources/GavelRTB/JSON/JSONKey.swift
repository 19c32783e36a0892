/// An object key as it appears in the input, compared in place against `StaticString` patterns.
///
/// `switch key { case "bidfloor": … }` compiles to a length check and a comparison of the key's
/// first eight bytes with a constant (the optimiser folds the pattern's bytes into one 64-bit
/// immediate), and only for longer keys a comparison of the rest — no `String` is ever made for
/// a key, and a mismatch costs two compares per `case`.
/// The bytes are valid only inside the `forEachMember` callback that received the key.
struct JSONKey {
    let bytes: UnsafeRawBufferPointer
    /// The first eight bytes, little-endian, zero beyond the key's end.
    let head: UInt64

    init(_ bytes: UnsafeRawBufferPointer) {
        let head =
            bytes.count >= 8
            ? UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
            : Self.head(bytes.baseAddress, count: bytes.count)
        self.init(bytes, head: head)
    }

    /// A key whose head the scanner already loaded while finding its end.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer, head: UInt64) {
        self.bytes = bytes
        self.head = head
    }

    @inline(__always)
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard key.bytes.count == count, key.head == head(pattern.utf8Start, count: count) else { return false }
        for index in min(count, 8)..<count where key.bytes[index] != pattern.utf8Start[index] {
            return false
        }
        return true
    }

    @inline(__always)
    private static func head(_ start: UnsafeRawPointer?, count: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<min(count, 8) {
            word |= UInt64(start!.load(fromByteOffset: index, as: UInt8.self)) << (index * 8)
        }
        return word
    }

    @inline(__always)
    private static func head(_ start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        head(UnsafeRawPointer(start), count: count)
    }
}
