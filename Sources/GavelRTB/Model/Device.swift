extension OpenRTB {
    /// The device showing the ad (§3.2.18): the main input of targeting and fraud checks.
    public struct Device: Hashable, Sendable, Decodable {
        public var geo: Geo?
        /// 1 = "do not track".
        public var dnt: Int?
        /// 1 = limit ad tracking (the advertising id must not be used for targeting).
        public var lmt: Int?
        public var ua: String?
        /// Structured user agent (client hints); preferred over `ua` when present. Boxed: the
        /// bidder never reads it, and inline it was ≈ 120 bytes of every request.
        @Indirect public var sua: UserAgent? = nil
        public var ip: String?
        public var ipv6: String?
        /// AdCOM device type: 1 mobile/tablet, 2 PC, 3 connected TV, 4 phone, 5 tablet, 6 connected
        /// device, 7 set-top box, 8 out-of-home.
        public var deviceType: Int?
        public var make: String?
        public var model: String?
        public var os: String?
        public var osv: String?
        public var hwv: String?
        public var h: Int?
        public var w: Int?
        public var ppi: Int?
        public var pxRatio: Double?
        public var js: Int?
        public var geoFetch: Int?
        public var flashVer: String?
        public var language: String?
        public var langb: String?
        public var carrier: String?
        public var mccmnc: String?
        public var connectionType: Int?
        /// Advertising id (IDFA, AAID, …).
        public var ifa: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case geo, dnt, lmt, ua, sua, ip, ipv6, make, model, os, osv, hwv, h, w, ppi, js
            case language, langb, carrier, mccmnc, ifa
            case deviceType = "devicetype"
            case pxRatio = "pxratio"
            case geoFetch = "geofetch"
            case flashVer = "flashver"
            case connectionType = "connectiontype"
        }
    }

    /// A location (§3.2.19): the device's current one, or the user's home base.
    public struct Geo: Hashable, Sendable, Decodable {
        public var lat: Double?
        public var lon: Double?
        /// 1 GPS, 2 IP address, 3 user provided.
        public var type: Int?
        public var accuracy: Int?
        public var lastFix: Int?
        public var ipService: Int?
        /// ISO-3166-1 alpha-3 (`USA`, `DEU`).
        public var country: String?
        public var region: String?
        public var regionFIPS104: String?
        public var metro: String?
        public var city: String?
        public var zip: String?
        /// Minutes from UTC: what turns the auction time into the user's hour of week.
        public var utcOffset: Int?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case lat, lon, type, accuracy, country, region, metro, city, zip
            case lastFix = "lastfix"
            case ipService = "ipservice"
            case regionFIPS104 = "regionfips104"
            case utcOffset = "utcoffset"
        }
    }

    /// Structured user agent from client hints (§3.2.29).
    public struct UserAgent: Hashable, Sendable, Decodable {
        public var browsers: [BrandVersion]?
        public var platform: BrandVersion?
        public var mobile: Int?
        public var architecture: String?
        public var bitness: String?
        public var model: String?
        public var source: Int?

        public init() {}
    }

    /// A brand and its version components, e.g. `Chrome` `["120", "0"]` (§3.2.30).
    public struct BrandVersion: Hashable, Sendable, Decodable {
        public var brand: String?
        public var version: [String]?

        public init() {}
    }
}
