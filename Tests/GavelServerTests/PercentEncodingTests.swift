import Foundation
import Testing

@testable import GavelServer

/// The notice query's percent-encoding, read from the string's UTF-8 buffer, against Foundation's
/// with the same unreserved set (RFC 3986), on every ASCII byte and on non-ASCII, long (heap) and
/// bridged strings.
@Suite struct PercentEncodingTests {
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    private func encoded(_ value: String) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * value.utf8.count) { buffer in
            var cursor = ByteCursor(buffer)
            cursor.appendPercentEncoded(value)
            return String(decoding: cursor.written, as: UTF8.self)
        }
    }

    @Test func matchesFoundation() throws {
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let others = [
            "", "brand-awareness", "a b&c=d?e#f/g", "café", "e\u{301}", "日本語", "🙂",
            String(repeating: "x/y ", count: 50), NSString(string: "bridged é&").description,
        ]
        for value in ascii + others {
            let expected = try #require(value.addingPercentEncoding(withAllowedCharacters: Self.unreserved))
            #expect(encoded(value) == expected, "\(value)")
        }
    }
}
