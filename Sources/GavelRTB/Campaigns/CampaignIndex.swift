import GavelCore

/// One campaign that may bid on one impression, with the creative and deal it would use.
public struct CampaignMatch: Hashable, Sendable {
    /// Position in `request.imp`.
    public var impIndex: Int
    /// Position in ``CampaignIndex/campaigns``.
    public var campaignIndex: Int
    /// Position in the campaign's `creatives`.
    public var creativeIndex: Int
    /// Position in the impression's `pmp.deals` of the deal the bid goes through, or `nil` for
    /// the open auction.
    public var dealIndex: Int?

    public init(impIndex: Int, campaignIndex: Int, creativeIndex: Int, dealIndex: Int?) {
        self.impIndex = impIndex
        self.campaignIndex = campaignIndex
        self.creativeIndex = creativeIndex
        self.dealIndex = dealIndex
    }

    /// The deal in `request` this match bids through.
    public func deal(in request: OpenRTB.BidRequest) -> OpenRTB.Deal? {
        dealIndex.flatMap { request.imp[impIndex].pmp?.deals?[$0] }
    }
}

/// Finds the campaigns whose targeting a request satisfies, without looking at every campaign.
///
/// Each targeting dimension (country, device type, OS, site domain, app bundle, content
/// category, seat, hour of week, child-directed exclusion; per impression media type, banner
/// size, deal) is a ``DimensionIndex`` of campaign bitsets. A request starts from all campaigns
/// and intersects one set per dimension, so its cost grows with the number of dimensions and the
/// words of a bitset (N/64), not with a scan of N campaigns. Only the survivors are looked at one by one,
/// to pick a creative that passes the exchange's `bcat` / `badv` / `bapp` / `battr` and a deal.
///
/// The index is immutable: build a new one when campaigns change and swap it in.
public struct CampaignIndex: Sendable {
    public let campaigns: [Campaign]

    private let all: CampaignSet
    private let countries: DimensionIndex<String>
    private let deviceTypes: DimensionIndex<Int>
    private let operatingSystems: DimensionIndex<String>
    private let siteDomains: DimensionIndex<String>
    private let blockedSiteDomains: DimensionIndex<String>
    private let appBundles: DimensionIndex<String>
    private let blockedAppBundles: DimensionIndex<String>
    private let categories: DimensionIndex<String>
    private let blockedCategories: DimensionIndex<String>
    private let seats: DimensionIndex<String>
    private let hours: DimensionIndex<Int>
    /// Campaigns that exclude child-directed (`regs.coppa` = 1) requests, under the key `true`.
    private let childDirectedExclusions: DimensionIndex<Bool>
    private let mediaTypes: DimensionIndex<MediaType>
    private let sizes: DimensionIndex<AdSize>
    private let deals: DimensionIndex<String>
    private let openAuction: CampaignSet
    /// What the per-candidate loop reads, normalised once here rather than per request, and laid
    /// out so that the common checks touch small dense arrays: every match costs cache misses,
    /// and with hundreds of matches per request those dominate.
    private let facts: [CampaignFacts]
    /// Each campaign's ``PricingRule/ceiling`` in micros, by position: the bidder orders matches
    /// by it, and reading it from `campaigns` copies (and retains) the whole rule per comparison.
    let ceilings: [Int64]
    /// Campaign `p`'s creatives are `creativeFacts[creativeStart[p]..<creativeStart[p + 1]]`.
    private let creativeStart: [Int32]
    private let creativeKinds: [CreativeKind]
    private let creativeFacts: [CreativeFacts]
    /// Region, fixed-zone day-parting and audience rules, checked on the survivors.
    let audienceChecks: AudienceChecks
    /// ``FeatureHasher/creativeFeatures(campaignID:creativeID:mediaType:size:)`` of each
    /// creative, laid out like `creativeFacts`: they depend on the campaign alone, yet were
    /// hashed again (and an array allocated) for every match priced.
    private let creativeFeatureHashes: [[UInt64]]
    /// Each creative's bid as far as its campaign fixes it (markup, domains, categories, ids,
    /// size, media type), with those members already written as JSON (``EncodedCreative``), laid
    /// out like `creativeFacts`: every bid starts as a copy, so they are set and encoded once per
    /// load instead of once per bid.
    private let bidTemplates: [OpenRTB.Bid]

