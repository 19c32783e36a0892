public import GavelReports
public import GavelStore

import class Foundation.NSCondition
import class Foundation.Thread

/// Imports one report file into the store: parsed on one thread while another upserts, in a
/// single transaction, so a 2-core machine does both at once and a bad row still leaves nothing
/// behind.
public enum ImportJob {
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - progress: called on the writing thread with the number of records stored so far.
    /// - Returns: what the reader saw and what the store wrote.
    /// - Throws: ``ReportError`` (file:line:column) for bad input, store errors; nothing is stored then.
    public static func run(
        _ bytes: [UInt8], fileName: String, defaultAccount: String, into store: HistoryStore,
        progress: (Int) -> Void = { _ in }
    ) throws -> (summary: ReportSummary, counts: FactWriter.Counts) {
        let channel = RecordChannel(capacity: 4)
        let reader = Thread {
            var batch: [ReportRecord] = []
            batch.reserveCapacity(RecordChannel.batchSize)
            do {
                let summary = try ReportReader.read(bytes, fileName: fileName, defaultAccount: defaultAccount) {
                    record in
                    batch.append(record)
                    if batch.count == RecordChannel.batchSize {
                        guard channel.send(batch) else { throw ImportCancelled() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = channel.send(batch) }
                channel.finish(.success(summary))
            } catch {
                channel.finish(.failure(error))
            }
        }
        reader.start()
        var written = 0
        do {
            let (summary, counts) = try store.write(source: fileName) { writer in
                while let batch = channel.receive() {
                    for record in batch {
                        switch record {
                        case .fact(let fact, let attributes): try writer.write(fact, attributes: attributes)
                        case .attributes(let keyword, let attributes):
                            try writer.write(attributes: attributes, of: keyword)
                        case .simulation(let simulated):
                            try writer.write(
                                simulated.simulation, keywordID: try storedKeyword(simulated, fileName, writer))
                        }
                    }
                    written += batch.count
                    progress(written)
                }
                let summary = try channel.outcome.get()
                writer.sourceFormat = summary.format.rawValue
                return summary
            }
            return (summary, counts)
        } catch {
            channel.cancel()
            // The reader's own error explains a failed import better than the cancellation it caused.
            if case .failure(let readError)? = channel.finishedOutcome, !(readError is ImportCancelled) {
                throw readError
            }
            throw error
        }
    }
}

/// The stored keyword a simulation names.
/// - Throws: ``ReportError`` at the keyword's first row when the store does not know it: a simulation names a
///   keyword its performance report brought in, and is refused (with the whole file) rather than attached to a
///   keyword without history.
private func storedKeyword(_ simulated: KeywordSimulation, _ fileName: String, _ writer: FactWriter) throws -> Int64 {
    let id =
        switch simulated.keyword {
        case .platformIDs(let adGroup, let keyword):
            try writer.existingKeywordID(platformAdGroupID: adGroup, platformKeywordID: keyword)
        case .identity(let identity): try writer.existingKeywordID(identity)
        }
    guard let id else {
        throw ReportError(
            file: fileName, line: simulated.line,
            message: "the store has no keyword \(simulated.keyword): import its keyword report first")
    }
    return id
}

private struct ImportCancelled: Error {}

/// A bounded hand-over of record batches from the reading thread to the writing one.
private final class RecordChannel: @unchecked Sendable {
    static let batchSize = 4_096

    private let condition = NSCondition()
    private let capacity: Int
    private var batches: [[ReportRecord]] = []
    private var finished: Result<ReportSummary, any Error>?
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks while the queue is full; `false` when the writer gave up.
    func send(_ batch: [ReportRecord]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func finish(_ outcome: Result<ReportSummary, any Error>) {
        condition.lock()
        finished = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or `nil` once the reader finished and everything was taken.
    func receive() -> [ReportRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && finished == nil { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// How the reader ended (waits for it).
    var outcome: Result<ReportSummary, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while finished == nil { condition.wait() }
        return finished!
    }

    /// How the reader ended, if it has.
    var finishedOutcome: Result<ReportSummary, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }
}
