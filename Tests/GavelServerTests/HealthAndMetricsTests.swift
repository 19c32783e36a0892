import GavelCore
import GavelRTB
import Testing

@testable import GavelServer

@Suite struct HealthAndMetricsTests {
    @Test func healthzAnswersOK() async throws {
        let response = try await withTestServer { client in try await client.get("/healthz") }
        #expect(response.status == 200)
        #expect(response.text == "ok\n")
    }

    @Test func metricsCountRequestsBidsNoBidsAndSpend() async throws {
        let ledger = RecordingLedger()
        let text = try await withTestServer(ledger: ledger) { client in
            ledger.commit(bidID: "b1", campaign: "summer-sale", cost: Micros(2_500), on: CalendarDay(rawValue: 20_000))
            _ = try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner"))
            _ = try await client.post("/openrtb2/bid", body: Array(#"{"id":"x","imp":[]}"#.utf8))
            return try await client.get("/metrics").text
        }
        #expect(text.contains("gavel_bid_requests_total 2"))
        #expect(text.contains("gavel_bid_responses_total 1"))
        #expect(text.contains("gavel_bids_total 1"))
        #expect(text.contains(#"gavel_bid_requests_rejected_total{status="400"} 1"#))
        #expect(text.contains("gavel_bid_duration_seconds_bucket"))
        // Spend as the ledger holds it: 2 500 micros = 0.0025 in currency units.
        #expect(text.contains(#"gavel_campaign_spend{campaign="summer-sale"} 0.0025"#))
        #expect(text.contains(#"gavel_campaign_pacing_rate{campaign="summer-sale"} 1.0"#))
    }

    @Test func noBidsAreCountedByReason() async throws {
        let responder = StubResponder(behaviour: .decline(.blockedPublisherOrSite))
        let text = try await withTestServer(responder: responder) { client in
            _ = try await client.post("/openrtb2/bid", body: try fixture("iab26-simple-banner"))
            return try await client.get("/metrics").text
        }
        #expect(text.contains(#"gavel_no_bids_total{nbr="7",reason="blocked publisher or site"} 1"#))
    }
}
