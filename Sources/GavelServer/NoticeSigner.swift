import Crypto
import GavelCore
import GavelRTB

/// The three notices an exchange may call for a bid (OpenRTB 2.6 §4.2.3).
public enum NoticeKind: String, Sendable, CaseIterable {
    /// `nurl`: the bid won the auction.
    case win
    /// `burl`: the impression became billable (typically rendered).
    case billing
    /// `lurl`: the bid lost; `${AUCTION_LOSS}` says why.
    case loss

    /// The route the notice URL points at.
    var path: String { pathBytes.description }

    /// ``path`` as static bytes, for the URLs written per bid.
    var pathBytes: StaticString {
        switch self {
        case .win: "/win"
        case .billing: "/billing"
        case .loss: "/loss"
        }
    }
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
    /// `maxPrice` in the campaign's own currency when the bid was made in another, else `nil`:
    /// the exchange rate of the bid, fixed in the ticket, so that a win is charged at it.
    var campaignMaxPrice: Micros? = nil

    /// What the campaign pays for an impression cleared at `clearingPrice` (a CPM in the bid's
    /// currency): converted at the bid's own rate, `campaignMaxPrice ÷ maxPrice`, rounded up as
    /// the budget's reservation was, so the charge for a win at the bid is exactly what it set aside.
    func campaignCost(ofClearingPrice clearingPrice: Micros) -> Micros {
        guard let campaignMaxPrice, maxPrice > .zero else {
            return OpenRTB.CPM(micros: clearingPrice).costPerImpression
        }
        let product = clearingPrice.rawValue.multipliedFullWidth(by: campaignMaxPrice.rawValue)
        let (quotient, remainder) = maxPrice.rawValue.dividingFullWidth(product)
        return OpenRTB.CPM(micros: Micros(quotient + (remainder > 0 ? 1 : 0))).costPerImpression
    }
}

/// Signs and checks notice tickets with HMAC-SHA256, so a notice cannot be forged or altered
/// by anyone without the key (an exchange, a proxy, a scanner), only replayed — which
/// ``SpendStore`` refuses.
///
/// HMAC (RFC 2104) is `SHA256((K ⊕ opad) ‖ SHA256((K ⊕ ipad) ‖ message))`. Every bid signs a
/// ticket, so the two padded keys are absorbed once here and each signature copies the two
/// hash states and feeds them raw buffers: the message is assembled on the stack, and nothing
/// goes through `HMAC.update(data:)`, whose unspecialised `DataProtocol` path (plus the message
/// array) was half of the notice URLs' cost in profiles of the bid route. The tests check the
/// result against Crypto's `HMAC<SHA256>` byte for byte.
package struct NoticeSigner: Sendable {
    // Read-only after `init`; Crypto 3 does not yet mark its hash functions `Sendable`.
    /// SHA-256 with `K ⊕ ipad` absorbed.
    nonisolated(unsafe) private let inner: SHA256
    /// SHA-256 with `K ⊕ opad` absorbed.
    nonisolated(unsafe) private let outer: SHA256

    package init(key: [UInt8]) {
        let blockSize = 64
        var block = key.count > blockSize ? Array(SHA256.hash(data: key)) : key
        block += repeatElement(0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    /// The signature as 64 lowercase hex digits: URL-safe without escaping.
    func signature(for ticket: NoticeTicket) -> String {
        String(unsafeUninitializedCapacity: Self.hexCount) { hex in
            var cursor = ByteCursor(hex)
            appendSignature(for: ticket, to: &cursor)
            return cursor.count
        }
    }

    /// The ``signature(for:)`` digits, written at the cursor.
    func appendSignature(for ticket: NoticeTicket, to output: inout ByteCursor) {
        withCode(for: ticket) { code in
            for byte in code {
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Hex digits in a signature.
    static let hexCount = 2 * SHA256.byteCount

    /// Whether `signature` is the ticket's, compared in constant time.
    func isValid(_ signature: some StringProtocol, for ticket: NoticeTicket) -> Bool {
        guard let given = Self.bytes(hex: signature), given.count == SHA256.byteCount else {
            return false
        }
        return withCode(for: ticket) { code in
            var difference: UInt8 = 0
            for (index, byte) in code.enumerated() { difference |= byte ^ given[index] }
            return difference == 0
        }
    }

    /// Calls `body` with the ticket's 32-byte HMAC.
    private func withCode<R>(for ticket: NoticeTicket, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var innerHash = inner
        Self.withMessage(for: ticket) { innerHash.update(bufferPointer: $0) }
        var outerHash = outer
        innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return outerHash.finalize().withUnsafeBytes(body)
    }

    /// The signed message, for tests that check the signature against Crypto's `HMAC`.
    static func message(for ticket: NoticeTicket) -> [UInt8] {
        withMessage(for: ticket) { Array($0) }
    }

    /// Length-prefixed fields, so no two tickets share a message (`"a|b"` + `"c"` vs `"a"` + `"b|c"`),
    /// assembled on the stack.
    private static func withMessage<R>(
        for ticket: NoticeTicket,
        _ body: (UnsafeRawBufferPointer) -> R
    ) -> R {
        // Each field: up to 20 length digits, ':' and its bytes (a number: up to 20).
        let capacity = 5 * 21 + ticket.bidID.utf8.count + ticket.campaign.utf8.count + 3 * 20
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var message = ByteCursor(buffer)
            func append(_ field: String) {
                message.appendDecimal(Int64(field.utf8.count))
                message.append(UInt8(ascii: ":"))
                message.append(field)
            }
            func append(_ number: Int64) {
                message.appendDecimal(Int64(ByteCursor.decimalCount(number)))
                message.append(UInt8(ascii: ":"))
                message.appendDecimal(number)
            }
            append(ticket.bidID)
            append(ticket.campaign)
            append(ticket.maxPrice.rawValue)
            append(ticket.expiresAt)
            // Only when present, so a ticket in the campaign's own currency signs as it always has.
            if let campaignMaxPrice = ticket.campaignMaxPrice { append(campaignMaxPrice.rawValue) }
            return body(UnsafeRawBufferPointer(message.written))
        }
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
