import Foundation
import Synchronization

/// "Any of these, none of those" over a user's memberships (segments or first-party audiences).
public struct AudienceRule: Hashable, Sendable {
    /// The user must belong to at least one; `nil` means no requirement.
    public var anyOf: Set<String>?
    /// The user must belong to none (e.g. recent buyers, suppressed from prospecting).
    public var noneOf: Set<String>

    public init(anyOf: Set<String>? = nil, noneOf: Set<String> = []) {
        self.anyOf = anyOf
        self.noneOf = noneOf
    }

    public var isUnrestricted: Bool { anyOf == nil && noneOf.isEmpty }

    public func admits(_ memberships: Set<String>) -> Bool {
        if let anyOf, anyOf.isDisjoint(with: memberships) { return false }
        return noneOf.isDisjoint(with: memberships)
    }
}

/// Hours of the week in a named time zone (IANA, e.g. `America/New_York`), daylight saving included.
public struct DayParting: Hashable, Sendable {
    /// 0 = Monday 00:00–00:59 … 167 = Sunday 23:00–23:59, as ``Targeting/hoursOfWeek``.
    public var hoursOfWeek: Set<Int>
    public var timeZone: String

    public init(hoursOfWeek: Set<Int>, timeZone: String) {
        self.hoursOfWeek = hoursOfWeek
        self.timeZone = timeZone
    }
}

/// At most `impressions` won impressions per user within `seconds`.
public struct FrequencyCap: Hashable, Sendable {
    public var impressions: Int
    public var seconds: Int64

    public init(impressions: Int, seconds: Int64) {
        self.impressions = impressions
        self.seconds = seconds
    }
}

/// What the bidder knows about one request besides the request itself: state that lives
/// outside the pure campaign index (audience file, frequency counters, pacing).
public struct BidContext: Sendable {
    /// First-party audiences of the request's user.
    public var audiences: Set<String>
    /// Campaigns (by id) that reached their frequency cap for this user.
    public var cappedCampaigns: Set<String>
    /// Bid multiplier per campaign id in 0…1 from budget pacing; absent means 1.
    public var pacing: [String: Double]
    /// Whether the request's personal data may be used, when the caller already asked its
    /// ``PrivacyPolicy`` (it must, before looking up `audiences` and `cappedCampaigns` by user);
    /// `nil` lets ``Bidder`` ask its own. ``CampaignIndex`` takes `nil` as permitted.
    public var personalData: PersonalDataPermission?

    public init(
        audiences: Set<String> = [],
        cappedCampaigns: Set<String> = [],
        pacing: [String: Double] = [:],
        personalData: PersonalDataPermission? = nil
    ) {
        self.audiences = audiences
        self.cappedCampaigns = cappedCampaigns
        self.pacing = pacing
        self.personalData = personalData
    }

    public static let none = BidContext()
}

extension OpenRTB.BidRequest {
    /// The key first-party data and frequency caps use for the user: the exchange's `user.id`,
    /// else the bidder's own `buyeruid`.
    public var userKey: String? {
        if let id = user?.id, !id.isEmpty { return id }
        if let id = user?.buyerUID, !id.isEmpty { return id }
        return nil
    }

    /// Segment ids of `user.data`, each both bare (`seg1`) and qualified by its provider (`provider/seg1`).
    var segmentKeys: Set<String> {
        var keys: Set<String> = []
        for data in user?.data ?? [] {
            for segment in data.segment ?? [] {
                guard let id = segment.id else { continue }
                keys.insert(id)
                if let provider = data.id { keys.insert("\(provider)/\(id)") }
            }
        }
        return keys
    }
}

/// What a campaign's per-candidate checks decided.
enum AudienceVerdict {
    case admitted
    case refused
    /// Refused only because the request's personal data may not be used (``PrivacyPolicy``):
    /// the campaign requires a segment or an audience.
    case needsUser
}

/// The per-candidate checks the bitset index does not cover: region, fixed-zone day-parting,
/// segments, first-party audiences and frequency caps. They are few and only run on campaigns
/// the index already kept.
///
/// A request whose personal data ``PrivacyPolicy`` denies is judged as one without a user id
/// always was: no segments and no audiences (so include-lists do not match and exclude-lists
/// pass), and no frequency counts, so a campaign with a frequency cap still bids but its cap is
/// neither checked nor counted for that impression. The cap is the advertiser's limit per
/// person the bidder can recognise; refusing every request without a usable id would take
/// capped campaigns off all cookieless traffic, and the no-id path has always bid (the corpus
/// of exchange requests pins it). Nothing about the user is looked up or recorded either way.
struct AudienceChecks: Sendable {
    private let rules: [Rule?]
    /// Whether no campaign has a rule: kept, not computed, as the bidder asks on every request
    /// and the answer was a scan of every campaign (≈ 45 k instructions with 10,000 campaigns).
    let isEmpty: Bool

    private struct Rule: Sendable {
        var regions: Set<String>?
        var schedule: (hours: Set<Int>, zone: ZoneOffsets)?
        var segments: AudienceRule
        var audiences: AudienceRule
    }

