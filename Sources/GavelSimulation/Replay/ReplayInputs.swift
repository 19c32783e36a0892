public import GavelAuction

/// A logged-auction file and its training statistics, read together because every replay needs both.
public struct ReplayInputs: Sendable {
    public var log: AuctionLog
    public var statistics: TrainingStatistics

    /// - Throws: ``ReplayError`` naming the file (and line and column of a malformed log line).
    public init(logPath: String, infoPath: String) throws(ReplayError) {
        self.statistics = try TrainingStatistics(contentsOf: infoPath)
        self.log = try AuctionLog(contentsOf: logPath)
    }
}