    public init(campaigns: [Campaign]) {
        self.campaigns = campaigns
        audienceChecks = AudienceChecks(campaigns: campaigns)
        facts = campaigns.map {
            CampaignFacts(seat: $0.seat, dealIDs: $0.targeting.dealIDs, openAuction: $0.targeting.openAuction)
        }
        let allCreatives = campaigns.flatMap(\.creatives)
        creativeFacts = allCreatives.map(CreativeFacts.init)
        ceilings = campaigns.map(\.pricing.ceiling.rawValue)
        creativeKinds = allCreatives.map(CreativeKind.init)
        creativeFeatureHashes = campaigns.flatMap { campaign in
            campaign.creatives.map { creative in
                FeatureHasher.creativeFeatures(
                    campaignID: campaign.id,
                    creativeID: creative.id,
                    mediaType: creative.mediaType,
                    size: creative.size
                )
            }
        }
        bidTemplates = campaigns.flatMap { campaign in
            campaign.creatives.map { creative in Self.bidTemplate(campaign: campaign, creative: creative) }
        }
        creativeStart = campaigns.reduce(into: [0]) { starts, campaign in
            starts.append(starts.last! + Int32(campaign.creatives.count))
        }
        let count = campaigns.count
        func dimension<Key>(_ accepted: (Targeting) -> Set<Key>?) -> DimensionIndex<Key> {
            DimensionIndex(count: count) { accepted(campaigns[$0].targeting) }
        }
        func blocks(_ blocked: (Targeting) -> Set<String>) -> DimensionIndex<String> {
            DimensionIndex(count: count) { position in
                let keys = blocked(campaigns[position].targeting)
                return keys.isEmpty ? nil : Set(keys.map(Normalized.domain))
            }
        }
        all = CampaignSet(all: count)
        countries = dimension { $0.countries.map { Set($0.map(Normalized.country)) } }
        deviceTypes = dimension { $0.deviceTypes }
        operatingSystems = dimension { $0.operatingSystems.map { Set($0.map(Normalized.operatingSystem)) } }
        siteDomains = dimension { $0.siteDomains.map { Set($0.map(Normalized.domain)) } }
        blockedSiteDomains = blocks { $0.blockedSiteDomains }
        appBundles = dimension { $0.appBundles.map { Set($0.map(Normalized.domain)) } }
        blockedAppBundles = blocks { $0.blockedAppBundles }
        categories = dimension { $0.contentCategories }
        blockedCategories = DimensionIndex(count: count) { position in
            let blocked = campaigns[position].targeting.blockedContentCategories
            return blocked.isEmpty ? nil : blocked
        }
        seats = DimensionIndex(count: count) { [campaigns[$0].seat] }
        hours = dimension { $0.hoursOfWeek }
        childDirectedExclusions = dimension { $0.excludesChildDirected ? [true] : nil }
        // What a campaign can serve is also bounded by its creatives, so fold their media
        // types and banner sizes into the bitsets: far fewer candidates reach the slow loop.
        mediaTypes = DimensionIndex(count: count) { position in
            let campaign = campaigns[position]
            let served = Set(campaign.creatives.map(\.mediaType))
            return campaign.targeting.mediaTypes.map { $0.intersection(served) } ?? served
        }
        sizes = DimensionIndex(count: count) { position in
            let campaign = campaigns[position]
            guard campaign.creatives.allSatisfy({ $0.mediaType == .banner && $0.size != nil }) else {
                return campaign.targeting.sizes
            }
            let served = Set(campaign.creatives.compactMap(\.size))
            return campaign.targeting.sizes.map { $0.intersection(served) } ?? served
        }
        deals = DimensionIndex(count: count) { campaigns[$0].targeting.dealIDs }
        var open = CampaignSet(count: count)
        for (position, campaign) in campaigns.enumerated() where campaign.targeting.openAuction {
            open.insert(position)
        }
        openAuction = open
    }

    /// The campaigns and creatives that may bid on each impression of `request`.
    /// - Parameter unixTime: the auction time in seconds since 1970, for hour-of-week targeting
    ///   in the user's local time (`device.geo.utcoffset`, else UTC).
    public func matches(for request: OpenRTB.BidRequest, at unixTime: Int64) -> [CampaignMatch] {
        var scratch = MatchScratch.borrow(campaigns: campaigns.count)
        defer { MatchScratch.giveBack(scratch) }
        collectMatches(for: request, RequestFacts(request), at: unixTime, into: &scratch)
        return scratch.matches
    }

