/// Where one field lies in the decoded buffer: the bytes between its quotes, if it had any.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field contained doubled quotes (`""`), so its text must be unescaped before use.
    var escaped: Bool
}

/// One CSV record as spans into the decoded buffer, so the hot path reads numbers straight from
/// the bytes and only text columns become `String`s.
struct CSVRow {
    let buffer: UnsafeBufferPointer<UInt8>
    var spans: [FieldSpan] = []
    /// 1-based line on which the record starts.
    var line = 0

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        spans.reserveCapacity(32)
    }

    var count: Int { spans.count }

    /// The field's raw bytes without surrounding spaces, tabs or no-break spaces.
    /// Escaped quotes are left doubled: numbers never contain them, and text goes through ``string(_:)``.
    func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        var start = span.start
        var end = span.end
        while start < end {
            if buffer[start] == .space || buffer[start] == .tab {
                start += 1
            } else if buffer[start] == 0xC2, start + 1 < end, buffer[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if buffer[end - 1] == .space || buffer[end - 1] == .tab {
                end -= 1
            } else if buffer[end - 1] == 0xA0, end - 2 >= start, buffer[end - 2] == 0xC2 {
                end -= 2
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: buffer[start..<end])
    }

    func isEscaped(_ index: Int) -> Bool { spans[index].escaped }

    /// The field as text, trimmed, with `""` unescaped to `"`. Invalid UTF-8 is repaired, never trapped on.
    func string(_ index: Int) -> String {
        let trimmed = bytes(index)
        guard spans[index].escaped else { return String(decoding: trimmed, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(trimmed.count)
        var position = 0
        while position < trimmed.count {
            let byte = trimmed[position]
            unescaped.append(byte)
            position += byte == .quote && position + 1 < trimmed.count && trimmed[position + 1] == .quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// True for `--`, ` --` and empty fields: the platforms' ways of writing "no value".
    func isNull(_ index: Int) -> Bool {
        let field = bytes(index)
        return field.isEmpty || (field.count == 2 && field[0] == .dash && field[1] == .dash)
    }

    /// True when no field holds anything but spaces: blank lines and rows of bare delimiters.
    var isBlank: Bool {
        for index in spans.indices where !bytes(index).isEmpty { return false }
        return true
    }

    /// All fields joined by spaces: how preamble lines such as `"Report Time:","5/1/2026"` are read.
    var joinedText: String { spans.indices.map(string).filter { !$0.isEmpty }.joined(separator: " ") }
}

/// The one CSV tokenizer every format shares: RFC 4180 quoting, a chosen delimiter (comma or tab),
/// CRLF, LF or lone CR line ends, and quoted fields that span lines.
///
/// It is lenient where real downloads are sloppy (a quote inside an unquoted field is a literal,
/// spaces after a closing quote are skipped) and strict where guessing would corrupt data
/// (an unterminated quote or text after a closing quote is a ``ReportError``).
struct CSVTokenizer {
    let buffer: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let fileName: String
    private var position = 0
    /// 1-based line of the next unread byte.
    private var line = 1

    init(buffer: UnsafeBufferPointer<UInt8>, delimiter: UInt8, fileName: String) {
        self.buffer = buffer
        self.delimiter = delimiter
        self.fileName = fileName
    }

    /// Reads the next record into `row`, reusing its storage; returns `false` at the end of the input.
    mutating func next(into row: inout CSVRow) throws(ReportError) -> Bool {
        row.spans.removeAll(keepingCapacity: true)
        guard position < buffer.count else { return false }
        row.line = line
        while true {
            if position < buffer.count, buffer[position] == .quote {
                try readQuotedField(into: &row)
            } else {
                let start = position
                while position < buffer.count {
                    let byte = buffer[position]
                    if byte == delimiter || byte == .newline || byte == .carriageReturn { break }
                    position += 1
                }
                row.spans.append(FieldSpan(start: start, end: position, escaped: false))
            }
            guard position < buffer.count else { return true }
            let byte = buffer[position]
            position += 1
            if byte == delimiter { continue }
            if byte == .carriageReturn, position < buffer.count, buffer[position] == .newline { position += 1 }
            line += 1
            return true
        }
    }

    /// Reads `"…"` and leaves `position` on the delimiter or line end that follows it.
    private mutating func readQuotedField(into row: inout CSVRow) throws(ReportError) {
        let startLine = line
        position += 1
        let start = position
        var escaped = false
        while true {
            guard position < buffer.count else {
                throw ReportError(
                    file: fileName, line: startLine, column: row.spans.count + 1,
                    message: "a quoted field is never closed (missing \")")
            }
            let byte = buffer[position]
            if byte == .quote {
                if position + 1 < buffer.count, buffer[position + 1] == .quote {
                    escaped = true
                    position += 2
                    continue
                }
                break
            }
            if byte == .newline
                || (byte == .carriageReturn
                    && (position + 1 == buffer.count || buffer[position + 1] != .newline))
            {
                line += 1
            }
            position += 1
        }
        row.spans.append(FieldSpan(start: start, end: position, escaped: escaped))
        position += 1
        while position < buffer.count, buffer[position] == .space || buffer[position] == .tab,
            buffer[position] != delimiter
        {
            position += 1
        }
        if position < buffer.count {
            let byte = buffer[position]
            guard byte == delimiter || byte == .newline || byte == .carriageReturn else {
                throw ReportError(
                    file: fileName, line: line, column: row.spans.count,
                    message: "unexpected text after a closing quote; a quote inside a quoted field must be doubled")
            }
        }
    }
}

extension UInt8 {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let percent = UInt8(ascii: "%")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
}
