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

    @Test func urlsPercentEncodeTheTicket() {
        let ticket = NoticeTicket(bidID: "a b&c", campaign: "é", maxPrice: Micros(5), expiresAt: 9)
        let urls = NoticeURL.urls(base: "http://x", ticket: ticket, signature: "ab")
        #expect(urls.win.hasPrefix("http://x/win?bid=a%20b%26c&cmp=%C3%A9&max=5&exp=9&sig=ab&price=${AUCTION_PRICE}"))
    }
}
