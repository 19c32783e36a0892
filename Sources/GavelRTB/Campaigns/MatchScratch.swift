#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The candidate bitsets, match list and pricing lists of one request, lent by
/// ``borrow(campaigns:)`` from a store kept per thread and reused by every request the thread
/// matches.
///
/// Why: matching five campaigns allocated seven sets and arrays per request (a copy of the
/// all-campaigns set, scratch sets, each impression's candidates, the match list, the audience
/// verdicts), and pricing two more per impression, which cost more than the matching. A server thread (an event loop) matches one
/// request at a time, so one store per thread suffices, and only its thread touches it.
struct MatchScratch {
    /// The request-level candidates.
    var candidates = CampaignSet(count: 0)
    /// One impression's candidates.
    var impCandidates = CampaignSet(count: 0)
    /// Working set of ``DimensionIndex`` unions.
    var union = CampaignSet(count: 0)
    /// Campaigns whose audience verdict is known for this request, and those admitted.
    var judged = CampaignSet(count: 0)
    var admitted = CampaignSet(count: 0)
    /// The matches found, impression by impression.
    var matches: [CampaignMatch] = []
    /// Whether a match was dropped only because the request's user could not be used
    /// (``AudienceVerdict/needsUser``).
    var refusedForUser = false
    /// The bidder's quotes for one impression, and the impression's model features.
    var priced: [(match: CampaignMatch, quote: Quote)] = []
    var features: [UInt64] = []

    /// This thread's scratch, its sets sized for `count` campaigns and its match list empty (a new
    /// one while the thread's is lent); hand it back with ``giveBack(_:)``. A borrow and a return
    /// rather than a closure: a closure capturing the request and the bidder copied both.
    static func borrow(campaigns count: Int) -> MatchScratch {
        // Moved out of the store and back: the caller works on a plain value, with no exclusivity
        // checks of class properties in its loops. An empty store means the scratch is lent.
        var scratch = Store.current.scratch.take() ?? MatchScratch()
        scratch.prepare(for: count)
        return scratch
    }

    /// Keeps `scratch` for the thread's next request (the last one given back, when borrows nest).
    static func giveBack(_ scratch: consuming MatchScratch) {
        Store.current.scratch = scratch
    }

    private mutating func prepare(for count: Int) {
        if candidates.capacity != count {
            candidates = CampaignSet(count: count)
            impCandidates = CampaignSet(count: count)
            union = CampaignSet(count: count)
            judged = CampaignSet(count: count)
            admitted = CampaignSet(count: count)
        }
        matches.removeAll(keepingCapacity: true)
        refusedForUser = false
    }

    /// One thread's scratch.
    private final class Store {
        var scratch: MatchScratch? = MatchScratch()

        static var current: Store {
            if let stored = pthread_getspecific(key) {
                return Unmanaged<Store>.fromOpaque(stored).takeUnretainedValue()
            }
            let made = Store()
            pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
            return made
        }

        /// Holds each thread's retained store, released when the thread ends.
        private static let key: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { stored in
                if let stored = stored as UnsafeMutableRawPointer? { Unmanaged<Store>.fromOpaque(stored).release() }
            }
            return key
        }()
    }
}
