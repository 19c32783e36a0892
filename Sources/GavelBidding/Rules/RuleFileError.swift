/// A rule file that cannot be used, with the position of the problem: `leads.yaml:12:9: unknown name 'clics'`.
public struct RuleFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var fileName: String
    public var location: SourceLocation
    public var reason: String

    public init(fileName: String, location: SourceLocation, reason: String) {
        self.fileName = fileName
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(fileName):\(location): \(reason)" }
}
