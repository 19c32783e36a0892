import Foundation

/// One logged impression: did it get clicked, what did it clear at, and what CTR was predicted.
public struct LoggedAuction: Hashable, Sendable {
    public var clicked: Bool
    /// The logged market price (the price a winner pays), in the log's units.
    public var marketPrice: Int64
    /// θ: the predicted CTR.
    public var predictedCTR: Double

    public init(clicked: Bool, marketPrice: Int64, predictedCTR: Double) {
        self.clicked = clicked
        self.marketPrice = marketPrice
        self.predictedCTR = predictedCTR
    }
}

/// A log of auctions for replay, in the rlb-dp `test.theta.txt` format: one line per impression,
/// `click market_price pCTR` separated by spaces.
///
/// Replay answers "what would this strategy have bought on real traffic", with the usual caveat
/// that it only sees auctions that were won by someone who logged them.
public struct AuctionLog: Hashable, Sendable {
    public var auctions: [LoggedAuction]

    public init(auctions: [LoggedAuction]) { self.auctions = auctions }

    /// Reads a log, plain or gzip-compressed (detected by the gzip magic bytes, decompressed with
    /// `gzip -dc` since a pure module has no zlib).
    /// - Throws: ``ReplayError`` naming the file, and the line and column of a malformed entry.
    public init(contentsOf path: String) throws(ReplayError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let text = data.starts(with: [0x1F, 0x8B]) ? try Gunzip.decompress(path: path) : data
        let parser = AuctionLogParser(path: path)
        let parsed = text.withUnsafeBytes { bytes in
            Result { () throws(ReplayError) in try parser.parse(bytes) }
        }
        self.auctions = try parsed.get()
    }
}

/// Decompresses a gzip file through the system `gzip`.
enum Gunzip {
    static func decompress(path: String) throws(ReplayError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .unreadable(path: path, reason: "cannot run gzip: \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .decompressionFailed(path: path, status: process.terminationStatus)
        }
        return data
    }
}
