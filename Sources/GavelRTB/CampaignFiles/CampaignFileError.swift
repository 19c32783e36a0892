/// Why a campaign file was refused, at the offending YAML node: `file:line:column: reason`.
public struct CampaignFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var fileName: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var column: Int
    public var reason: String

    public init(fileName: String, line: Int = 0, column: Int = 0, reason: String) {
        self.fileName = fileName
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "\(fileName):\(line):\(column): \(reason)" }
}
