/// How a keyword matches search queries, as every platform names it.
public enum MatchType: String, Hashable, Sendable, Codable, CaseIterable {
    case broad
    case phrase
    case exact

    /// Reads the spellings the platforms use: `Broad match`, `Phrase`, `Exact match`, `EXACT`.
    public init?(platformName: some StringProtocol) {
        let lowered = platformName.lowercased().trimmingSpaces()
        switch lowered {
        case "broad", "broad match", "bmm", "modified broad", "broad match modifier": self = .broad
        case "phrase", "phrase match": self = .phrase
        case "exact", "exact match", "exact (close variant)", "exact match (close variant)": self = .exact
        default: return nil
        }
    }

    /// The spelling Google Ads Editor and Microsoft bulk files expect in `Criterion Type` / `Match Type`.
    public var editorName: String {
        switch self {
        case .broad: "Broad"
        case .phrase: "Phrase"
        case .exact: "Exact"
        }
    }
}

/// The device segment of a report row. `all` marks rows from reports not segmented by device,
/// so one keyword's rows are never counted twice by mixing segmented and unsegmented data.
public enum Device: String, Hashable, Sendable, Codable, CaseIterable {
    case all
    case desktop
    case mobile
    case tablet
    case tv
    case other

    /// Reads Google Ads (`Computers`, `Mobile phones`, `Tablets`, `TV screens`, `Other`) and
    /// Microsoft Advertising (`Computer`, `Smartphone`, `Tablet`, `Unknown`) names.
    public init?(platformName: some StringProtocol) {
        switch platformName.lowercased().trimmingSpaces() {
        case "computers", "computer", "desktop", "desktops", "pc": self = .desktop
        case "mobile phones", "mobile devices with full browsers", "mobile", "smartphone", "smartphones", "phone":
            self = .mobile
        case "tablets", "tablet", "tablets with full browsers": self = .tablet
        case "tv screens", "connected tv", "ctv", "tv": self = .tv
        case "other", "unknown", "others": self = .other
        case "all", "": self = .all
        default: return nil
        }
    }
}

/// A keyword as the specialist knows it: unique by where it lives and how it matches.
///
/// Platform ids are not part of the identity because reports do not always carry them
/// (Google Ads UI downloads never do), and the same keyword must land on the same row
/// whichever report brought it in.
public struct KeywordIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var account: String
    public var campaign: String
    public var adGroup: String
    public var text: String
    public var matchType: MatchType

    public init(account: String, campaign: String, adGroup: String, text: String, matchType: MatchType) {
        self.account = account
        self.campaign = campaign
        self.adGroup = adGroup
        self.text = text
        self.matchType = matchType
    }

    /// The keyword as platforms display it: `car wash`, `"car wash"`, `[car wash]`.
    public var displayText: String {
        switch matchType {
        case .broad: text
        case .phrase: "\"\(text)\""
        case .exact: "[\(text)]"
        }
    }

    public var description: String { "\(account) › \(campaign) › \(adGroup) › \(displayText)" }
}

/// What a report says about a keyword's current state (not per day): its bid, quality
/// and status. `nil` means the report did not say, and the store keeps what it knew.
public struct KeywordAttributes: Hashable, Sendable, Codable {
    /// The keyword's current max CPC; `nil` when it inherits the ad group default or the report omits it.
    public var maxCPC: Micros?
    /// 1–10, as Google Ads and Microsoft Advertising report it.
    public var qualityScore: Int?
    /// Platform status, e.g. `Enabled`, `Paused`, `Active`, `Eligible`.
    public var status: String?
    /// The platform's keyword id (Microsoft `Id` / `KeywordId`), needed for bulk uploads.
    public var platformKeywordID: String?
    /// The platform's ad group id (Microsoft bulk `Parent Id`).
    public var platformAdGroupID: String?
    /// The bid strategy type when the platform runs the bid itself (e.g. `Target CPA`, `Maximize conversions`);
    /// Gavel does not bid such keywords.
    public var automatedBidStrategy: String?

    public init(
        maxCPC: Micros? = nil, qualityScore: Int? = nil, status: String? = nil,
        platformKeywordID: String? = nil, platformAdGroupID: String? = nil, automatedBidStrategy: String? = nil
    ) {
        self.maxCPC = maxCPC
        self.qualityScore = qualityScore
        self.status = status
        self.platformKeywordID = platformKeywordID
        self.platformAdGroupID = platformAdGroupID
        self.automatedBidStrategy = automatedBidStrategy
    }

    /// Fields `other` knows override ours; unknown fields keep what we had.
    public func updated(with other: KeywordAttributes) -> KeywordAttributes {
        KeywordAttributes(
            maxCPC: other.maxCPC ?? maxCPC,
            qualityScore: other.qualityScore ?? qualityScore,
            status: other.status ?? status,
            platformKeywordID: other.platformKeywordID ?? platformKeywordID,
            platformAdGroupID: other.platformAdGroupID ?? platformAdGroupID,
            automatedBidStrategy: other.automatedBidStrategy ?? automatedBidStrategy
        )
    }
}

extension StringProtocol {
    /// Trims ASCII spaces and tabs (the only padding report files use) without Foundation.
    public func trimmingSpaces() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\u{A0}" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\u{A0}" { slice.removeLast() }
        return slice
    }
}
