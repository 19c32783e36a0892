import Synchronization

/// Counts won impressions per user and campaign, so campaigns with a ``FrequencyCap`` stop
/// bidding for a user who has seen them often enough.
///
/// Impressions are counted when won (the win notice), not when bid: most bids lose, and counting
/// them would cap users who never saw the ad. Memory is bounded by ``forget(before:)``, which the
/// server calls periodically with the longest cap window.
public final class FrequencyCapper: Sendable {
    private let wins = Mutex<[String: [String: [Int64]]]>([:])

    public init() {}

    /// A won impression of `campaign` for `user` at `unixTime`.
    public func record(user: String, campaign: String, at unixTime: Int64) {
        wins.withLock { $0[user, default: [:]][campaign, default: []].append(unixTime) }
    }

    /// The campaigns among `caps` that `user` has reached the cap of at `unixTime`.
    public func cappedCampaigns(for user: String, caps: [String: FrequencyCap], at unixTime: Int64) -> Set<String> {
        guard !caps.isEmpty else { return [] }
        return wins.withLock { wins in
            guard let seen = wins[user] else { return [] }
            var capped: Set<String> = []
            for (campaign, times) in seen {
                guard let cap = caps[campaign] else { continue }
                let since = unixTime - cap.seconds
                if times.count(where: { $0 > since }) >= cap.impressions { capped.insert(campaign) }
            }
            return capped
        }
    }

    /// Drops impressions at or before `unixTime`. Returns how many users are still tracked.
    @discardableResult
    public func forget(before unixTime: Int64) -> Int {
        wins.withLock { wins in
            for (user, campaigns) in wins {
                var kept: [String: [Int64]] = [:]
                for (campaign, times) in campaigns {
                    let recent = times.filter { $0 > unixTime }
                    if !recent.isEmpty { kept[campaign] = recent }
                }
                wins[user] = kept.isEmpty ? nil : kept
            }
            return wins.count
        }
    }
}
