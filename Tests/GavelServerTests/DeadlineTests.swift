import Testing

@testable import GavelServer

@Suite struct DeadlineTests {
    @Test func tmaxWithinTheNetworkMarginIsANoBidAtOnce() async throws {
        var configuration = testConfiguration()
        configuration.noBidStyle = .reasonCode
        configuration.networkMargin = .milliseconds(10)
        let body = Array(#"{"id":"quick","tmax":8,"imp":[{"id":"1","banner":{"w":300,"h":250}}]}"#.utf8)
        let response = try await withTestServer(configuration: configuration) { client in
            try await client.post("/openrtb2/bid", body: body)
        }
        #expect(response.status == 200)
        #expect(response.text == #"{"id":"quick","nbr":15}"#)
    }

    @Test func anAnswerPastTheDeadlineBecomesANoBid() async throws {
        var configuration = testConfiguration()
        configuration.networkMargin = .milliseconds(5)
        let body = Array(#"{"id":"slow","tmax":30,"imp":[{"id":"1","banner":{"w":300,"h":250}}]}"#.utf8)
        let (response, metrics) = try await withTestServer(
            configuration: configuration,
            responder: StubResponder(behaviour: .sleep(.milliseconds(40)))
        ) { client in
            (try await client.post("/openrtb2/bid", body: body), try await client.get("/metrics").text)
        }
        #expect(response.status == 204)
        #expect(metrics.contains("gavel_deadline_missed_total 1"))
        #expect(metrics.contains(#"gavel_no_bids_total{nbr="15",reason="insufficient auction time"} 1"#))
    }
}
