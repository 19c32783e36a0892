/// Why the scanner stopped, and where: the byte offset is turned into a line and column by
/// ``OpenRTBDecodingError`` only when an error is reported, so failing fast stays cheap.
struct JSONSyntaxError: Error, Equatable {
    enum Expected: String, Sendable {
        case string = "a string"
        case number = "a number"
        case bool = "true or false"
        case object = "an object"
        case array = "an array"
    }

    enum Reason: Equatable, Sendable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case trailingData(UInt8)
        case invalidEscape
        case unpairedSurrogate
        case controlCharacterInString
        case invalidUTF8
        case invalidNumber
        case numberOutOfRange
        /// A number with a fraction where the field takes whole numbers (`"tmax": 120.5`).
        case notAnInteger
        case tooDeep
        case typeMismatch(expected: Expected)
    }

    var reason: Reason
    var offset: Int
}
