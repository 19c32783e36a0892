/// The kind of ad an impression accepts and a creative is; raw values are the 2.6 `bid.mtype`.
public enum MediaType: Int, Hashable, Sendable, Codable, CaseIterable {
    case banner = 1
    case video = 2
    case audio = 3
    case native = 4
}

/// A width × height in pixels.
public struct AdSize: Hashable, Sendable, Codable, CustomStringConvertible {
    public var w: Int
    public var h: Int

    public init(w: Int, h: Int) {
        self.w = w
        self.h = h
    }

    public var description: String { "\(w)x\(h)" }
}

/// A line item: who to show, what to show, and how to price it.
///
/// Campaigns are plain values so that a new set can be built off the hot path and swapped in
/// whole (``CampaignIndex`` is immutable), and so a simulation replays with exactly the
/// campaigns a bidder ran.
public struct Campaign: Hashable, Sendable, Identifiable {
    public var id: String
    /// The buyer seat the campaign bids from, matched against the request's `wseat` / `bseat`.
    public var seat: String
    public var targeting: Targeting
    public var creatives: [Creative]
    public var pricing: PricingRule
    /// Daily and total spending limits, enforced by ``BudgetLedger`` and paced by ``BudgetPacer``.
    public var budget: Budget
    /// At most this many won impressions per user and window, counted by ``FrequencyCapper``.
    public var frequencyCap: FrequencyCap?

    public init(
        id: String,
        seat: String = "",
        targeting: Targeting = Targeting(),
        creatives: [Creative],
        pricing: PricingRule,
        budget: Budget = Budget(),
        frequencyCap: FrequencyCap? = nil
    ) {
        self.id = id
        self.seat = seat
        self.targeting = targeting
        self.creatives = creatives
        self.pricing = pricing
        self.budget = budget
        self.frequencyCap = frequencyCap
    }
}

/// Who a campaign wants. Every allow-list is "any" when `nil`; block-lists are empty by default.
///
/// Values are compared after normalisation (``Normalized``): countries upper-case ISO-3166-1
/// alpha-3, operating systems and domains lower-case, domains without a leading `www.`.
public struct Targeting: Hashable, Sendable {
    public var countries: Set<String>?
    /// AdCOM device types (`device.devicetype`).
    public var deviceTypes: Set<Int>?
    public var operatingSystems: Set<String>?
    public var siteDomains: Set<String>?
    public var blockedSiteDomains: Set<String> = []
    public var appBundles: Set<String>?
    public var blockedAppBundles: Set<String> = []
    /// Content categories of the site or app (`cat`, `sectioncat`, `pagecat`); any overlap matches.
    public var contentCategories: Set<String>?
    public var blockedContentCategories: Set<String> = []
    public var mediaTypes: Set<MediaType>?
    /// Banner sizes; impressions without a banner, or whose banner names no size, are not
    /// restricted by size.
    public var sizes: Set<AdSize>?
    /// Deals the campaign buys through.
    public var dealIDs: Set<String> = []
    /// Whether the campaign also bids in the open auction (impressions without a matching deal
    /// that are not a private auction).
    public var openAuction = true
    /// Hours of the week in the user's local time, 0 = Monday 00:00–00:59 … 167 = Sunday 23:00.
    public var hoursOfWeek: Set<Int>?
    /// Regions of `device.geo.region` (ISO-3166-2 subdivision codes such as `CA`), upper-case.
    public var regions: Set<String>?
    /// Day-parting in a fixed time zone (the advertiser's business hours), checked besides
    /// ``hoursOfWeek``.
    public var schedule: DayParting?
    /// Data-provider segments of `user.data`.
    public var segments = AudienceRule()
    /// First-party audiences the user belongs to, looked up by `user.id` / `buyeruid` in the
    /// bidder's audience file (``AudienceBook``).
    public var audiences = AudienceRule()
    /// Never bid on child-directed inventory (`regs.coppa` = 1), whatever else matches: an
    /// advertiser whose product or creative must not reach children says so here (`coppa: exclude`).
    public var excludesChildDirected = false

