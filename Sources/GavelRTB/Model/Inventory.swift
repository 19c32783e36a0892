extension OpenRTB {
    /// A website carrying the impressions (§3.2.13). A request has at most one of site, app, dooh.
    public struct Site: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        public var domain: String?
        public var cattax: Int?
        public var cat: [String]?
        public var sectionCat: [String]?
        public var pageCat: [String]?
        public var page: String?
        public var ref: String?
        public var search: String?
        public var mobile: Int?
        public var privacyPolicy: Int?
        /// Boxed, like `content`: the bidder never reads either, and inline they were ≈ 460 of a
        /// `Site`'s ≈ 660 bytes, copied with every request and every check of `site`.
        @Indirect public var publisher: Publisher? = nil
        @Indirect public var content: Content? = nil
        /// Comma-separated keywords.
        public var keywords: String?
        public var kwArray: [String]?
        public var inventoryPartnerDomain: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case id, name, domain, cattax, cat, page, ref, search, mobile, publisher, content, keywords
            case sectionCat = "sectioncat"
            case pageCat = "pagecat"
            case privacyPolicy = "privacypolicy"
            case kwArray = "kwarray"
            case inventoryPartnerDomain = "inventorypartnerdomain"
        }
    }

    /// A mobile or CTV application carrying the impressions (§3.2.14).
    public struct App: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        /// Store id or package name (`com.foo.mygame`, `1234567`): what app allow/block lists name.
        public var bundle: String?
        public var domain: String?
        public var storeURL: String?
        public var cattax: Int?
        public var cat: [String]?
        public var sectionCat: [String]?
        public var pageCat: [String]?
        public var ver: String?
        public var privacyPolicy: Int?
        public var paid: Int?
        /// Boxed, as in ``Site``.
        @Indirect public var publisher: Publisher? = nil
        @Indirect public var content: Content? = nil
        public var keywords: String?
        public var kwArray: [String]?
        public var inventoryPartnerDomain: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case id, name, bundle, domain, cattax, cat, ver, paid, publisher, content, keywords
            case storeURL = "storeurl"
            case sectionCat = "sectioncat"
            case pageCat = "pagecat"
            case privacyPolicy = "privacypolicy"
            case kwArray = "kwarray"
            case inventoryPartnerDomain = "inventorypartnerdomain"
        }
    }

    /// A digital out-of-home screen (§3.2.32).
    public struct DOOH: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        public var venueType: [String]?
        public var venueTypeTax: Int?
        public var publisher: Publisher?
        public var domain: String?
        public var keywords: String?
        public var content: Content?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case id, name, publisher, domain, keywords, content
            case venueType = "venuetype"
            case venueTypeTax = "venuetypetax"
        }
    }

    /// The seller of the inventory (§3.2.15).
    public struct Publisher: Hashable, Sendable, Decodable {
        public var id: String?
        public var name: String?
        public var cattax: Int?
        public var cat: [String]?
        public var domain: String?

        public init() {}
    }

    /// The content next to which the ad is shown (§3.2.16).
    public struct Content: Hashable, Sendable, Decodable {
        public var id: String?
        public var episode: Int?
        public var title: String?
        public var series: String?
        public var season: String?
        public var artist: String?
        public var genre: String?
        public var album: String?
        public var isrc: String?
        public var url: String?
        public var cattax: Int?
        public var cat: [String]?
        public var prodQ: Int?
        public var context: Int?
        public var contentRating: String?
        public var userRating: String?
        public var qagMediaRating: Int?
        public var keywords: String?
        public var kwArray: [String]?
        public var liveStream: Int?
        public var sourceRelationship: Int?
        public var len: Int?
        public var language: String?
        public var langb: String?
        public var embeddable: Int?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case id, episode, title, series, season, artist, genre, album, isrc, url, cattax, cat, context
            case keywords, len, language, langb, embeddable
            case prodQ = "prodq"
            case contentRating = "contentrating"
            case userRating = "userrating"
            case qagMediaRating = "qagmediarating"
            case kwArray = "kwarray"
            case liveStream = "livestream"
            case sourceRelationship = "sourcerelationship"
        }
    }
}