    /// ``matches(for:at:)`` appended to `scratch.matches`, in the scratch's sets: nothing is
    /// allocated once a thread's scratch has grown to the requests it sees.
    func collectMatches(
        for request: OpenRTB.BidRequest,
        _ requestFacts: RequestFacts,
        at unixTime: Int64,
        into scratch: inout MatchScratch
    ) {
        requestCandidates(request, requestFacts, at: unixTime, into: &scratch.candidates, union: &scratch.union)
        guard !scratch.candidates.isEmpty else { return }
        let blocks = RequestBlocks(request)
        // Through a buffer pointer, whose elements are read in place: an `Imp` is large, and a
        // loop variable or an array subscript would copy (and retain) all of it.
        request.imp.withUnsafeBufferPointer { imps in
            for impIndex in imps.indices {
                scratch.impCandidates.assign(scratch.candidates)
                let offer = ImpressionOffer(imps, impIndex)
                mediaTypes.restrict(&scratch.impCandidates, toAnyOf: offer.mediaTypes, scratch: &scratch.union)
                // A banner that names no size accepts any size.
                if offer.namesSizes {
                    sizes.restrict(&scratch.impCandidates, toAnyOf: offer.sizes, scratch: &scratch.union)
                }
                restrictToDeals(&scratch.impCandidates, pmp: imps[impIndex].pmp, scratch: &scratch.union)
                let deals = ImpressionDeals(imps, impIndex)
                // Buffer pointers let the checks borrow facts in place instead of copying (and
                // retaining) them for each of the hundreds of candidates.
                facts.withUnsafeBufferPointer { facts in
                    creativeFacts.withUnsafeBufferPointer { creatives in
                        scratch.impCandidates.forEachMember { position in
                            // Without deals, `restrictToDeals` already kept only open-auction campaigns.
                            let route: Route
                            if deals.isEmpty {
                                route = .openAuction
                            } else {
                                guard let chosen = deals.route(for: facts[position]) else { return }
                                route = chosen
                            }
                            let first = Int(creativeStart[position])
                            for creative in first..<Int(creativeStart[position + 1])
                            where offer.accepts(creativeKinds[creative]) && offer.allowsAttributes(creatives, creative)
                                && blocks.allow(creatives, creative) && deals.allows(route, creatives, creative)
                            {
                                scratch.matches.append(
                                    CampaignMatch(
                                        impIndex: impIndex,
                                        campaignIndex: position,
                                        creativeIndex: creative - first,
                                        dealIndex: route.dealIndex
                                    )
                                )
                                return
                            }
                        }
                    }
                }
            }
        }
    }

    /// The model features of a campaign's creative (by position in its `creatives`).
    func creativeFeatures(campaign: Int, creative: Int) -> [UInt64] {
        creativeFeatureHashes[Int(creativeStart[campaign]) + creative]
    }

    /// The bid of a campaign's creative (by position in its `creatives`) with what the campaign
    /// fixes set: the bidder adds the bid's id, impression, price and deal.
    func bidTemplate(campaign: Int, creative: Int) -> OpenRTB.Bid {
        bidTemplates[Int(creativeStart[campaign]) + creative]
    }

    private static func bidTemplate(campaign: Campaign, creative: Creative) -> OpenRTB.Bid {
        var bid = OpenRTB.Bid(id: "", impID: "", price: .zero)
        bid.adm = creative.markup
        bid.adomain = creative.advertiserDomains
        bid.cat = creative.categories.isEmpty ? nil : creative.categories
        bid.attr = creative.attributes.isEmpty ? nil : creative.attributes
        bid.bundle = creative.bundle
        bid.cid = campaign.id
        bid.crid = creative.id
        bid.w = creative.size?.w
        bid.h = creative.size?.h
        bid.mtype = creative.mediaType.rawValue
        bid.dur = creative.duration
        bid.encodedCreative = EncodedCreative(bid)
        return bid
    }

