import GavelCore
import GavelRTB
import NIOHTTP1
import Testing

@testable import GavelServer

@Suite struct BidRouteTests {
    @Test func validRequestGetsABidWithSignedNoticeURLs() async throws {
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner"))
        }
        #expect(response.status == 200)
        #expect(response.headers["x-openrtb-version"] == ["2.6"])
        #expect(response.headers["content-type"] == ["application/json"])
        let decoded = try OpenRTBDecoder.decodeBidResponse(response.body)
        #expect(decoded.id == "80ce30c53c16e6ede735f123ef6e32361bfc7b22")
        let bid = try #require(decoded.seatBid.first?.bid.first)
        #expect(bid.price.micros == Micros(1_250_000))
        let nurl = try #require(bid.nurl)
        #expect(nurl.hasPrefix("http://127.0.0.1:"))
        #expect(nurl.contains("/win?bid=80ce30c53c16e6ede735f123ef6e32361bfc7b22-1&cmp=summer-sale&max=1250000&exp="))
        for macro in [
            "${AUCTION_PRICE}", "${AUCTION_ID}", "${AUCTION_IMP_ID}", "${AUCTION_SEAT_ID}", "${AUCTION_AD_ID}",
            "${AUCTION_BID_ID}", "${AUCTION_CURRENCY}",
        ] {
            #expect(nurl.contains(macro))
        }
        let burl = try #require(bid.burl)
        #expect(burl.contains("/billing?bid="))
        #expect(burl.hasSuffix("&price=${AUCTION_PRICE}&auction=${AUCTION_ID}&cur=${AUCTION_CURRENCY}"))
        #expect(try #require(bid.lurl).contains("/loss?bid="))
        #expect(try #require(bid.lurl).hasSuffix("&loss=${AUCTION_LOSS}"))
    }

    @Test(arguments: [
        "bsm-native-placeholder", "bsm-video-2x", "google-full-kitchen-sink", "google-full-native-as-object",
        "google-short-app-native", "iab26-expandable-creative", "iab26-mobile-app", "iab26-pmp-direct-deal",
        "iab26-simple-banner", "iab26-video", "mxmcherry-ortb25-native-ad",
    ])
    func everyCorpusRequestIsAnsweredWithABidOrNoBid(name: String) async throws {
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: try fixture(name))
        }
        #expect(response.status == 200 || response.status == 204)
    }

    @Test(arguments: [
        ("bad JSON", #"{"id": "1", "imp": [}"#),
        ("null", "null"),
        ("empty body", ""),
        ("array", "[1, 2]"),
        ("missing imp", #"{"id": "r1"}"#),
        ("missing id", #"{"imp": [{"id": "1", "banner": {}}]}"#),
        ("negative tmax", #"{"id": "r1", "tmax": -5, "imp": [{"id": "1"}]}"#),
        ("wrong type", #"{"id": "r1", "imp": {"id": "1"}}"#),
    ])
    func malformedBodiesGet400(label: String, body: String) async throws {
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: Array(body.utf8))
        }
        #expect(response.status == 400, "\(label)")
        #expect(response.text.hasPrefix("invalid bid request:"), "\(label)")
    }

    @Test func openRTB3EnvelopeIsRefusedAsSuch() async throws {
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: try fixture("mxmcherry-ortb30-request-envelope"))
        }
        #expect(response.status == 400)
        #expect(response.text.contains("OpenRTB 3.0"))
    }

    @Test func malformedBodiesCanBeNoBidsWithReasonInstead() async throws {
        var configuration = testConfiguration()
        configuration.malformedRequestStyle = .noBid
        configuration.noBidStyle = .reasonCode
        let response = try await withTestServer(configuration: configuration) { client in
            try await client.post("/openrtb2/bid", body: Array("null".utf8))
        }
        #expect(response.status == 200)
        #expect(response.text == #"{"id":"","nbr":2}"#)
    }

    @Test func declineIs204ByDefault() async throws {
        let response = try await withTestServer(responder: StubResponder(behaviour: .decline(.unmatchedUser))) {
            client in
            try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner"))
        }
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.headers["x-openrtb-version"] == ["2.6"])
    }

    @Test func declineCarriesItsReasonWhenConfigured() async throws {
        var configuration = testConfiguration()
        configuration.noBidStyle = .reasonCode
        let response = try await withTestServer(
            configuration: configuration,
            responder: StubResponder(behaviour: .decline(.unmatchedUser))
        ) { client in
            try await client.post("/openrtb2/bid", body: Array(#"{"id":"r9","imp":[{"id":"1","banner":{}}]}"#.utf8))
        }
        #expect(response.status == 200)
        #expect(response.text == #"{"id":"r9","nbr":8}"#)
    }
}
