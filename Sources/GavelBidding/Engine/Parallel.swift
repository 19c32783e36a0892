import Dispatch

/// Splits independent per-keyword work into contiguous chunks run on all cores, results in input order.
///
/// Chunks are large (≥ 8,192 items) so scheduling costs nothing next to the work, and each chunk writes only its
/// own part of the result, so no locks are needed.
enum Parallel {
    /// Results written straight into their place in the final array: no per-chunk arrays to concatenate, which
    /// for a million results holding strings would cost a retain and a release of each of them.
    static func map<Result: Sendable>(
        count: Int, minimumChunk: Int = 8_192, filling body: @Sendable (Range<Int>, inout ChunkOutput<Result>) -> Void
    ) -> [Result] {
        let chunkCount = max(1, min(32, count / minimumChunk))
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let shared = SlotPointer(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let range = (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
                var output = ChunkOutput(base: shared.base, next: range.lowerBound, end: range.upperBound)
                body(range, &output)
                precondition(output.next == range.upperBound, "a chunk left \(range.upperBound - output.next) results out")
            }
            initialized = count
        }
    }

    /// Runs `body` on each chunk and concatenates what the chunks return, in order: any number of results per
    /// chunk (one partial sum per chunk, say).
    static func map<Result: Sendable>(
        count: Int, minimumChunk: Int = 8_192, _ body: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        let chunkCount = max(1, min(32, count / minimumChunk))
        guard chunkCount > 1 else { return body(0..<count) }
        let chunks = map(count: chunkCount, minimumChunk: 1) { chunks, output in
            for chunk in chunks {
                output.append(body((count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)))
            }
        }
        return Array(chunks.joined())
    }

    /// Folds `0..<count` in two contiguous halves at once, then adds the second half's partial result to the
    /// first's: for sums over every keyword's days. Two halves (not one per core) keep the partial arrays few and
    /// the order of floating-point additions the same on every machine, so a run reproduces anywhere.
    static func reduce<Partial: Sendable>(
        count: Int, minimumChunk: Int = 8_192, _ body: @Sendable (Range<Int>) -> Partial,
        combine: (inout Partial, Partial) -> Void
    ) -> Partial {
        guard count >= 2 * minimumChunk else { return body(0..<count) }
        let halves = map(count: 2, minimumChunk: 1) { halves, output in
            for half in halves { output.append(body((count * half / 2)..<(count * (half + 1) / 2))) }
        }
        var result = halves[0]
        combine(&result, halves[1])
        return result
    }

    /// One chunk's slots of the result, filled in order.
    struct ChunkOutput<Result> {
        fileprivate let base: UnsafeMutablePointer<Result>?
        fileprivate var next: Int
        fileprivate let end: Int

        /// Consumes `result`: moved into its slot, not copied (a copy of a decision retains each of its strings).
        mutating func append(_ result: consuming Result) {
            precondition(next < end, "a chunk produced more results than its range")
            base.unsafelyUnwrapped.advanced(by: next).initialize(to: result)
            next += 1
        }
    }

    /// Each concurrent iteration writes a distinct part; the pointer outlives `concurrentPerform`.
    private struct SlotPointer<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>?
    }
}
