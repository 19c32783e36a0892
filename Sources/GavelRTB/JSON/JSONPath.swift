/// Names the member an error offset falls in, for messages an exchange's engineer can act on:
/// `imp[0].bidfloor` instead of only a line and column in a request printed on one line.
///
/// The scanner does not keep the path it is in (that would cost every request a stack of keys);
/// only a failed request pays for it, by walking its bytes again up to the error.
enum JSONPath {
    private enum Level {
        /// An object and the key of the member being read, once its colon is passed.
        case object(key: String?)
        case array(index: Int)
    }

    /// The members enclosing `offset`, outermost first: `user.ext.eids[2].uids`; empty when the
    /// offset is at the top level or the document's own object.
    static func members(leadingTo offset: Int, in bytes: UnsafeRawBufferPointer) -> String {
        var levels: [Level] = []
        var lastString: String?
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < end else { break }
                lastString = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            case UInt8(ascii: "{"): levels.append(.object(key: nil))
            case UInt8(ascii: "["): levels.append(.array(index: 0))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = levels.popLast()
            case UInt8(ascii: ":"):
                if case .object = levels.last { levels[levels.count - 1] = .object(key: lastString) }
            case UInt8(ascii: ","):
                switch levels.last {
                case .array(let position): levels[levels.count - 1] = .array(index: position + 1)
                case .object: levels[levels.count - 1] = .object(key: nil)
                case nil: break
                }
            default: break
            }
            index += 1
        }
        var path = ""
        for level in levels {
            switch level {
            case .object(let key?): path += path.isEmpty ? key : ".\(key)"
            case .object(nil): continue
            case .array(let position): path += "[\(position)]"
            }
        }
        return path
    }
}