    public init() {}
}

/// An ad a campaign can serve, with what the exchange's block-lists are checked against.
public struct Creative: Hashable, Sendable, Identifiable {
    public var id: String
    public var mediaType: MediaType
    /// Fixed size for banners; `nil` for creatives that fit any player or layout.
    public var size: AdSize?
    /// Advertiser domains (`bid.adomain`), checked against `badv`.
    public var advertiserDomains: [String]
    /// IAB categories of the ad (`bid.cat`), checked against `bcat`.
    public var categories: [String]
    /// Creative attributes (`bid.attr`), checked against the placement's `battr`.
    public var attributes: [Int]
    /// App being advertised, checked against `bapp`.
    public var bundle: String?
    /// Markup returned in `adm`.
    public var markup: String?
    /// Seconds of a video or audio ad (`bid.dur`): it is bid only where the placement's
    /// `minduration`…`maxduration` (or its `rqddurs`) take it. `nil`: not stated, bid anywhere.
    public var duration: Int?

    public init(
        id: String,
        mediaType: MediaType = .banner,
        size: AdSize? = nil,
        advertiserDomains: [String] = [],
        categories: [String] = [],
        attributes: [Int] = [],
        bundle: String? = nil,
        markup: String? = nil,
        duration: Int? = nil
    ) {
        self.id = id
        self.mediaType = mediaType
        self.size = size
        self.advertiserDomains = advertiserDomains
        self.categories = categories
        self.attributes = attributes
        self.bundle = bundle
        self.markup = markup
        self.duration = duration
    }
}

/// The shared spelling of targeting values, used when the index is built and when requests are read.
///
/// Every request is normalised the same way (country, OS, domain or bundle, each `badv` entry),
/// and what exchanges send is nearly always spelled right already: values that are plain ASCII
/// in the right case come back as they are, without building a new `String`.
public enum Normalized {
    public static func country(_ code: String) -> String {
        isASCII(code, without: UInt8(ascii: "a")...UInt8(ascii: "z")) ? code : code.uppercased()
    }

    /// Lower case, and the family name for the spellings exchanges send of one OS: `device.os` is
    /// free text, so one sends `Windows NT` or `Mac OS X` where a campaign says `windows` or `os x`.
    public static func operatingSystem(_ name: String) -> String {
        let lower = isASCII(name, without: UInt8(ascii: "A")...UInt8(ascii: "Z")) ? name : name.lowercased()
        return operatingSystemFamilies[lower] ?? lower
    }

    /// Spellings seen in `device.os` (and user agents' platform tokens), by family. OS names not
    /// here stay as they are, lower-cased; a distinct OS (Windows Phone, iPadOS) is not folded in.
    private static let operatingSystemFamilies: [String: String] = [
        "windows nt": "windows", "win32": "windows", "win64": "windows", "windows 10": "windows",
        "windows 11": "windows", "microsoft windows": "windows",
        "mac os x": "os x", "mac os": "os x", "macos": "os x", "osx": "os x", "macintosh": "os x",
        "iphone os": "ios", "cros": "chrome os", "chromeos": "chrome os",
    ]

    /// `WWW.Example.com` → `example.com`.
    public static func domain(_ domain: String) -> String {
        var domain = domain
        let (plain, www) = domain.withUTF8 { bytes in
            (isASCII(bytes, without: UInt8(ascii: "A")...UInt8(ascii: "Z")), bytes.starts(with: "www.".utf8))
        }
        if plain { return www ? String(decoding: domain.utf8.dropFirst(4), as: UTF8.self) : domain }
        let lower = domain.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }

    /// Whether `text` is ASCII with no byte in `excluded`: case mapping would leave it unchanged.
    private static func isASCII(_ text: String, without excluded: ClosedRange<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { isASCII($0, without: excluded) }
    }

    /// Over the contiguous UTF-8 buffer: stepping a `String.UTF8View` costs several times as much
    /// per byte, and every request's domain, country and OS are checked.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, without excluded: ClosedRange<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 || excluded.contains($0) }
    }
}
