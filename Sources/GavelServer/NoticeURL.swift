import GavelCore

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
/// whatever the bid's decimals.
enum NoticeURL {
    /// The ticket's three URLs, in the order of the bid's `nurl`, `burl`, `lurl` members.
    static func urls(
        base: String,
        ticket: NoticeTicket,
        signature: String
    ) -> (win: String, billing: String, loss: String) {
        // The query is assembled as bytes once, then each URL is written in a single allocation:
        // `String` appends re-check their operands on every `+=`, which showed in bid profiles.
        var query: [UInt8] = []
        query.reserveCapacity(320)
        query += "?bid=".utf8
        appendPercentEncoded(ticket.bidID, to: &query)
        query += "&cmp=".utf8
        appendPercentEncoded(ticket.campaign, to: &query)
        query += "&max=".utf8
        query += String(ticket.maxPrice.rawValue).utf8
        query += "&exp=".utf8
        query += String(ticket.expiresAt).utf8
        query += "&sig=".utf8
        query += signature.utf8
        query += "&price=${AUCTION_PRICE}&auction=${AUCTION_ID}&cur=${AUCTION_CURRENCY}".utf8
        func url(_ kind: NoticeKind, _ suffix: StaticString = "") -> String {
            var base = base
            let path = kind.path
            return base.withUTF8 { base in
                query.withUnsafeBufferPointer { query in
                    let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
                    return String(unsafeUninitializedCapacity: base.count + path.utf8.count + query.count + tail.count) {
                        buffer in
                        var end = buffer.initialize(fromContentsOf: base)
                        for byte in path.utf8 {
                            buffer[end] = byte
                            end += 1
                        }
                        end = buffer[end...].initialize(fromContentsOf: query)
                        return buffer[end...].initialize(fromContentsOf: tail)
                    }
                }
            }
        }
        return (
            url(.win, "&imp=${AUCTION_IMP_ID}&seat=${AUCTION_SEAT_ID}&ad=${AUCTION_AD_ID}&resp=${AUCTION_BID_ID}"),
            url(.billing),
            url(.loss, "&loss=${AUCTION_LOSS}")
        )
    }

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
        let ticket = NoticeTicket(
            bidID: String(try required("bid")),
            campaign: String(try required("cmp")),
            maxPrice: Micros(maxPrice),
            expiresAt: expiresAt
        )
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

    /// RFC 3986 percent-encoding of everything but the unreserved characters.
    private static func appendPercentEncoded(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

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
