/// Parses `click market_price pCTR` lines, reporting the line and column of the first bad field.
struct AuctionLogParser {
    let path: String

    func parse(_ bytes: UnsafeRawBufferPointer) throws(ReplayError) -> [LoggedAuction] {
        var auctions: [LoggedAuction] = []
        auctions.reserveCapacity(bytes.count / 24)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            var fields = Fields(line)
            guard let first = fields.next() else { continue }
            auctions.append(try parse(first: first, rest: &fields, line: line, number: lineNumber))
        }
        return auctions
    }

    private func parse(
        first: Range<Int>,
        rest fields: inout Fields,
        line: UnsafeRawBufferPointer,
        number: Int
    )
        throws(ReplayError) -> LoggedAuction
    {
        func fail(_ column: Int, _ reason: String) -> ReplayError {
            .malformedLine(path: path, line: number, column: column + 1, reason: reason)
        }
        guard let priceField = fields.next(), let thetaField = fields.next() else {
            throw fail(line.count, "expected 3 fields `click market_price pCTR`")
        }
        if let extra = fields.next() { throw fail(extra.lowerBound, "unexpected fourth field") }
        guard let click = Self.integer(line, first), click <= 1 else {
            throw fail(first.lowerBound, "click must be 0 or 1")
        }
        guard let price = Self.integer(line, priceField) else {
            throw fail(priceField.lowerBound, "market price must be a non-negative integer")
        }
        let thetaText = String(decoding: UnsafeRawBufferPointer(rebasing: line[thetaField]), as: UTF8.self)
        guard let theta = Double(thetaText), theta >= 0, theta <= 1 else {
            throw fail(thetaField.lowerBound, "pCTR must be a number in [0, 1]")
        }
        return LoggedAuction(clicked: click == 1, marketPrice: price, predictedCTR: theta)
    }

    /// A non-negative decimal integer, or nil.
    private static func integer(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for index in range {
            let digit = Int64(line[index]) - Int64(UInt8(ascii: "0"))
            guard (0...9).contains(digit), value < Int64.max / 10 - 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The byte ranges of whitespace-separated fields of one line.
    struct Fields {
        let line: UnsafeRawBufferPointer
        var position = 0

        init(_ line: UnsafeRawBufferPointer) { self.line = line }

        mutating func next() -> Range<Int>? {
            while position < line.count && Self.isSpace(line[position]) { position += 1 }
            let start = position
            while position < line.count && !Self.isSpace(line[position]) { position += 1 }
            return position > start ? start..<position : nil
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
    }
}
