/// Ids in the order they were created (by wall-clock second), so that expiring the old ones
/// touches only those, never the ones still young.
///
/// Why: the periodic sweep of open reservations used to filter every open one under the lock
/// that bids take to reserve. At 120 s of reservation lifetime and thousands of bids per second
/// that is a scan of hundreds of thousands of entries, during which every event loop waits —
/// the sweep itself became the bid endpoint's latency tail. Taking expired ids from the front
/// costs only what expires, and the caller can take them in small batches between which bids
/// get the lock.
///
/// Creation times are kept non-decreasing: an id created after the wall clock stepped back joins
/// the newest second, so it expires a little later than its own time says, never earlier.
/// Not thread-safe: it lives inside the state its owner already guards.
public struct ExpiryQueue: Sendable {
    private struct Bucket {
        var second: Int64
        var ids: [UInt64]
        /// Ids already taken from the front of `ids`.
        var taken = 0
    }

    /// Oldest first; one bucket per second that had ids, so the array stays as short as the
    /// lifetime in seconds and removing its first element is cheap.
    private var buckets: [Bucket] = []

    public init() {}

    /// Ids appended and not yet taken.
    public var count: Int { buckets.reduce(0) { $0 + $1.ids.count - $1.taken } }

    /// Adds `id`, created at `second` (Unix seconds).
    public mutating func append(_ id: UInt64, createdAt second: Int64) {
        if let last = buckets.indices.last, second <= buckets[last].second {
            buckets[last].ids.append(id)
        } else {
            buckets.append(Bucket(second: second, ids: [id]))
        }
    }

    /// Removes and returns, oldest first, at most `limit` ids created before `time`.
    public mutating func takeExpired(before time: Int64, limit: Int) -> [UInt64] {
        var expired: [UInt64] = []
        while expired.count < limit, let first = buckets.first, first.second < time {
            let end = min(first.ids.count, first.taken + limit - expired.count)
            expired.append(contentsOf: first.ids[first.taken..<end])
            if end == first.ids.count {
                buckets.removeFirst()
            } else {
                buckets[0].taken = end
            }
        }
        return expired
    }
}
