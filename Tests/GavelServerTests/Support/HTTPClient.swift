import NIOCore
import NIOHTTP1
import NIOPosix

/// A one-request-per-connection HTTP/1.1 client over a real loopback socket, so the tests
/// exercise the server exactly as an exchange does without pulling AsyncHTTPClient (and its
/// BoringSSL) into the test build.
struct HTTPClient {
    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    func get(_ target: String) async throws -> Response {
        try await send(method: .GET, target: target, headers: [:], body: [])
    }

    func post(_ target: String, body: [UInt8], headers: [String: String] = [:]) async throws -> Response {
        try await send(method: .POST, target: target, headers: headers, body: body)
    }

    private func send(
        method: HTTPMethod,
        target: String,
        headers: [String: String],
        body: [UInt8]
    ) async throws
        -> Response
    {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
            head.headers.add(name: "host", value: "127.0.0.1:\(port)")
            head.headers.add(name: "connection", value: "close")
            if method == .POST { head.headers.add(name: "content-length", value: "\(body.count)") }
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            // The server may answer (413) and close before the whole body is sent: read the answer anyway.
            do {
                try await outbound.write(.head(head))
                if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                try await outbound.write(.end(nil))
            } catch {}
            var response = Response(status: 0, headers: [:], body: [])
            for try await part in inbound {
                switch part {
                case .head(let head):
                    response.status = Int(head.status.code)
                    response.headers = head.headers
                case .body(let buffer):
                    response.body += Array(buffer.readableBytesView)
                case .end:
                    return response
                }
            }
            return response
        }
    }
}
