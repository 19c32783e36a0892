import Crypto
import GavelCore
import Testing

@testable import GavelServer

@Suite struct NoticeSignerTests {
    let signer = NoticeSigner(key: Array(repeating: 7, count: 32))
    let ticket = NoticeTicket(bidID: "b1", campaign: "c1", maxPrice: Micros(1_000_000), expiresAt: 1_800_000_000)

    @Test func signatureVerifiesOnlyItsOwnTicket() {
        let signature = signer.signature(for: ticket)
        #expect(signature.count == 64)
        #expect(signer.isValid(signature, for: ticket))
        var other = ticket
        other.maxPrice = Micros(1_000_001)
        #expect(!signer.isValid(signature, for: other))
        #expect(!NoticeSigner(key: Array(repeating: 8, count: 32)).isValid(signature, for: ticket))
        #expect(!signer.isValid(String(signature.dropLast(2)), for: ticket))
        #expect(!signer.isValid(signature.uppercased() + "zz", for: ticket))
    }

    @Test func fieldBoundariesCannotBeShifted() {
        let left = NoticeTicket(bidID: "b1:c", campaign: "1", maxPrice: Micros(5), expiresAt: 9)
        let right = NoticeTicket(bidID: "b1", campaign: "c:1", maxPrice: Micros(5), expiresAt: 9)
        #expect(signer.signature(for: left) != signer.signature(for: right))
    }

    @Test func urlsCarryTheTicketAndTheMacros() {
        let ticket = NoticeTicket(bidID: "42", campaign: "brand-awareness", maxPrice: Micros(2_500_000), expiresAt: 7)
        let urls = NoticeURL.urls(base: "http://127.0.0.1:8080", ticket: ticket, signature: "0a1b")
        let query = "?bid=42&cmp=brand-awareness&max=2500000&exp=7&sig=0a1b"
            + "&price=${AUCTION_PRICE}&auction=${AUCTION_ID}&cur=${AUCTION_CURRENCY}"
        #expect(
            urls.win == "http://127.0.0.1:8080/win" + query
                + "&imp=${AUCTION_IMP_ID}&seat=${AUCTION_SEAT_ID}&ad=${AUCTION_AD_ID}&resp=${AUCTION_BID_ID}"
        )
        #expect(urls.billing == "http://127.0.0.1:8080/billing" + query)
        #expect(urls.loss == "http://127.0.0.1:8080/loss" + query + "&loss=${AUCTION_LOSS}")
    }

    @Test func urlsPercentEncodeTheTicket() {
        let ticket = NoticeTicket(bidID: "a b&c", campaign: "é", maxPrice: Micros(5), expiresAt: 9)
        let urls = NoticeURL.urls(base: "http://x", ticket: ticket, signature: "ab")
        #expect(
            urls.win.hasPrefix(
                "http://x/win?bid=a%20b%26c&cmp=%C3%A9&max=5&exp=9&sig=ab&price=${AUCTION_PRICE}"
            )
        )
    }
}

@Suite struct NoticeSignerHMACTests {
    /// The precomputed-pad signature is HMAC-SHA256 exactly, for keys shorter than, equal to and
    /// longer than SHA-256's 64-byte block (a longer key is hashed first) and for odd field bytes.
    @Test(arguments: [1, 32, 64, 65, 200])
    func signatureIsCryptoHMAC(keyLength: Int) {
        let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let signer = NoticeSigner(key: key)
        let tickets = [
            NoticeTicket(
                bidID: "1",
                campaign: "brand-awareness",
                maxPrice: Micros(2_500_000),
                expiresAt: 1_795_000_000
            ),
            NoticeTicket(bidID: "", campaign: "", maxPrice: Micros(-5), expiresAt: 0),
            NoticeTicket(
                bidID: String(repeating: "b", count: 300),
                campaign: "é:ü",
                maxPrice: Micros(.max),
                expiresAt: .min
            ),
        ]
        for ticket in tickets {
            let reference = HMAC<SHA256>.authenticationCode(
                for: NoticeSigner.message(for: ticket),
                using: SymmetricKey(data: key)
            )
            let hex = reference.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
            #expect(signer.signature(for: ticket) == hex.joined())
            #expect(signer.isValid(hex.joined(), for: ticket))
        }
    }

    @Test func messageIsLengthPrefixed() {
        let ticket = NoticeTicket(
            bidID: "b1",
            campaign: "c:1",
            maxPrice: Micros(5),
            expiresAt: 1_800_000_000
        )
        #expect(NoticeSigner.message(for: ticket) == Array("2:b13:c:11:510:1800000000".utf8))
        var converted = ticket
        converted.campaignMaxPrice = Micros(4)
        #expect(NoticeSigner.message(for: converted) == Array("2:b13:c:11:510:18000000001:4".utf8))
    }

    /// A bid made in another currency than its campaign's is charged at the bid's own rate,
    /// `cmax ÷ max`, rounded up like the reservation: €1.60 bid for £1.00 (£0.625 a euro).
    @Test func winsInAnotherCurrencyAreChargedAtTheBidsRate() {
        var ticket = NoticeTicket(bidID: "b", campaign: "c", maxPrice: Micros(1_600_000), expiresAt: 0)
        #expect(ticket.campaignCost(ofClearingPrice: Micros(800_000)) == Micros(800))
        ticket.campaignMaxPrice = Micros(1_000_000)
        #expect(ticket.campaignCost(ofClearingPrice: Micros(1_600_000)) == Micros(1_000))
        #expect(ticket.campaignCost(ofClearingPrice: Micros(800_000)) == Micros(500))
        // €0.000001 is £0.000000625: one micro of CPM, and one micro per impression.
        #expect(ticket.campaignCost(ofClearingPrice: Micros(1)) == Micros(1))
        // CPMs far beyond any auction do not overflow on the way: €10,000 at 1,000 yen a euro.
        let yen = NoticeTicket(
            bidID: "b",
            campaign: "c",
            maxPrice: Micros(10_000_000_000),
            expiresAt: 0,
            campaignMaxPrice: Micros(10_000_000_000_000)
        )
        #expect(yen.campaignCost(ofClearingPrice: Micros(10_000_000_000)) == Micros(10_000_000_000))
    }
}
