import GavelCore
import GavelRTB

/// Builds the notice URLs of a bid and reads them back when the exchange calls them.
///
/// A URL carries the signed ticket (`bid`, `cmp`, `max`, `exp`, `sig`) followed by the
/// standard macros the exchange substitutes (OpenRTB 2.6 §4.4). The win notice asks for all of
/// them, for the audit trail:
///
///     https://bid.example.com/win?bid=b1&cmp=summer&max=1250000&exp=1795000000&sig=…
///         &price=${AUCTION_PRICE}&auction=${AUCTION_ID}&cur=${AUCTION_CURRENCY}&imp=${AUCTION_IMP_ID}
///         &seat=${AUCTION_SEAT_ID}&ad=${AUCTION_AD_ID}&resp=${AUCTION_BID_ID}
///
/// the billing notice only for price, auction and currency, the loss notice for those and
/// `&loss=${AUCTION_LOSS}`: every bid carries all three URLs, so each byte is paid on every
/// response. `max` is the bid's CPM in micros, so the signed value is an exact integer
/// whatever the bid's decimals; `cmax`, only on a bid in another currency than its campaign's,
/// is the same CPM in the campaign's currency.
enum NoticeURL {
    /// The ticket's three URLs, in the order of the bid's `nurl`, `burl`, `lurl` members, signed
    /// by `signer`, each as its parts (base, path, query, suffix), valid during `body` only: the
    /// bid route's encoder writes them into the response without making them strings.
    static func withURLs<R>(
        base: String,
        ticket: NoticeTicket,
        signer: NoticeSigner,
        _ body: (_ win: NoticeURLParts, _ billing: NoticeURLParts, _ loss: NoticeURLParts) -> R
    ) -> R {
        withURLs(
            base: base,
            ticket: ticket,
            signatureBytes: NoticeSigner.hexCount,
            writeSignature: { signer.appendSignature(for: ticket, to: &$0) },
            body
        )
    }

    /// The URLs as strings, with a given signature (tests pass their own).
    static func urls(
        base: String,
        ticket: NoticeTicket,
        signature: String
    ) -> (win: String, billing: String, loss: String) {
        let append: (inout ByteCursor) -> Void = { $0.append(signature) }
        return withURLs(base: base, ticket: ticket, signatureBytes: signature.utf8.count, writeSignature: append) {
            (String(parts: $0), String(parts: $1), String(parts: $2))
        }
    }

    /// - Parameter writeSignature: appends `signatureBytes` bytes of signature to the query.
    private static func withURLs<R>(
        base: String,
        ticket: NoticeTicket,
        signatureBytes: Int,
        writeSignature: (inout ByteCursor) -> Void,
        _ body: (NoticeURLParts, NoticeURLParts, NoticeURLParts) -> R
    ) -> R {
        // The query, shared by the three URLs, is written once into a stack buffer: built through
        // array and `String` appends, it cost more than the HMAC in profiles of the bid route.
        let capacity =
            queryStart.utf8CodeUnitCount + 3 * (ticket.bidID.utf8.count + ticket.campaign.utf8.count) + 3 * 20
            + signatureBytes + 30 + macros.utf8CodeUnitCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var query = ByteCursor(buffer)
            query.append(queryStart)
            query.appendPercentEncoded(ticket.bidID)
            query.append("&cmp=")
            query.appendPercentEncoded(ticket.campaign)
            query.append("&max=")
            query.appendDecimal(ticket.maxPrice.rawValue)
            if let campaignMaxPrice = ticket.campaignMaxPrice {
                query.append("&cmax=")
                query.appendDecimal(campaignMaxPrice.rawValue)
            }
            query.append("&exp=")
            query.appendDecimal(ticket.expiresAt)
            query.append("&sig=")
            writeSignature(&query)
            query.append(macros)
            let written = query.written
            var base = base
            return base.withUTF8 { base in
                func parts(_ kind: NoticeKind, _ suffix: StaticString = "") -> NoticeURLParts {
                    (base, kind.pathBytes.buffer, written, suffix.buffer)
                }
                return body(
                    parts(
                        .win,
                        "&imp=${AUCTION_IMP_ID}&seat=${AUCTION_SEAT_ID}&ad=${AUCTION_AD_ID}&resp=${AUCTION_BID_ID}"
                    ),
                    parts(.billing),
                    parts(.loss, "&loss=${AUCTION_LOSS}")
                )
            }
        }
    }

    private static let queryStart: StaticString = "?bid="
    private static let macros: StaticString = "&price=${AUCTION_PRICE}&auction=${AUCTION_ID}&cur=${AUCTION_CURRENCY}"

    /// A notice as called, its fields not yet verified.
    struct Received: Sendable {
        var ticket: NoticeTicket
        var signature: Substring
        /// `${AUCTION_PRICE}`: the clearing CPM, absent where the exchange withholds it (loss notices).
        var clearingPrice: Micros?
        /// `${AUCTION_LOSS}`, on loss notices.
        var lossReason: Int?
    }

    /// Reads the query parameters of a notice (already percent-decoded).
    /// - Throws: A ``NoticeError/malformed(_:)`` naming the first missing or unreadable field.
    static func parse(_ parameter: (String) -> Substring?) throws(NoticeError) -> Received {
        func required(_ name: String) throws(NoticeError) -> Substring {
            guard let value = parameter(name), !value.isEmpty else { throw .malformed("missing \(name)") }
            return value
        }
        guard let maxPrice = Int64(try required("max")) else { throw .malformed("max is not an integer") }
        guard let expiresAt = Int64(try required("exp")) else { throw .malformed("exp is not an integer") }
        var ticket = NoticeTicket(
            bidID: String(try required("bid")),
            campaign: String(try required("cmp")),
            maxPrice: Micros(maxPrice),
            expiresAt: expiresAt
        )
        if let campaignMaxPrice = parameter("cmax") {
            guard let micros = Int64(campaignMaxPrice), micros > 0 else {
                throw .malformed("cmax is not a positive integer")
            }
            ticket.campaignMaxPrice = Micros(micros)
        }
        var received = Received(ticket: ticket, signature: try required("sig"))
        if let price = parameter("price"), !price.isEmpty {
            guard let micros = Micros(decimal: price), micros >= .zero else {
                throw .malformed("price is not a decimal CPM (was the ${AUCTION_PRICE} macro substituted?)")
            }
            received.clearingPrice = micros
        }
        if let loss = parameter("loss"), !loss.isEmpty {
            received.lossReason = Int(loss)
        }
        return received
    }
}

