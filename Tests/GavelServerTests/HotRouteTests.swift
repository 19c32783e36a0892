import Foundation
import HTTPTypes
import NIOCore
import NIOPosix
import Testing

@testable import GavelServer

/// The bid and health routes answered on the event loop (``HotRouteHandler``): keep-alive,
/// response order behind Hummingbird's routes, limits and headers.
@Suite struct HotRouteTests {
    @Test func oneConnectionServesSeveralHotRequestsInOrder() async throws {
        let banner = try fixture("iab26-simple-banner")
        let text = try await withTestServer { client in
            try await exchange(
                port: client.port,
                [get("/healthz"), post("/openrtb2/bid", banner), get("/healthz", closing: true)]
            )
        }
        let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
        #expect(responses.count == 3)
        #expect(responses.allSatisfy { $0.hasPrefix("200 OK") })
        let bid = try #require(responses.dropFirst().first)
        #expect(bid.lowercased().contains("x-openrtb-version: 2.6"))
        #expect(bid.contains(#""id":"80ce30c53c16e6ede735f123ef6e32361bfc7b22""#))
        #expect(responses.first?.hasSuffix("\r\n\r\nok\n") == true)
        #expect(responses.last?.lowercased().contains("connection: close") == true)
    }

    @Test func pipelinedHotRequestsWaitBehindHummingbirdsAnswer() async throws {
        let text = try await withTestServer { client in
            // Sent in one write: /metrics goes through Hummingbird, the others must not overtake it.
            try await exchange(
                port: client.port,
                [
                    get("/metrics"), get("/healthz"),
                    post("/openrtb2/bid", try fixture("iab26-simple-banner"), closing: true),
                ]
            )
        }
        let metrics = try #require(text.range(of: "# HELP"))
        let health = try #require(text.range(of: "\r\n\r\nok\n"))
        let bid = try #require(text.range(of: #""seatbid""#))
        #expect(metrics.lowerBound < health.lowerBound)
        #expect(health.lowerBound < bid.lowerBound)
    }

    @Test func chunkedBodyOverTheLimitGets413() async throws {
        var configuration = testConfiguration()
        configuration.maximumBodyBytes = 1_000
        let chunk = String(repeating: " ", count: 600)
        let request =
            "POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
        let text = try await withTestServer(configuration: configuration) { client in
            try await exchange(port: client.port, [Array(request.utf8)])
        }
        #expect(text.hasPrefix("HTTP/1.1 413"))
    }

    @Test func malformedHTTPAfterAHotRequestGets400AndTheConnectionCloses() async throws {
        let garbage = Array("GARBAGE \u{1}\r\n\r\n".utf8)
        let text = try await withTestServer { client in
            try await exchange(port: client.port, [get("/healthz"), garbage])
        }
        let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
        #expect(responses.count == 2)
        #expect(responses.first?.hasPrefix("200 OK") == true)
        #expect(responses.last?.hasPrefix("400") == true)
    }