    /// Request-level dimensions, shared by every impression.
    private func requestCandidates(
        _ request: OpenRTB.BidRequest,
        _ requestFacts: RequestFacts,
        at unixTime: Int64,
        into candidates: inout CampaignSet,
        union scratch: inout CampaignSet
    ) {
        candidates.assign(all)
        countries.restrict(&candidates, to: requestFacts.country.map(Normalized.country), scratch: &scratch)
        deviceTypes.restrict(&candidates, to: requestFacts.deviceType, scratch: &scratch)
        operatingSystems.restrict(&candidates, to: requestFacts.os.map(Normalized.operatingSystem), scratch: &scratch)
        let domain = requestFacts.siteDomain.map(Normalized.domain)
        siteDomains.restrict(&candidates, to: domain, scratch: &scratch)
        blockedSiteDomains.exclude(&candidates, key: domain)
        let bundle = requestFacts.appBundle.map(Normalized.domain)
        appBundles.restrict(&candidates, to: bundle, scratch: &scratch)
        blockedAppBundles.exclude(&candidates, key: bundle)
        categories.restrict(&candidates, toAnyOf: requestFacts.contentCategories, scratch: &scratch)
        blockedCategories.exclude(&candidates, anyOf: requestFacts.contentCategories)
        if let wseat = request.wseat, !wseat.isEmpty { seats.restrict(&candidates, toAnyOf: wseat, scratch: &scratch) }
        if let bseat = request.bseat { seats.exclude(&candidates, anyOf: bseat) }
        if requestFacts.childDirected { childDirectedExclusions.exclude(&candidates, key: true) }
        let offset = Int64(requestFacts.utcOffset ?? 0) * 60
        hours.restrict(&candidates, to: Self.hourOfWeek(unixTime: unixTime + offset), scratch: &scratch)
    }

    /// Deals named by the impression that the campaign buys through, else the open auction
    /// unless the impression is a private auction.
    private func restrictToDeals(_ candidates: inout CampaignSet, pmp: OpenRTB.Pmp?, scratch: inout CampaignSet) {
        let privateAuction = pmp?.privateAuction == 1
        if privateAuction { scratch.removeAll() } else { scratch.assign(openAuction) }
        if let impDeals = pmp?.deals { deals.collect(into: &scratch, anyOf: impDeals.lazy.map(\.id)) }
        candidates.formIntersection(scratch)
    }

    /// 0 = Monday 00:00–00:59 … 167 = Sunday 23:00–23:59; 1970-01-01 was a Thursday.
    public static func hourOfWeek(unixTime: Int64) -> Int {
        let hours = unixTime >= 0 ? unixTime / 3600 : (unixTime - 3599) / 3600
        let mondayBased = (hours + 3 * 24) % 168
        return Int(mondayBased < 0 ? mondayBased + 168 : mondayBased)
    }
}

/// The request's content categories — site `cat`, `sectioncat`, `pagecat`, then the app's —
/// iterated in place rather than gathered into a new array per request.
struct ContentCategories: Sequence {
    typealias Lists = (cat: [String]?, section: [String]?, page: [String]?)
    var site: Lists = (nil, nil, nil)
    var app: Lists = (nil, nil, nil)

    struct Iterator: IteratorProtocol {
        fileprivate let categories: ContentCategories
        fileprivate var list = 0
        fileprivate var position = 0

        mutating func next() -> String? {
            while list < 6 {
                if let current = categories.list(list), position < current.count {
                    position += 1
                    return current[position - 1]
                }
                list += 1
                position = 0
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(categories: self) }

    private func list(_ index: Int) -> [String]? {
        switch index {
        case 0: site.cat
        case 1: site.section
        case 2: site.page
        case 3: app.cat
        case 4: app.section
        default: app.page
        }
    }
}

/// What one impression accepts: media types, banner sizes and blocked creative attributes.
///
/// Read in place from the impression, without building arrays: media types are bits, sizes are
/// the banner's own and its `format` list, iterated where they are.
struct ImpressionOffer {
    /// Bit `1 << rawValue` for each media type offered.
    private var mediaTypeBits: UInt8 = 0
    private var bannerSize: AdSize?
    private var formats: [OpenRTB.Format] = []
    /// Whether the banner names any size (its own or a format with both dimensions).
    private(set) var namesSizes = false
    private var bannerAttributes: [Int] = []
    private var videoAttributes: [Int] = []
    private var audioAttributes: [Int] = []
    private var nativeAttributes: [Int] = []
    private var hasBlockedAttributes = false
    private var videoDurations = Durations()
    private var audioDurations = Durations()

    /// The ad lengths a video or audio placement takes: `minduration`…`maxduration`, or exactly
    /// one of `rqddurs` when the exchange lists them (OpenRTB 2.6: then the range is not sent).
    struct Durations {
        var minimum: Int?
        var maximum: Int?
        var required: [Int]?

        func accept(_ seconds: Int) -> Bool {
            if let required, !required.isEmpty { return required.contains(seconds) }
            return seconds >= (minimum ?? 0) && seconds <= (maximum ?? .max)
        }
    }