    init(campaigns: [Campaign]) {
        let rules: [Rule?] = campaigns.map { campaign in
            let targeting = campaign.targeting
            let schedule = targeting.schedule.map { parting in
                (
                    parting.hoursOfWeek,
                    ZoneOffsets(TimeZone(identifier: parting.timeZone) ?? TimeZone(secondsFromGMT: 0)!)
                )
            }
            guard targeting.regions != nil || schedule != nil || !targeting.segments.isUnrestricted
                || !targeting.audiences.isUnrestricted
            else { return nil }
            return Rule(
                regions: targeting.regions.map { Set($0.map { $0.uppercased() }) },
                schedule: schedule,
                segments: targeting.segments,
                audiences: targeting.audiences
            )
        }
        self.rules = rules
        isEmpty = rules.allSatisfy { $0 == nil }
    }

    /// The checks that do not need the user come first, so ``AudienceVerdict/needsUser`` means
    /// the campaign would have been judged on the user alone.
    /// - Parameters:
    ///   - region: the request's geo region, upper-cased.
    ///   - personalData: whether the request's personal data may be used; when not, the
    ///     context's audiences and capped campaigns are ignored along with the segments.
    func verdict(
        _ position: Int,
        campaign: String,
        region: String?,
        segments: @autoclosure () -> Set<String>,
        at unixTime: Int64,
        context: BidContext,
        personalData: Bool
    ) -> AudienceVerdict {
        if personalData, context.cappedCampaigns.contains(campaign) { return .refused }
        guard let rule = rules[position] else { return .admitted }
        if let regions = rule.regions {
            guard let region, regions.contains(region) else { return .refused }
        }
        if let (hours, zone) = rule.schedule {
            guard hours.contains(CampaignIndex.hourOfWeek(unixTime: unixTime + zone.offset(at: unixTime))) else {
                return .refused
            }
        }
        guard personalData else {
            return rule.segments.admits([]) && rule.audiences.admits([]) ? .admitted : .needsUser
        }
        if !rule.segments.isUnrestricted, !rule.segments.admits(segments()) { return .refused }
        return rule.audiences.admits(context.audiences) ? .admitted : .refused
    }
}

extension CampaignIndex {
    /// ``matches(for:at:)`` narrowed by the checks that need the user's state: regions,
    /// fixed-zone day-parting, segments, first-party audiences and frequency caps, with the
    /// user anonymous when `context.personalData` is denied.
    public func matches(for request: OpenRTB.BidRequest, at unixTime: Int64, context: BidContext) -> [CampaignMatch] {
        var scratch = MatchScratch.borrow(campaigns: campaigns.count)
        defer { MatchScratch.giveBack(scratch) }
        let facts = RequestFacts(request)
        let personalData = context.personalData?.isPermitted ?? true
        collectMatches(for: request, facts, at: unixTime, context: context, personalData: personalData, into: &scratch)
        return scratch.matches
    }

    /// ``matches(for:at:context:)`` into `scratch.matches`; `scratch.refusedForUser` tells
    /// whether a match was dropped only because the user could not be used.
    func collectMatches(
        for request: OpenRTB.BidRequest,
        _ facts: RequestFacts,
        at unixTime: Int64,
        context: BidContext,
        personalData: Bool,
        into scratch: inout MatchScratch
    ) {
        collectMatches(for: request, facts, at: unixTime, into: &scratch)
        guard !scratch.matches.isEmpty, !(audienceChecks.isEmpty && context.cappedCampaigns.isEmpty) else { return }
        // A campaign matching several impressions is judged once: its verdict is kept in two
        // bitsets of the scratch rather than a dictionary allocated per request.
        scratch.judged.removeAll()
        var segments: Set<String>?
        // Upper-cased once per request, not per candidate with a region rule.
        let region = facts.region?.uppercased()
        var judged = scratch.judged
        var admitted = scratch.admitted
        var refusedForUser = false
        scratch.judged = CampaignSet(count: 0)
        scratch.admitted = CampaignSet(count: 0)
        defer {
            scratch.judged = judged
            scratch.admitted = admitted
            scratch.refusedForUser = refusedForUser
        }
        // In place: the array is ours alone, so no second one is allocated.
        scratch.matches.removeAll { match in
            let position = match.campaignIndex
            if judged.contains(position) { return !admitted.contains(position) }
            let verdict = audienceChecks.verdict(
                position,
                campaign: campaigns[position].id,
                region: region,
                segments: {
                    if let segments { return segments }
                    let keys = request.segmentKeys
                    segments = keys
                    return keys
                }(),
                at: unixTime,
                context: context,
                personalData: personalData
            )
            judged.insert(position)
            if verdict == .needsUser { refusedForUser = true }
            if verdict == .admitted { admitted.insert(position) } else { admitted.remove(position) }
            return verdict != .admitted
        }
    }
}

/// A time zone's UTC offset, looked up once per minute rather than per request and campaign:
/// the ICU lookup behind `TimeZone.secondsFromGMT(for:)` costs about a microsecond, and
/// offsets change only at daylight-saving transitions, which fall on whole minutes.
final class ZoneOffsets: Sendable {
    let zone: TimeZone
    private let latest = Mutex<(minute: Int64, offset: Int64)>((.min, 0))

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// Seconds east of UTC at `unixTime`.
    func offset(at unixTime: Int64) -> Int64 {
        let minute = unixTime >= 0 ? unixTime / 60 : (unixTime - 59) / 60
        if let cached = latest.withLock({ $0.minute == minute ? $0.offset : nil }) { return cached }
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minute * 60))))
        latest.withLock { $0 = (minute, offset) }
        return offset
    }
}

/// Whether a time-zone name is one the system knows, so campaign files fail at load, not at bid time.
enum TimeZoneCheck {
    static func isKnown(_ name: String) -> Bool { TimeZone(identifier: name) != nil }
}
