/// A set of campaign positions as a bitset: the unit every targeting dimension is expressed in.
///
/// With 10,000 campaigns a set is 157 machine words, so intersecting two dimensions costs
/// ~157 AND instructions however many campaigns each dimension names.
struct CampaignSet: Hashable, Sendable {
    private(set) var words: [UInt64]
    /// The number of campaigns the set is for.
    let capacity: Int

    /// An empty set for `count` campaigns.
    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        capacity = count
    }

    /// All of `count` campaigns.
    init(all count: Int) {
        self.init(count: count)
        for index in 0..<count { insert(index) }
    }

    @inline(__always)
    mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always)
    mutating func remove(_ index: Int) {
        words[index >> 6] &= ~(1 << UInt64(index & 63))
    }

    @inline(__always)
    func contains(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Becomes a copy of `other` inside the existing storage: the per-request scratch sets are
    /// reused rather than reallocated (plain assignment would copy on the next write).
    mutating func assign(_ other: CampaignSet) {
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] = theirs[index] }
            }
        }
    }

    mutating func removeAll() {
        words.withUnsafeMutableBufferPointer { mine in
            for index in mine.indices { mine[index] = 0 }
        }
    }

    mutating func formIntersection(_ other: CampaignSet) {
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &= theirs[index] }
            }
        }
    }

    mutating func formUnion(_ other: CampaignSet) {
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] |= theirs[index] }
            }
        }
    }

    mutating func subtract(_ other: CampaignSet) {
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &= ~theirs[index] }
            }
        }
    }

    /// Calls `body` with each member in ascending order.
    func forEachMember(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                body(wordIndex << 6 | remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
    }
}

/// One targeting dimension: which campaigns accept each value, and which accept any value.
///
/// A value named by many campaigns is stored as a bitset, a value named by few as a list of
/// positions — whichever is cheaper to merge — so memory stays proportional to what campaigns
/// name (50,000 site domains do not cost 50,000 bitsets) while common values stay one pass.
struct DimensionIndex<Key: Hashable & Sendable>: Sendable {
    private enum Members: Sendable {
        case dense(CampaignSet)
        case sparse([Int32])
    }

    /// Campaigns with no restriction in this dimension.
    private let unrestricted: CampaignSet
    private let members: [Key: Members]
    /// `members` as a list when it has at most `linearLimit` values: comparing a request's value
    /// with a handful of short strings or integers costs less than hashing it (SipHash) for a
    /// dictionary lookup, and a bidder with a few campaigns makes a dozen lookups per request.
    private let few: [(key: Key, members: Members)]
    /// True when no campaign restricts this dimension, so requests can skip it entirely.
    let isUnrestricted: Bool

    /// - Parameters:
    ///   - accepted: for each campaign position, the values it accepts, or `nil` for any.
    ///   - linearLimit: up to how many distinct values are looked up by comparison, not hashing.
    init(count: Int, linearLimit: Int = 8, accepted: (Int) -> Set<Key>?) {
        var unrestricted = CampaignSet(count: count)
        var positions: [Key: [Int32]] = [:]
        for position in 0..<count {
            guard let keys = accepted(position) else {
                unrestricted.insert(position)
                continue
            }
            for key in keys { positions[key, default: []].append(Int32(position)) }
        }
        let words = (count + 63) / 64
        members = positions.mapValues { list in
            guard list.count > words else { return .sparse(list) }
            var set = CampaignSet(count: count)
            for position in list { set.insert(Int(position)) }
            return .dense(set)
        }
        few = members.count <= linearLimit ? members.map { ($0.key, $0.value) } : []
        self.unrestricted = unrestricted
        isUnrestricted = positions.isEmpty
    }

    /// The campaigns that list `key`.
    private func members(of key: Key) -> Members? {
        guard few.isEmpty else {
            for index in few.indices where few[index].key == key { return few[index].members }
            return nil
        }
        return members[key]
    }

    /// Keeps only the candidates that accept at least one of `keys` (or accept anything).
    func restrict(_ candidates: inout CampaignSet, toAnyOf keys: some Sequence<Key>, scratch: inout CampaignSet) {
        guard !isUnrestricted else { return }
        var named = false  // whether any key is named by a campaign, so `scratch` is needed
        for key in keys {
            guard let listed = members(of: key) else { continue }
            if !named {
                scratch.assign(unrestricted)
                named = true
            }
            switch listed {
            case .dense(let set): scratch.formUnion(set)
            case .sparse(let list): for position in list { scratch.insert(Int(position)) }
            }
        }
        candidates.formIntersection(named ? scratch : unrestricted)
    }

    /// `restrict(_:toAnyOf:scratch:)` for a request attribute that may be absent: a request
    /// without it matches only campaigns that do not restrict this dimension.
    func restrict(_ candidates: inout CampaignSet, to key: Key?, scratch: inout CampaignSet) {
        if let key {
            restrict(&candidates, toAnyOf: CollectionOfOne(key), scratch: &scratch)
        } else {
            restrict(&candidates, toAnyOf: EmptyCollection(), scratch: &scratch)
        }
    }

    func exclude(_ candidates: inout CampaignSet, key: Key?) {
        if let key { exclude(&candidates, anyOf: CollectionOfOne(key)) }
    }

    /// Removes the candidates that list any of `keys` (for block-lists built with `accepted`
    /// returning the blocked values, or `nil` for campaigns that block nothing).
    func exclude(_ candidates: inout CampaignSet, anyOf keys: some Sequence<Key>) {
        guard !isUnrestricted else { return }
        for key in keys {
            switch members(of: key) {
            case .dense(let set): candidates.subtract(set)
            case .sparse(let list): for position in list { candidates.remove(Int(position)) }
            case nil: break
            }
        }
    }

    /// Adds the campaigns that list any of `keys`, ignoring unrestricted ones.
    func collect(into result: inout CampaignSet, anyOf keys: some Sequence<Key>) {
        for key in keys {
            switch members(of: key) {
            case .dense(let set): result.formUnion(set)
            case .sparse(let list): for position in list { result.insert(Int(position)) }
            case nil: break
            }
        }
    }
}