    /// Reads `imps[index]` member by member in place: passed as an argument, even `borrowing`,
    /// the whole `Imp` was copied (three times per impression with the deals and offer).
    init(_ imps: UnsafeBufferPointer<OpenRTB.Imp>, _ index: Int) {
        if let banner = imps[index].banner {
            offer(.banner)
            if let w = banner.w, let h = banner.h { bannerSize = AdSize(w: w, h: h) }
            formats = banner.format ?? []
            namesSizes = bannerSize != nil || formats.contains { $0.w != nil && $0.h != nil }
            bannerAttributes = banner.battr ?? []
        }
        if let video = imps[index].video {
            offer(.video)
            videoAttributes = video.battr ?? []
            videoDurations = Durations(minimum: video.minDuration, maximum: video.maxDuration, required: video.rqdDurs)
        }
        if let audio = imps[index].audio {
            offer(.audio)
            audioAttributes = audio.battr ?? []
            audioDurations = Durations(minimum: audio.minDuration, maximum: audio.maxDuration, required: audio.rqdDurs)
        }
        if let native = imps[index].native {
            offer(.native)
            nativeAttributes = native.battr ?? []
        }
        hasBlockedAttributes =
            !(bannerAttributes.isEmpty && videoAttributes.isEmpty && audioAttributes.isEmpty
            && nativeAttributes.isEmpty)
    }

    private mutating func offer(_ mediaType: MediaType) { mediaTypeBits |= 1 << mediaType.rawValue }

    private func offers(_ mediaType: MediaType) -> Bool { mediaTypeBits & (1 << mediaType.rawValue) != 0 }

    /// The media types offered, in the order banner, video, audio, native (by raw value).
    var mediaTypes: OfferedMediaTypes { OfferedMediaTypes(bits: mediaTypeBits) }

    /// The set bits of `mediaTypeBits`, lowest first, as media types: a plain value where a lazy
    /// filter over all four types kept its predicate (and this offer) in a closure context that
    /// was allocated twice per impression whenever the index's `restrict` was not inlined.
    struct OfferedMediaTypes: Sequence, IteratorProtocol {
        var bits: UInt8

        mutating func next() -> MediaType? {
            guard bits != 0 else { return nil }
            let rawValue = bits.trailingZeroBitCount
            bits &= bits - 1
            return MediaType(rawValue: rawValue)
        }
    }

    /// The banner's size, then each format's with both dimensions.
    var sizes: OfferedSizes { OfferedSizes(banner: bannerSize, formats: formats) }

    struct OfferedSizes: Sequence, IteratorProtocol {
        fileprivate var banner: AdSize?
        fileprivate let formats: [OpenRTB.Format]
        private var position = 0

        fileprivate init(banner: AdSize?, formats: [OpenRTB.Format]) {
            self.banner = banner
            self.formats = formats
        }

        mutating func next() -> AdSize? {
            if let size = banner {
                banner = nil
                return size
            }
            while position < formats.count {
                position += 1
                if let w = formats[position - 1].w, let h = formats[position - 1].h { return AdSize(w: w, h: h) }
            }
            return nil
        }
    }

    /// Whether the creative fits this impression, from its compact kind: its media type is
    /// offered, a sized banner is one of the sizes, and a video or audio ad of stated length is
    /// one the placement takes.
    @inline(__always)
    func accepts(_ kind: CreativeKind) -> Bool {
        guard let mediaType = MediaType(rawValue: Int(kind.mediaType)), offers(mediaType) else {
            return false
        }
        switch mediaType {
        case .banner where kind.w >= 0 && namesSizes: return sizes.contains(AdSize(w: Int(kind.w), h: Int(kind.h)))
        case .video where kind.duration >= 0: return videoDurations.accept(Int(kind.duration))
        case .audio where kind.duration >= 0: return audioDurations.accept(Int(kind.duration))
        default: return true
        }
    }

    /// None of the creative's attributes is blocked for its media type.
    @inline(__always)
    func allowsAttributes(_ creatives: UnsafeBufferPointer<CreativeFacts>, _ index: Int) -> Bool {
        guard hasBlockedAttributes else { return true }
        let blocked: [Int]
        switch creatives[index].mediaType {
        case .banner: blocked = bannerAttributes
        case .video: blocked = videoAttributes
        case .audio: blocked = audioAttributes
        case .native: blocked = nativeAttributes
        }
        return blocked.isEmpty || !creatives[index].attributes.contains { blocked.contains($0) }
    }
}

/// The request's block-lists for advertisers, categories and advertised apps.
struct RequestBlocks {
    private let categories: [String]
    private let advertisers: Set<String>
    private let apps: [String]
    private let blocksNothing: Bool

