import Crypto
import GavelCore

/// The three notices an exchange may call for a bid (OpenRTB 2.6 §4.2.3).
public enum NoticeKind: String, Sendable, CaseIterable {
    /// `nurl`: the bid won the auction.
    case win
    /// `burl`: the impression became billable (typically rendered).
    case billing
    /// `lurl`: the bid lost; `${AUCTION_LOSS}` says why.
    case loss

    /// The route the notice URL points at.
    var path: String { "/\(rawValue)" }
}

/// What a notice URL vouches for: the facts fixed when the bid was made.
///
/// Everything the exchange fills in later (clearing price, auction id, loss reason) arrives
/// through macros and is checked against these facts, never trusted on its own.
struct NoticeTicket: Hashable, Sendable {
    var bidID: String
    var campaign: String
    /// The bid's CPM: the most a win may charge.
    var maxPrice: Micros
    /// Seconds since 1970 after which the notice is refused.
    var expiresAt: Int64
}

/// Signs and checks notice tickets with HMAC-SHA256, so a notice cannot be forged or altered
/// by anyone without the key (an exchange, a proxy, a scanner), only replayed — which
/// ``SpendStore`` refuses.
struct NoticeSigner: Sendable {
    // Read-only after `init`; Crypto 3 does not yet mark `SymmetricKey` and `HMAC` `Sendable`.
    nonisolated(unsafe) private let key: SymmetricKey
    /// HMAC state with the key already absorbed: copying it (copy-on-write) skips the key
    /// schedule on every bid, which otherwise costs as much as the message itself.
    nonisolated(unsafe) private let keyed: HMAC<SHA256>

    init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
        self.keyed = HMAC<SHA256>(key: self.key)
    }

    /// The signature as 64 lowercase hex digits: URL-safe without escaping.
    func signature(for ticket: NoticeTicket) -> String {
        var mac = keyed
        mac.update(data: Self.message(for: ticket))
        let code = mac.finalize()
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { hex in
            for (index, byte) in code.enumerated() {
                hex[2 * index] = Self.hexDigits[Int(byte >> 4)]
                hex[2 * index + 1] = Self.hexDigits[Int(byte & 0x0F)]
            }
            return 2 * SHA256.byteCount
        }
    }

    /// Whether `signature` is the ticket's, compared in constant time.
    func isValid(_ signature: some StringProtocol, for ticket: NoticeTicket) -> Bool {
        guard let code = Self.bytes(hex: signature), code.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Self.message(for: ticket), using: key)
    }

    /// Length-prefixed fields, so no two tickets share a message (`"a|b"` + `"c"` vs `"a"` + `"b|c"`).
    private static func message(for ticket: NoticeTicket) -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(ticket.bidID.utf8.count + ticket.campaign.utf8.count + 64)
        func append(_ field: String) {
            message.append(contentsOf: String(field.utf8.count).utf8)
            message.append(UInt8(ascii: ":"))
            message.append(contentsOf: field.utf8)
        }
        append(ticket.bidID)
        append(ticket.campaign)
        append(String(ticket.maxPrice.rawValue))
        append(String(ticket.expiresAt))
        return message
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func bytes(hex: some StringProtocol) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
