/// An IAB US Privacy string (`regs.us_privacy`, the CCPA signal), e.g. `1YNN`.
///
/// Four characters: the version (`1`), then notice given, opted out of sale and covered by the
/// LSPA, each `Y`, `N` or `-` (not applicable; letters in either case). Only the opt-out matters to the bidder: a user
/// who opted out of the sale of their data gets no personal-data targeting.
///
/// A string that is not four characters of that form is *malformed* and reads as not opted
/// out: the signal is the exchange's to send right, a bidder that refused personal data on every
/// garbled string would punish the users who never opted out, and the other signals (COPPA, GDPR)
/// are checked independently. ``isMalformed`` lets a caller count such strings.
public struct USPrivacy: Hashable, Sendable {
    /// The user opted out of the sale of personal information (third character `Y`).
    public let optedOutOfSale: Bool
    /// The string is not `1` followed by three of `Y`, `N`, `-`.
    public let isMalformed: Bool

    /// Reads the string's bytes in place: no allocation.
    public init(_ string: String) {
        var valid = false
        var optedOut = false
        var bytes = string.utf8.makeIterator()
        if bytes.next() == UInt8(ascii: "1"), let notice = bytes.next(), let sale = bytes.next(),
            let lspa = bytes.next(), bytes.next() == nil,
            Self.isFlag(notice), Self.isFlag(sale), Self.isFlag(lspa)
        {
            valid = true
            optedOut = sale | 0x20 == UInt8(ascii: "y")
        }
        isMalformed = !valid
        optedOutOfSale = optedOut
    }

    /// `Y`, `N` (either case: a lower-case `y` is still an opt-out) or `-`.
    private static func isFlag(_ byte: UInt8) -> Bool {
        byte | 0x20 == UInt8(ascii: "y") || byte | 0x20 == UInt8(ascii: "n") || byte == UInt8(ascii: "-")
    }
}
