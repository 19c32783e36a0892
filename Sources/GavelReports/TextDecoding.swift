/// Turns a download's bytes into UTF-8 once, up front, so every parser works on one encoding.
///
/// Google Ads "Excel CSV" downloads are UTF-16LE with a byte-order mark; its "CSV" downloads and
/// Microsoft's are UTF-8, sometimes with a BOM. Transcoding UTF-16 keeps line breaks where they
/// were, so line numbers in errors still match what the user sees in an editor.
struct DecodedText {
    /// UTF-8 bytes; `contentStart` skips a UTF-8 byte-order mark without copying.
    let utf8: [UInt8]
    let contentStart: Int
    let wasUTF16: Bool

    init(_ bytes: [UInt8]) {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            self.init(utf8: Self.transcodeUTF16(bytes, from: 2, bigEndian: false), contentStart: 0, wasUTF16: true)
        } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            self.init(utf8: Self.transcodeUTF16(bytes, from: 2, bigEndian: true), contentStart: 0, wasUTF16: true)
        } else if bytes.count >= 4, bytes[0] != 0, bytes[1] == 0, bytes[2] != 0, bytes[3] == 0 {
            // UTF-16LE text whose BOM was lost (e.g. re-saved by a tool): ASCII letters with zero high bytes.
            self.init(utf8: Self.transcodeUTF16(bytes, from: 0, bigEndian: false), contentStart: 0, wasUTF16: true)
        } else {
            let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            self.init(utf8: bytes, contentStart: hasBOM ? 3 : 0, wasUTF16: false)
        }
    }

    private init(utf8: [UInt8], contentStart: Int, wasUTF16: Bool) {
        self.utf8 = utf8
        self.contentStart = contentStart
        self.wasUTF16 = wasUTF16
    }

    /// Decodes UTF-16 code units, replacing unpaired surrogates and a dangling odd byte with U+FFFD.
    private static func transcodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2 + 16)
        var index = start
        func unit(at position: Int) -> UInt16 {
            let low = UInt16(bytes[position])
            let high = UInt16(bytes[position + 1])
            return bigEndian ? low << 8 | high : high << 8 | low
        }
        func append(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                output.append(UInt8(scalar))
            case 0x80..<0x800:
                output.append(UInt8(0xC0 | scalar >> 6))
                output.append(UInt8(0x80 | scalar & 0x3F))
            case 0x800..<0x10000:
                output.append(UInt8(0xE0 | scalar >> 12))
                output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                output.append(UInt8(0x80 | scalar & 0x3F))
            default:
                output.append(UInt8(0xF0 | scalar >> 18))
                output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                output.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        let replacement: UInt32 = 0xFFFD
        while index + 1 < bytes.count {
            let first = unit(at: index)
            index += 2
            switch first {
            case 0xD800...0xDBFF:
                if index + 1 < bytes.count, case let second = unit(at: index), (0xDC00...0xDFFF).contains(second) {
                    index += 2
                    append(0x10000 + (UInt32(first - 0xD800) << 10 | UInt32(second - 0xDC00)))
                } else {
                    append(replacement)
                }
            case 0xDC00...0xDFFF:
                append(replacement)
            case 0xFEFF where output.isEmpty:
                continue
            default:
                append(UInt32(first))
            }
        }
        if index < bytes.count { append(replacement) }
        return output
    }
}
