import Testing

@testable import GavelServer

@Suite struct RequestBodyTests {
    @Test func bodyOverTheLimitGets413() async throws {
        let twoMegabytes = [UInt8](repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024)
        let response = try await withTestServer { client in try await client.post("/openrtb2/bid", body: twoMegabytes) }
        #expect(response.status == 413)
    }

    @Test func gzipBodyIsInflatedAndAnswered() async throws {
        let body = gzip(try fixture("iab26-simple-banner"))
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: body, headers: ["content-encoding": "gzip"])
        }
        #expect(response.status == 200)
        #expect(response.text.contains(#""id":"80ce30c53c16e6ede735f123ef6e32361bfc7b22""#))
    }

    @Test func gzipBombGets413() async throws {
        // 4 MB of spaces compress to ≈ 18 KB: far under the 256 KB wire limit, over the 1 MB inflation limit.
        let bomb = gzip([UInt8](repeating: UInt8(ascii: " "), count: 4 * 1024 * 1024))
        #expect(bomb.count < 32 * 1024)
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: bomb, headers: ["content-encoding": "gzip"])
        }
        #expect(response.status == 413)
    }

    @Test func corruptGzipGets400() async throws {
        let truncated = Array(gzip(try fixture("iab26-simple-banner")).dropLast(12))
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: truncated, headers: ["content-encoding": "gzip"])
        }
        #expect(response.status == 400)
    }

    @Test func unknownEncodingGets415() async throws {
        let response = try await withTestServer { client in
            try await client.post("/openrtb2/bid", body: [1, 2, 3], headers: ["content-encoding": "br"])
        }
        #expect(response.status == 415)
    }

    @Test func inflaterRoundTripsAndBoundsOutput() throws {
        let original = Array(String(repeating: "openrtb ", count: 1000).utf8)
        let compressed = gzip(original)
        let inflated = try compressed.withUnsafeBytes { try Inflater.inflate($0, limit: 8000) }
        #expect(inflated == original)
        #expect(throws: Inflater.Failure.tooLarge) {
            try compressed.withUnsafeBytes { try Inflater.inflate($0, limit: 7999) }
        }
        #expect(throws: Inflater.Failure.corrupt) {
            try original.withUnsafeBytes { try Inflater.inflate($0, limit: 8000) }
        }
    }
}