    @Test func queryStringsDoNotHideTheRoute() async throws {
        let text = try await withTestServer { client in
            try await exchange(port: client.port, [get("/healthz?probe=1", closing: true)])
        }
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.hasSuffix("\r\n\r\nok\n"))
    }

    @Test func aClientThatAsksBeforeSendingTheBodyIsInvited() async throws {
        // A second of `tmax`, so that the pause below never costs the bid its deadline on a busy machine.
        let banner = Array(#"{"tmax":1000,"#.utf8) + (try fixture("iab26-simple-banner")).dropFirst()
        let head =
            "POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(banner.count)\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
        let text = try await withTestServer { client in
            try await connect(port: client.port).executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: head))
                // The body follows a little later, as from a client that waited for the invitation.
                try await Task.sleep(for: .milliseconds(20))
                try await outbound.write(ByteBuffer(bytes: banner))
                var received = ByteBuffer()
                for try await var part in inbound { received.writeBuffer(&part) }
                return String(buffer: received)
            }
        }
        #expect(text.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))
        #expect(text.contains(#""seatbid""#))
    }

    /// A connection that sends nothing, or trickles a request head and stops, is closed after the idle
    /// timeout; one that keeps sending requests is not, though its hot requests never reach Hummingbird.
    @Test(.timeLimit(.minutes(1))) func idleConnectionsAreClosedBusyOnesKept() async throws {
        var configuration = testConfiguration()
        configuration.idleTimeout = .seconds(1)
        let start = ContinuousClock.now
        let (silent, trickled, busy) = try await withTestServer(configuration: configuration) { client in
            let silent = try await exchange(port: client.port, [])
            let trickled = try await exchange(
                port: client.port, [Array("POST /openrtb2/bid HTTP/1.1\r\nHost: x\r\n".utf8)])
            let busy = try await connect(port: client.port).executeThenClose { inbound, outbound in
                // Gaps of a third of the timeout: a busy CI machine may stretch them, not to a whole timeout.
                for _ in 0..<6 {
                    try await outbound.write(ByteBuffer(bytes: get("/healthz")))
                    try await Task.sleep(for: .milliseconds(330))
                }
                try await outbound.write(ByteBuffer(bytes: get("/healthz", closing: true)))
                var received = ByteBuffer()
                for try await var part in inbound { received.writeBuffer(&part) }
                return String(buffer: received)
            }
            return (silent, trickled, busy)
        }
        #expect(silent.isEmpty && trickled.isEmpty)
        // Seven answers over ≈ 2 s, twice the idle timeout.
        #expect(busy.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 7)
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func otherMethodsOnTheBidRouteGet405NamingPOST() async throws {
        let text = try await withTestServer { client in
            try await exchange(port: client.port, [get("/openrtb2/bid", closing: true)])
        }
        #expect(text.hasPrefix("HTTP/1.1 405"))
        #expect(text.lowercased().contains("allow: post"))
    }

    @Test func healthCheckByHEADHasNoBody() async throws {
        let request = "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        let text = try await withTestServer { client in
            try await exchange(port: client.port, [Array(request.utf8), get("/healthz", closing: true)])
        }
        let responses = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
        #expect(responses.count == 2)
        #expect(responses.first?.hasPrefix("200 OK") == true)
        #expect(responses.first?.hasSuffix("\r\n\r\n") == true)
        #expect(responses.last?.hasSuffix("\r\n\r\nok\n") == true)
    }

    @Test func dateHeaderIsIMFFixdate() {
        // Known answers from `date -u -d @T "+%a, %d %b %Y %H:%M:%S GMT"`.
        #expect(HTTPDate.format(unixTime: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(unixTime: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.format(unixTime: 1_795_653_542) == "Thu, 26 Nov 2026 00:39:02 GMT")
        #expect(HTTPDate.format(unixTime: -1) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.format(unixTime: 4_102_444_799) == "Thu, 31 Dec 2099 23:59:59 GMT")
    }

    private func get(_ target: String, closing: Bool = false) -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\(closing ? "Connection: close\r\n" : "")\r\n".utf8)
    }

    private func post(_ target: String, _ body: [UInt8], closing: Bool = false) -> [UInt8] {
        let head =
            "POST \(target) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\n\(closing ? "Connection: close\r\n" : "")\r\n"
        return Array(head.utf8) + body
    }

    /// Writes all `requests` at once on one connection and reads until the server closes it.
    private func exchange(port: Int, _ requests: [[UInt8]]) async throws -> String {
        try await connect(port: port).executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: requests.flatMap { $0 }))
            var received = ByteBuffer()
            for try await var part in inbound { received.writeBuffer(&part) }
            return String(buffer: received)
        }
    }

    private func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}

@Suite struct HeaderValueTests {
    @Test func valueMatchesTheSubscript() {
        var fields = HTTPFields()
        #expect(fields.value(of: .contentEncoding) == nil)
        fields[.contentLength] = "42"
        fields.append(HTTPField(name: .contentEncoding, value: "gzip"))
        #expect(fields.value(of: .contentLength) == "42")
        #expect(fields.value(of: .contentEncoding) == "gzip")
        fields.append(HTTPField(name: .contentEncoding, value: "br"))
        #expect(fields.value(of: .contentEncoding) == "gzip, br")
        #expect(fields.value(of: .contentEncoding) == fields[.contentEncoding])
        #expect(fields.value(of: .connection) == nil)
    }
}
