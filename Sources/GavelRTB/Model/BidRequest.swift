extension OpenRTB {
    /// The top-level bid request (OpenRTB 2.6 §3.2.1): one auction, one or more impressions.
    ///
    /// `id` and `imp` are required by the specification; a decoded request that lacks them
    /// carries `""` and `[]`, and ``BidRequestValidator`` turns that into a no-bid with reason
    /// *invalid request* — decoding and judging are kept apart so a bad request can still be
    /// logged with whatever it did contain.
    public struct BidRequest: Hashable, Sendable {
        public var id = ""
        public var imp: [Imp] = []
        public var site: Site?
        public var app: App?
        /// Boxed, like ``Imp/video``: rare, and a `DOOH` (with its content) is ≈ 540 bytes.
        @Indirect public var dooh: DOOH? = nil
        public var device: Device?
        public var user: User?
        /// 1 = test mode: auctions are not billable.
        public var test: Int?
        /// Auction type: 1 first price, 2 second price plus (the default), 500+ exchange specific.
        public var at: Int?
        /// Milliseconds the exchange waits for a response, including network latency.
        public var tmax: Int?
        /// Allowed buyer seats; absent means all seats may bid.
        public var wseat: [String]?
        /// Blocked buyer seats.
        public var bseat: [String]?
        public var allImps: Int?
        /// Allowed currencies for bids (ISO-4217); absent means the exchange's default (USD).
        public var cur: [String]?
        public var wlang: [String]?
        public var wlangb: [String]?
        public var acat: [String]?
        /// Blocked advertiser categories, in the taxonomy named by `cattax`.
        public var bcat: [String]?
        public var cattax: Int?
        /// Blocked advertiser domains.
        public var badv: [String]?
        /// Blocked app bundles or package names.
        public var bapp: [String]?
        public var source: Source?
        public var regs: Regs?

        public init() {}

        /// The auction type with the specification's default applied.
        public var auctionType: Int { at ?? 2 }
    }

    /// One impression on offer (§3.2.4): at least one of banner, video, audio or native.
    public struct Imp: Hashable, Sendable {
        public var id = ""
        public var banner: Banner?
        /// Boxed: most impressions have neither, and inline a `Video` and an `Audio` took ≈ 770 of
        /// an `Imp`'s ≈ 1,190 bytes, zeroed, moved and destroyed with every impression decoded.
        @Indirect public var video: Video? = nil
        @Indirect public var audio: Audio? = nil
        public var native: Native?
        public var pmp: Pmp?
        public var displayManager: String?
        public var displayManagerVer: String?
        /// 1 = interstitial or full screen.
        public var instl: Int?
        public var tagID: String?
        /// Minimum bid, CPM in `bidFloorCur`.
        public var bidFloor: CPM?
        /// Currency of `bidFloor`; the specification's default is USD.
        public var bidFloorCur: String?
        public var clickBrowser: Int?
        /// 1 = the creative must be served over HTTPS.
        public var secure: Int?
        public var iframeBuster: [String]?
        /// 1 = the user receives a reward for viewing the creative.
        public var rwdd: Int?
        public var ssai: Int?
        /// Seconds that may elapse between the auction and the impression.
        public var exp: Int?

        public init() {}
    }

    /// A display slot (§3.2.6); `format` lists the sizes allowed, `w`/`h` the exact size when fixed.
    public struct Banner: Hashable, Sendable, Decodable {
        public var format: [Format]?
        public var w: Int?
        public var h: Int?
        /// Blocked banner ad types.
        public var btype: [Int]?
        /// Blocked creative attributes.
        public var battr: [Int]?
        public var pos: Int?
        public var mimes: [String]?
        public var topFrame: Int?
        public var expDir: [Int]?
        public var api: [Int]?
        public var id: String?
        public var vcm: Int?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case format, w, h, btype, battr, pos, mimes, api, id, vcm
            case topFrame = "topframe"
            case expDir = "expdir"
        }
    }

    /// An allowed banner size, exact (`w`/`h`) or flexible (`wratio`/`hratio`/`wmin`) (§3.2.10).
    public struct Format: Hashable, Sendable, Decodable {
        public var w: Int?
        public var h: Int?
        public var wRatio: Int?
        public var hRatio: Int?
        public var wMin: Int?

        public init(w: Int? = nil, h: Int? = nil) {
            self.w = w
            self.h = h
        }

        enum CodingKeys: String, CodingKey {
            case w, h
            case wRatio = "wratio"
            case hRatio = "hratio"
            case wMin = "wmin"
        }
    }

    /// An in-stream or out-stream video placement (§3.2.7).
    public struct Video: Hashable, Sendable, Decodable {
        public var mimes: [String]?
        public var minDuration: Int?
        public var maxDuration: Int?
        /// Seconds into the content; 0 pre-roll, -1 generic mid-roll, -2 generic post-roll.
        public var startDelay: Int?
        public var maxSeq: Int?
        public var podDur: Int?
        public var protocols: [Int]?
        public var w: Int?
        public var h: Int?
        public var podID: String?
        public var podSeq: Int?
        public var rqdDurs: [Int]?
        /// Deprecated in 2.6 in favour of `plcmt`; still sent by many exchanges.
        public var placement: Int?
        public var plcmt: Int?
        public var linearity: Int?
        public var skip: Int?
        public var skipMin: Int?
        public var skipAfter: Int?
        public var sequence: Int?
        public var slotInPod: Int?
        public var minCPMPerSec: CPM?
        public var battr: [Int]?
        public var maxExtended: Int?
        public var minBitrate: Int?
        public var maxBitrate: Int?
        public var boxingAllowed: Int?
        public var playbackMethod: [Int]?
        public var playbackEnd: Int?
        public var delivery: [Int]?
        public var pos: Int?
        public var companionAd: CompanionAds?
        public var api: [Int]?
        public var companionType: [Int]?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case mimes, protocols, w, h, placement, plcmt, linearity, skip, sequence, battr, delivery, pos, api
            case minDuration = "minduration"
            case maxDuration = "maxduration"
            case startDelay = "startdelay"
            case maxSeq = "maxseq"
            case podDur = "poddur"
            case podID = "podid"
            case podSeq = "podseq"
            case rqdDurs = "rqddurs"
            case skipMin = "skipmin"
            case skipAfter = "skipafter"
            case slotInPod = "slotinpod"
            case minCPMPerSec = "mincpmpersec"
            case maxExtended = "maxextended"
            case minBitrate = "minbitrate"
            case maxBitrate = "maxbitrate"
            case boxingAllowed = "boxingallowed"
            case playbackMethod = "playbackmethod"
            case playbackEnd = "playbackend"
            case companionAd = "companionad"
            case companionType = "companiontype"
        }
    }

    /// An audio placement (§3.2.8).
    public struct Audio: Hashable, Sendable, Decodable {
        public var mimes: [String]?
        public var minDuration: Int?
        public var maxDuration: Int?
        public var podDur: Int?
        public var protocols: [Int]?
        public var startDelay: Int?
        public var rqdDurs: [Int]?
        public var podID: String?
        public var podSeq: Int?
        public var sequence: Int?
        public var slotInPod: Int?
        public var minCPMPerSec: CPM?
        public var battr: [Int]?
        public var maxExtended: Int?
        public var minBitrate: Int?
        public var maxBitrate: Int?
        public var delivery: [Int]?
        public var companionAd: CompanionAds?
        public var api: [Int]?
        public var companionType: [Int]?
        public var maxSeq: Int?
        public var feed: Int?
        public var stitched: Int?
        public var nvol: Int?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case mimes, protocols, sequence, battr, delivery, api, feed, stitched, nvol
            case minDuration = "minduration"
            case maxDuration = "maxduration"
            case podDur = "poddur"
            case startDelay = "startdelay"
            case rqdDurs = "rqddurs"
            case podID = "podid"
            case podSeq = "podseq"
            case slotInPod = "slotinpod"
            case minCPMPerSec = "mincpmpersec"
            case maxExtended = "maxextended"
            case minBitrate = "minbitrate"
            case maxBitrate = "maxbitrate"
            case companionAd = "companionad"
            case companionType = "companiontype"
            case maxSeq = "maxseq"
        }
    }

    /// A native placement (§3.2.9); the asset request itself is the Native Ads specification's.
    public struct Native: Hashable, Sendable, Decodable {
        public var request: NativeRequest?
        public var ver: String?
        public var api: [Int]?
        public var battr: [Int]?

        public init() {}
    }

    /// Private marketplace terms of an impression (§3.2.11).
    public struct Pmp: Hashable, Sendable, Decodable {
        /// 1 = only the listed deals may bid.
        public var privateAuction: Int?
        public var deals: [Deal]?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case deals
            case privateAuction = "private_auction"
        }
    }

    /// A deal between a buyer and a seller (§3.2.12), with its own floor and auction type.
    public struct Deal: Hashable, Sendable {
        public var id = ""
        public var bidFloor: CPM?
        public var bidFloorCur: String?
        /// Overrides the request's `at`; 3 means the deal price is `bidFloor` (fixed price).
        public var at: Int?
        public var wseat: [String]?
        public var wadomain: [String]?
        public var guar: Int?
        public var minCPMPerSec: CPM?

        public init() {}
    }
}