    /// `borrowing`: an initializer otherwise takes its argument owned, a copy of the whole request.
    init(_ request: borrowing OpenRTB.BidRequest) {
        categories = request.bcat ?? []
        advertisers = Set((request.badv ?? []).map(Normalized.domain))
        apps = request.bapp ?? []
        blocksNothing = categories.isEmpty && advertisers.isEmpty && apps.isEmpty
    }

    /// A blocked IAB tier-1 category (`IAB11`) also blocks its tier-2 children (`IAB11-4`).
    @inline(__always)
    func allow(_ creatives: UnsafeBufferPointer<CreativeFacts>, _ index: Int) -> Bool {
        if blocksNothing { return true }
        for category in creatives[index].categories {
            for blocked in categories where category == blocked || Self.isChild(category, of: blocked) { return false }
        }
        if creatives[index].advertiserDomains.contains(where: advertisers.contains) { return false }
        if let bundle = creatives[index].bundle, apps.contains(bundle) { return false }
        return true
    }

    private static func isChild(_ category: String, of parent: String) -> Bool {
        let child = category.utf8
        let prefix = parent.utf8
        return child.count > prefix.count && child.starts(with: prefix)
            && child[child.index(child.startIndex, offsetBy: prefix.count)] == UInt8(ascii: "-")
    }
}

/// Whether a bid goes to the open auction or through one of the impression's deals.
enum Route {
    case openAuction
    case deal(Int)

    var dealIndex: Int? {
        if case .deal(let index) = self { index } else { nil }
    }
}

/// The deals of one impression, read once per impression rather than once per candidate.
struct ImpressionDeals {
    private let ids: [String]
    private let seats: [[String]?]
    /// Normalised `wadomain` per deal: advertisers allowed to buy through it.
    private let advertisers: [Set<String>?]
    private let privateAuction: Bool

    var isEmpty: Bool { ids.isEmpty }

    /// Reads `imps[index]` in place, like ``ImpressionOffer/init(_:_:)``.
    init(_ imps: UnsafeBufferPointer<OpenRTB.Imp>, _ index: Int) {
        let deals = imps[index].pmp?.deals ?? []
        ids = deals.map(\.id)
        seats = deals.map(\.wseat)
        advertisers = deals.map { $0.wadomain.map { Set($0.map(Normalized.domain)) } }
        privateAuction = imps[index].pmp?.privateAuction == 1
    }

    /// The first deal the campaign buys through whose `wseat` admits its seat, else the open
    /// auction unless the impression is private.
    func route(for campaign: borrowing CampaignFacts) -> Route? {
        for index in ids.indices where campaign.dealIDs.contains(ids[index]) {
            if seats[index].map({ $0.contains(campaign.seat) }) ?? true { return .deal(index) }
        }
        return campaign.openAuction && !privateAuction ? .openAuction : nil
    }

    /// A deal's `wadomain` limits which advertisers may buy through it.
    @inline(__always)
    func allows(_ route: Route, _ creatives: UnsafeBufferPointer<CreativeFacts>, _ index: Int) -> Bool {
        guard case .deal(let deal) = route, let allowed = advertisers[deal] else { return true }
        return creatives[index].advertiserDomains.contains(where: allowed.contains)
    }
}

struct CampaignFacts {
    var seat: String
    var dealIDs: Set<String>
    var openAuction: Bool
}

/// A creative's media type and banner size in 12 bytes, for the first check of every candidate.
struct CreativeKind {
    var mediaType: UInt8
    /// -1 when the creative has no fixed size.
    var w: Int32
    var h: Int32
    /// Seconds of a video or audio ad; -1 when not stated.
    var duration: Int32

    init(_ creative: Creative) {
        mediaType = UInt8(creative.mediaType.rawValue)
        w = creative.size.map { Int32(clamping: $0.w) } ?? -1
        h = creative.size.map { Int32(clamping: $0.h) } ?? -1
        duration = creative.duration.map { Int32(clamping: $0) } ?? -1
    }
}

struct CreativeFacts {
    var mediaType: MediaType
    var size: AdSize?
    /// Normalised with ``Normalized/domain(_:)``.
    var advertiserDomains: [String]
    var categories: [String]
    var attributes: [Int]
    var bundle: String?

    init(_ creative: Creative) {
        mediaType = creative.mediaType
        size = creative.size
        advertiserDomains = creative.advertiserDomains.map(Normalized.domain)
        categories = creative.categories
        attributes = creative.attributes
        bundle = creative.bundle
    }
}