extension StaticString {
    /// The string's UTF-8 bytes, in place.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}

extension String {
    /// A URL from its parts.
    init(parts: NoticeURLParts) {
        let count = parts.0.count + parts.1.count + parts.2.count + parts.3.count
        self.init(unsafeUninitializedCapacity: count) { output in
            var url = ByteCursor(output)
            url.append(parts.0)
            url.append(parts.1)
            url.append(parts.2)
            url.append(parts.3)
            return url.count
        }
    }
}

/// The bid route's notice URLs, signed per bid and written by the encoder straight into the
/// response (see ``NoticeURLSource``).
struct SignedNotices: NoticeURLSource {
    let base: String
    let signer: NoticeSigner
    /// Seconds since 1970 after which the notices are refused.
    let expiresAt: Int64

    func withNoticeURLs(
        for bid: borrowing OpenRTB.Bid,
        _ body: (_ nurl: NoticeURLParts, _ burl: NoticeURLParts, _ lurl: NoticeURLParts) -> Void
    ) {
        let ticket = NoticeTicket(
            bidID: bid.id,
            campaign: bid.cid ?? "",
            maxPrice: bid.price.micros,
            expiresAt: expiresAt,
            campaignMaxPrice: bid.campaignPrice?.micros
        )
        NoticeURL.withURLs(base: base, ticket: ticket, signer: signer, body)
    }

    /// Three times the base and a query of about 200 bytes (230 with `cmax`), plus the path and macros.
    var estimatedBytes: Int { 3 * (base.utf8.count + 280) }
}

/// Writes bytes into a buffer sized in advance, for text assembled on the stack per bid (notice
/// URLs, signed messages): no bounds growth, no array or `String` append machinery.
struct ByteCursor {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// What was written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[..<count]) }

    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = buffer[count...].initialize(fromContentsOf: bytes)
    }

    mutating func append(_ text: StaticString) {
        append(text.buffer)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// `value` in decimal, as `String(value)` spells it: at most 20 bytes.
    mutating func appendDecimal(_ value: Int64) {
        let end = count + Self.decimalCount(value)
        if value < 0 { buffer[count] = UInt8(ascii: "-") }
        var remaining = value.magnitude
        var position = end
        repeat {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        } while remaining > 0
        count = end
    }

    /// How many bytes `String(value)` has.
    static func decimalCount(_ value: Int64) -> Int {
        var remaining = value.magnitude
        var digits = value < 0 ? 2 : 1
        while remaining >= 10 {
            remaining /= 10
            digits += 1
        }
        return digits
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters: up to three bytes
    /// per byte of `value`. Read from its UTF-8 buffer: iterating `value.utf8` cost about 40
    /// instructions a byte, most of the notice query's assembly.
    mutating func appendPercentEncoded(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            for byte in bytes {
                if Self.isUnreserved(byte) {
                    append(byte)
                } else {
                    append(UInt8(ascii: "%"))
                    append(Self.hexDigits.utf8Start[Int(byte >> 4)])
                    append(Self.hexDigits.utf8Start[Int(byte & 0x0F)])
                }
            }
        }
    }

    private static let hexDigits: StaticString = "0123456789ABCDEF"

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}

/// Why a notice was refused; each maps to one HTTP status so an exchange's logs say which.
enum NoticeError: Error, Equatable {
    /// A field is missing or unreadable: 400.
    case malformed(String)
    /// The signature does not match the ticket: 403.
    case forged
    /// The ticket's lifetime is over: 410.
    case expired
    /// This notice was already accepted for this bid: 409.
    case replayed
    /// The clearing price is above the bid's price, which no auction can produce: 400.
    case priceAboveBid
}
