import Dispatch

/// Splits independent per-keyword work into contiguous chunks run on all cores, results in input order.
///
/// Chunks are large (≥ 8,192 items) so scheduling costs nothing next to the work, and each chunk writes only its
/// own result slot, so no locks are needed.
enum Parallel {
    static func map<Result: Sendable>(
        count: Int, minimumChunk: Int = 8_192, _ body: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        let chunkCount = max(1, min(32, count / minimumChunk))
        guard chunkCount > 1 else { return body(0..<count) }
        let slots = UnsafeMutableBufferPointer<[Result]>.allocate(capacity: chunkCount)
        slots.initialize(repeating: [])
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        let shared = SlotPointer(base: slots.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (count * chunk / chunkCount)..<(count * (chunk + 1) / chunkCount)
            shared.base[chunk] = body(range)
        }
        var result: [Result] = []
        result.reserveCapacity(count)
        for chunk in slots { result.append(contentsOf: chunk) }
        return result
    }

    /// Each concurrent iteration writes a distinct slot; the pointer outlives `concurrentPerform`.
    private struct SlotPointer<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
    }
}
