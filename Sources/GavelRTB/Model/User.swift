extension OpenRTB {
    /// The person behind the device, as the exchange knows them (§3.2.20).
    ///
    /// `consent` and `eids` are also read from their 2.5-era homes `user.ext.consent` and
    /// `user.ext.eids` (the IAB GDPR and Prebid extensions) when the 2.6 member is absent.
    public struct User: Hashable, Sendable {
        public var id: String?
        /// The buyer's own id for this user, from cookie sync: what first-party audiences match on.
        public var buyerUID: String?
        public var yob: Int?
        public var gender: String?
        public var keywords: String?
        public var kwArray: [String]?
        public var customData: String?
        public var geo: Geo?
        /// Audience segments from data providers.
        public var data: [Data]?
        /// TCF consent string (GDPR).
        public var consent: String?
        /// Extended ids from identity providers.
        public var eids: [EID]?

        public init() {}
    }

    /// A data provider's facts about the user or content (§3.2.21). Named as in the specification;
    /// write `OpenRTB.Data` where Foundation is imported.
    public struct Data: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        public var segment: [Segment]?

        public init() {}
    }

    /// One audience segment (§3.2.22).
    public struct Segment: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        public var value: String?

        public init() {}
    }

    /// An extended identifier from one source, e.g. `liveramp.com` (§3.2.27).
    public struct EID: Hashable, Sendable, Decodable {
        public var inserter: String?
        public var source: String?
        public var matcher: String?
        public var mm: Int?
        public var uids: [UID]?

        public init() {}
    }

    /// One user id within an ``EID`` (§3.2.28).
    public struct UID: Hashable, Sendable, Decodable {
        public var id: String?
        /// 1 device id, 2 person id, 3 partner/publisher id.
        public var atype: Int?

        public init() {}
    }

    /// Legal regimes that apply to the request (§3.2.3).
    ///
    /// `gdpr` and `usPrivacy` are also read from `regs.ext.gdpr` and `regs.ext.us_privacy`,
    /// where OpenRTB 2.5 exchanges put them, when the 2.6 member is absent.
    public struct Regs: Hashable, Sendable {
        /// 1 = subject to COPPA (children's privacy).
        public var coppa: Int?
        /// 1 = subject to GDPR.
        public var gdpr: Int?
        /// CCPA string, e.g. `1YNN`.
        public var usPrivacy: String?
        public var gpp: String?
        public var gppSID: [Int]?

        public init() {}
    }

    /// The origin of the request and the path it travelled (§3.2.2).
    ///
    /// `schain` is also read from `source.ext.schain` (the 2.5-era location) when absent.
    public struct Source: Hashable, Sendable {
        /// 1 = the exchange makes the final decision; 0 = an upstream source does (header bidding).
        public var fd: Int?
        /// Transaction id shared by every bidder of the same impression opportunity.
        public var tid: String?
        public var pchain: String?
        public var schain: SupplyChain?

        public init() {}
    }

    /// The sellers and intermediaries the request passed through (§3.2.25).
    public struct SupplyChain: Hashable, Sendable, Decodable {
        /// 1 = the chain reaches back to the owner of the inventory.
        public var complete: Int?
        public var nodes: [SupplyChainNode]?
        public var ver: String?

        public init() {}
    }

    /// One participant of a supply chain (§3.2.26).
    public struct SupplyChainNode: Hashable, Sendable, Decodable {
        /// Canonical domain of the system, as in its ads.txt / sellers.json.
        public var asi: String?
        /// Seller id within that system.
        public var sid: String?
        public var rid: String?
        public var name: String?
        public var domain: String?
        /// 1 = this node handles payment.
        public var hp: Int?

        public init() {}
    }
}
