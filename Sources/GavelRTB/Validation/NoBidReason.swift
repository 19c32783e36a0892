/// Why a bidder did not bid, as the exchange understands it: the `nbr` of a bid response.
///
/// OpenRTB 2.6 refers to the list "No-Bid Reason Codes" of OpenRTB 3.0 (2.6 change log: list
/// 5.24, items 9–10 added); values 500 and above are exchange specific, so this is an open set
/// of constants rather than a closed enum.
public struct NoBidReason: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unknownError = NoBidReason(rawValue: 0)
    public static let technicalError = NoBidReason(rawValue: 1)
    public static let invalidRequest = NoBidReason(rawValue: 2)
    public static let knownWebCrawler = NoBidReason(rawValue: 3)
    public static let suspectedNonHumanTraffic = NoBidReason(rawValue: 4)
    public static let cloudDataCenterOrProxyIP = NoBidReason(rawValue: 5)
    public static let unsupportedDevice = NoBidReason(rawValue: 6)
    public static let blockedPublisherOrSite = NoBidReason(rawValue: 7)
    public static let unmatchedUser = NoBidReason(rawValue: 8)
    public static let dailyUserCapMet = NoBidReason(rawValue: 9)
    public static let dailyDomainCapMet = NoBidReason(rawValue: 10)
    public static let adsTxtAuthorizationUnavailable = NoBidReason(rawValue: 11)
    public static let adsTxtAuthorizationViolation = NoBidReason(rawValue: 12)
    public static let adsCertAuthenticationUnavailable = NoBidReason(rawValue: 13)
    public static let adsCertAuthenticationViolation = NoBidReason(rawValue: 14)
    public static let insufficientAuctionTime = NoBidReason(rawValue: 15)

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String {
        switch rawValue {
        case 0: "unknown error"
        case 1: "technical error"
        case 2: "invalid request"
        case 3: "known web crawler"
        case 4: "suspected non-human traffic"
        case 5: "cloud, data center or proxy IP"
        case 6: "unsupported device"
        case 7: "blocked publisher or site"
        case 8: "unmatched user"
        case 9: "daily user cap met"
        case 10: "daily domain cap met"
        case 11: "ads.txt authorization unavailable"
        case 12: "ads.txt authorization violation"
        case 13: "ads.cert authentication unavailable"
        case 14: "ads.cert authentication violation"
        case 15: "insufficient auction time"
        case 500...: "exchange specific (\(rawValue))"
        default: "reserved (\(rawValue))"
        }
    }
}
