/// A position in a scenario file, 1-based as editors show it.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(line: 1, column: 1)

    public var description: String { "\(line):\(column)" }
}

/// A mistake in a `Simulations/*.yaml` file, located so an editor can jump to it (`file:line:column: reason`).
///
/// Sweeps run for minutes; every check that can fail is made while reading the file, before the first auction,
/// so a typo in the last grid value does not surface after the other points have run.
public struct ScenarioFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    public var reason: String

    public init(file: String, location: SourceLocation, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(file):\(location): \(reason)" }
}
