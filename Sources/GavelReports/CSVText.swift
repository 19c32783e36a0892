/// CSV built field by field into one growing text, each field quoted only where it needs it (RFC 4180).
///
/// No array of fields or of lines per row: for the hundred thousand changes of a nightly run those arrays were
/// most of the cost of its upload files.
public struct CSVText: Sendable {
    public private(set) var text = ""
    private var atRowStart = true

    /// - Parameter rows: Rows expected after the header, to size the text once.
    public init(header: [String], reservingRows rows: Int = 0) {
        text.reserveCapacity((rows + 1) * 80)
        appendRow(header)
    }

    /// Appends one field to the current row.
    public mutating func append(_ field: String) {
        if !atRowStart { text += "," }
        atRowStart = false
        text += GenericCSVWriter.quoted(field)
    }

    /// Ends the current row with a line break.
    public mutating func endRow() {
        text += "\n"
        atRowStart = true
    }

    /// Appends a whole row.
    public mutating func appendRow(_ fields: [String]) {
        for field in fields { append(field) }
        endRow()
    }
}
