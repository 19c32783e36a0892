extension OpenRTB {
    /// The answer to a bid request (§4.2.1): bids grouped by seat, or a no-bid with a reason.
    public struct BidResponse: Hashable, Sendable, Codable {
        /// The id of the bid request this answers.
        public var id: String
        public var seatBid: [SeatBid]
        /// The bidder's own id for this response, for logging.
        public var bidID: String?
        /// Currency of every price in the response (ISO-4217); the specification's default is USD.
        public var cur: String?
        public var customData: String?
        /// Why there is no bid; only meaningful when `seatBid` is empty.
        public var nbr: NoBidReason?

        public init(
            id: String,
            seatBid: [SeatBid] = [],
            bidID: String? = nil,
            cur: String? = nil,
            customData: String? = nil,
            nbr: NoBidReason? = nil
        ) {
            self.id = id
            self.seatBid = seatBid
            self.bidID = bidID
            self.cur = cur
            self.customData = customData
            self.nbr = nbr
        }

        /// A no-bid that tells the exchange why, which the implementation guide encourages
        /// over a bare HTTP 204 when the reason is known.
        public static func noBid(id: String, reason: NoBidReason) -> BidResponse {
            BidResponse(id: id, nbr: reason)
        }

        enum CodingKeys: String, CodingKey {
            case id, cur, nbr
            case seatBid = "seatbid"
            case bidID = "bidid"
            case customData = "customdata"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.id = try container.decode(String.self, forKey: .id)
            self.seatBid = try container.decodeIfPresent([SeatBid].self, forKey: .seatBid) ?? []
            self.bidID = try container.decodeIfPresent(String.self, forKey: .bidID)
            self.cur = try container.decodeIfPresent(String.self, forKey: .cur)
            self.customData = try container.decodeIfPresent(String.self, forKey: .customData)
            self.nbr = try container.decodeIfPresent(NoBidReason.self, forKey: .nbr)
        }
    }

    /// The bids of one buyer seat (§4.2.2).
    public struct SeatBid: Hashable, Sendable, Codable {
        public var bid: [Bid]
        public var seat: String?
        /// 1 = the bids must win or lose together.
        public var group: Int?

        public init(bid: [Bid], seat: String? = nil, group: Int? = nil) {
            self.bid = bid
            self.seat = seat
            self.group = group
        }
    }

    /// An offer to buy one impression (§4.2.3).
    ///
    /// The markup is either inline (`adm`) or fetched by the exchange from the win notice
    /// (`nurl`); `burl` is called when the impression is billable, `lurl` when the bid lost.
    /// These URLs may contain macros such as `${AUCTION_PRICE}`, which the exchange substitutes.
    public struct Bid: Hashable, Sendable, Codable {
        public var id: String
        /// The `imp.id` this bid is for.
        public var impID: String
        /// CPM in the response's currency.
        public var price: CPM
        public var nurl: String?
        public var burl: String?
        public var lurl: String?
        public var adm: String?
        public var adID: String?
        /// Advertiser domains, checked by the exchange against the request's `badv`.
        public var adomain: [String]?
        public var bundle: String?
        public var iurl: String?
        /// Campaign id.
        public var cid: String?
        /// Creative id, for the exchange's creative review.
        public var crid: String?
        public var tactic: String?
        public var cattax: Int?
        /// Categories of the creative, checked against `bcat`.
        public var cat: [String]?
        /// Creative attributes, checked against `battr`.
        public var attr: [Int]?
        public var apis: [Int]?
        public var dealID: String?
        public var w: Int?
        public var h: Int?
        public var wRatio: Int?
        public var hRatio: Int?
        public var exp: Int?
        public var dur: Int?
        /// 1 banner, 2 video, 3 audio, 4 native: required by 2.6 exchanges for multi-format imps.
        public var mtype: Int?
        public var slotInPod: Int?
        /// Not OpenRTB, never encoded: `price` in the campaign's own currency when the bid is in
        /// another (the request's `cur` did not allow the campaign's). The notice URLs sign it, so
        /// a win is charged to the campaign's budget at the rate the bid was made at.
        public var campaignPrice: CPM? = nil
        /// The creative's members already written as JSON, made once per campaign load: the
        /// encoder copies these bytes instead of writing `adm`, `adomain`, `cat`… again for every
        /// bid, and only while the bid's members are still the ones they were made from.
        public var encodedCreative: EncodedCreative? {
            get { encodingCache.creative }
            set { encodingCache.creative = newValue }
        }
        private var encodingCache = EncodingCache()

        public init(id: String, impID: String, price: CPM) {
            self.id = id
            self.impID = impID
            self.price = price
        }

        enum CodingKeys: String, CodingKey {
            case id, price, nurl, burl, lurl, adm, adomain, bundle, iurl, cid, crid, tactic, cattax, cat, attr
            case apis, w, h, exp, dur, mtype
            case impID = "impid"
            case adID = "adid"
            case dealID = "dealid"
            case wRatio = "wratio"
            case hRatio = "hratio"
            case slotInPod = "slotinpod"
        }
    }
}
