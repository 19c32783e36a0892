/// Why a logged-auction file or its statistics could not be read.
public enum ReplayError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case decompressionFailed(path: String, status: Int32)
    case malformedLine(path: String, line: Int, column: Int, reason: String)
    case invalidStatistics(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .decompressionFailed(let path, let status): "\(path): gzip -dc exited with status \(status)"
        case .malformedLine(let path, let line, let column, let reason): "\(path):\(line):\(column): \(reason)"
        case .invalidStatistics(let path, let reason): "\(path): \(reason)"
        }
    }
}
