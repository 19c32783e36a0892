/// Why a report could not be read, pointing at the place in the file a person would open to fix it.
///
/// The description follows the compiler convention `file:line:column: message`, so editors and
/// terminals can jump to the spot: `keywords.csv:14:7: expected a number in column "Clicks", found "abc"`.
public struct ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file name as the caller gave it.
    public var file: String
    /// 1-based line where the offending record starts.
    public var line: Int
    /// 1-based field number within the record, when one field is at fault.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file):\(line): \(message)"
    }
}
