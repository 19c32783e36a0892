import Foundation
import GavelCore
import GavelRTB
import Synchronization
import Testing

@testable import GavelServer

@Suite struct WinNoticeTests {
    /// Bids once and returns the bid's notice URLs as the exchange would call them, macros substituted.
    private func noticeTargets(
        _ client: HTTPClient,
        price: String
    ) async throws -> (win: String, billing: String, loss: String) {
        let response = try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner"))
        let bid = try #require(try OpenRTBDecoder.decodeBidResponse(response.body).seatBid.first?.bid.first)
        func target(_ url: String?) throws -> String {
            var url = try #require(url)
            for (macro, value) in [
                ("${AUCTION_PRICE}", price), ("${AUCTION_ID}", "auction-7"), ("${AUCTION_IMP_ID}", "1"),
                ("${AUCTION_SEAT_ID}", "gavel"), ("${AUCTION_AD_ID}", ""), ("${AUCTION_BID_ID}", ""),
                ("${AUCTION_CURRENCY}", "USD"), ("${AUCTION_LOSS}", "102"),
            ] {
                url = url.replacingOccurrences(of: macro, with: value)
            }
            return String(try #require(URLComponents(string: url)?.percentEncodedPath))
                + "?" + (try #require(URLComponents(string: url)?.percentEncodedQuery))
        }
        return (try target(bid.nurl), try target(bid.burl), try target(bid.lurl))
    }

    @Test func winCommitsTheClearingPriceAndSurvivesARestart() async throws {
        let configuration = testConfiguration()
        let ledger = RecordingLedger()
        // 1 800 000 000 s after 1970 is on day 20 833 (2027-01-15, UTC).
        let clock: @Sendable () -> Int64 = { 1_800_000_000 }
        let status = try await withTestServer(configuration: configuration, ledger: ledger, wallClock: clock) {
            client in
            try await client.get(try await noticeTargets(client, price: "0.90").win).status
        }
        #expect(status == 200)
        // Clearing CPM 0.90 → one impression costs 0.90 / 1000 = 0.0009 = 900 micros.
        #expect(ledger.spent("summer-sale") == Micros(900))

        let reopened = RecordingLedger()
        try await withTestServer(configuration: configuration, ledger: reopened, wallClock: clock) { _ in }
        let expected = CampaignDaySpend(
            campaign: "summer-sale",
            day: try #require(CalendarDay(iso: "2027-01-15")),
            spent: Micros(900),
            impressions: 1
        )
        #expect(reopened.restored.withLock { $0 } == [expected])
    }

    @Test func costIsRoundedUpToTheMicroLikeTheReservation() async throws {
        let ledger = RecordingLedger()
        let status = try await withTestServer(ledger: ledger) { client in
            try await client.get(try await noticeTargets(client, price: "0.9005").win).status
        }
        #expect(status == 200)
        // 0.9005 / 1000 = 900.5 micros → 901, never less than what the bid reserved at the same price.
        #expect(ledger.spent("summer-sale") == Micros(901))
    }

    @Test func replayedWinIsRejectedAndChargedOnce() async throws {
        let ledger = RecordingLedger()
        let (first, second) = try await withTestServer(ledger: ledger) { client in
            let win = try await noticeTargets(client, price: "1.00").win
            return (try await client.get(win).status, try await client.get(win).status)
        }
        #expect(first == 200)
        #expect(second == 409)
        #expect(ledger.spent("summer-sale") == Micros(1_000))
    }

    @Test func replayAfterARestartIsStillRejected() async throws {
        let configuration = testConfiguration()
        let win = try await withTestServer(configuration: configuration) { client in
            let win = try await noticeTargets(client, price: "1.00").win
            #expect(try await client.get(win).status == 200)
            return win
        }
        let ledger = RecordingLedger()
        let status = try await withTestServer(configuration: configuration, ledger: ledger) { client in
            try await client.get(win).status
        }
        #expect(status == 409)
        #expect(ledger.spent("summer-sale") == Micros(1_000))
    }

    @Test(arguments: [
        ("max=1250000", "max=9250000"),  // a higher ceiling, to charge more
        ("cmp=summer-sale", "cmp=other-campaign"),  // someone else's budget
        ("bid=80ce30c53c16e6ede735f123ef6e32361bfc7b22-1", "bid=made-up"),  // a bid never made
    ])
    func forgedWinIsRejected(original: String, forged: String) async throws {
        let ledger = RecordingLedger()
        let status = try await withTestServer(ledger: ledger) { client in
            let win = try await noticeTargets(client, price: "1.00").win
            #expect(win.contains(original))
            return try await client.get(win.replacingOccurrences(of: original, with: forged)).status
        }
        #expect(status == 403)
        #expect(ledger.spent("summer-sale") == .zero)
        #expect(ledger.spent("other-campaign") == .zero)
    }

    @Test func unsignedWinIsRejected() async throws {
        let status = try await withTestServer { client in
            try await client.get("/win?bid=b1&cmp=summer-sale&max=1000000&exp=9999999999&sig=00&price=1.0").status
        }
        #expect(status == 403)
    }

    @Test func priceAboveTheBidIsRejected() async throws {
        let ledger = RecordingLedger()
        let status = try await withTestServer(ledger: ledger) { client in
            try await client.get(try await noticeTargets(client, price: "1.250001").win).status
        }
        #expect(status == 400)
        #expect(ledger.spent("summer-sale") == .zero)
    }

    @Test func unsubstitutedPriceMacroIsRejected() async throws {
        let status = try await withTestServer { client in
            let win = try await noticeTargets(client, price: "${AUCTION_PRICE}").win
            return try await client.get(win).status
        }
        #expect(status == 400)
    }

    @Test func expiredNoticeIsRejected() async throws {
        let now = Mutex<Int64>(1_800_000_000)
        var configuration = testConfiguration()
        configuration.noticeLifetime = .seconds(60)
        let clock: @Sendable () -> Int64 = { now.withLock { $0 } }
        let status = try await withTestServer(configuration: configuration, wallClock: clock) { client in
            let win = try await noticeTargets(client, price: "1.00").win
            now.withLock { $0 += 61 }
            return try await client.get(win).status
        }
        #expect(status == 410)
    }

    @Test func lossAndBillingNoticesAreAcceptedWithoutCharging() async throws {
        let ledger = RecordingLedger()
        let (loss, billing, metrics) = try await withTestServer(ledger: ledger) { client in
            let targets = try await noticeTargets(client, price: "")
            return (
                try await client.get(targets.loss).status, try await client.get(targets.billing).status,
                try await client.get("/metrics").text
            )
        }
        #expect(loss == 200)
        #expect(billing == 200)
        #expect(ledger.spent("summer-sale") == .zero)
        #expect(ledger.released.withLock { $0 } == ["80ce30c53c16e6ede735f123ef6e32361bfc7b22-1"])
        #expect(metrics.contains(#"gavel_notices_total{kind="loss",result="accepted"} 1"#))
    }

    @Test func billingNoticeChargesWhenConfigured() async throws {
        var configuration = testConfiguration()
        configuration.chargedNotice = .billing
        let ledger = RecordingLedger()
        let (win, billing) = try await withTestServer(configuration: configuration, ledger: ledger) { client in
            let targets = try await noticeTargets(client, price: "1.10")
            return (try await client.get(targets.win).status, try await client.get(targets.billing).status)
        }
        #expect(win == 200)
        #expect(billing == 200)
        #expect(ledger.spent("summer-sale") == Micros(1_100))
    }
}
