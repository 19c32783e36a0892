public import GavelCore

/// The rows and keyword records of a contiguous range of keywords, ready for one writer.
public struct FactBatch: Sendable {
    /// The keyword indices this batch covers (every keyword, with or without rows).
    public var keywords: Range<Int>
    /// Identities of `keywords`, in order: the store needs them even for keywords without rows.
    public var identities: [KeywordIdentity]
    /// Attributes of `keywords`, in order (current bid, quality score, ids).
    public var attributes: [KeywordAttributes]
    /// Ground truth of `keywords`, in order.
    public var truths: [KeywordTruth]
    /// The report rows of these keywords, keyword by keyword, as ``Market/history(ofKeyword:_:)`` yields them.
    public var facts: [PerformanceFact]
    /// The bid in effect on each fact's day, parallel to `facts` (bid landscapes are fitted from it).
    public var bids: [Micros]
}

extension Market {
    /// Generates the keywords of `range` into one batch.
    public func batch(ofKeywords range: Range<Int>) -> FactBatch {
        var batch = FactBatch(keywords: range, identities: [], attributes: [], truths: [], facts: [], bids: [])
        batch.identities.reserveCapacity(range.count)
        batch.attributes.reserveCapacity(range.count)
        batch.truths.reserveCapacity(range.count)
        for index in range {
            let truth = truth(ofKeyword: index)
            batch.identities.append(truth.identity)
            batch.attributes.append(truth.attributes)
            batch.truths.append(truth)
            var history = KeywordHistory(market: self, truth: truth)
            history.run { fact, bid in
                batch.facts.append(fact)
                batch.bids.append(bid)
            }
        }
        return batch
    }

    /// Generates the whole market in parallel chunks and hands the batches to `consume` in keyword
    /// order, one at a time, while later chunks are still being generated.
    ///
    /// Each keyword draws from its own stream, so the batches are identical whatever the chunk size
    /// or the scheduling. At most `chunksInFlight` chunks are generated or waiting at once, which
    /// bounds memory when the consumer (typically a single database writer) is the slower side.
    ///
    /// - Parameters:
    ///   - chunkSize: keywords per batch.
    ///   - chunksInFlight: how many chunks may be generated ahead of the consumer.
    ///   - consume: receives each batch, in order; an error stops generation and is rethrown.
    public func generateAll(
        chunkSize: Int = 2_000,
        chunksInFlight: Int = 8,
        _ consume: (FactBatch) async throws -> Void
    ) async throws {
        precondition(chunkSize > 0 && chunksInFlight > 0, "chunk size and chunks in flight must be positive")
        let chunkCount = (spec.keywords + chunkSize - 1) / chunkSize
        let total = spec.keywords
        func range(_ chunk: Int) -> Range<Int> { chunk * chunkSize..<min(total, (chunk + 1) * chunkSize) }
        try await withThrowingTaskGroup(of: (Int, FactBatch).self) { group in
            var launched = 0
            while launched < min(chunksInFlight, chunkCount) {
                let chunk = launched
                group.addTask { (chunk, self.batch(ofKeywords: range(chunk))) }
                launched += 1
            }
            var finished: [Int: FactBatch] = [:]
            var delivered = 0
            while let (chunk, batch) = try await group.next() {
                finished[chunk] = batch
                while let ready = finished.removeValue(forKey: delivered) {
                    try await consume(ready)
                    delivered += 1
                    if launched < chunkCount {
                        let chunk = launched
                        group.addTask { (chunk, self.batch(ofKeywords: range(chunk))) }
                        launched += 1
                    }
                }
            }
        }
    }
}
