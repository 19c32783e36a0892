import GavelCore
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Prometheus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers `POST /openrtb2/bid` and `GET /healthz` on the event loop that read them, in the
/// channel pipeline just before Hummingbird, and passes every other request on to it.
///
/// Why: profiling `gavel serve` under wrk showed Hummingbird's per-request machinery (the
/// async channel hand-over, the streamed request body, the task that runs the route) costing
/// more than half of a bid's CPU — more than decoding, matching and pricing together. The bid
/// engine is synchronous and takes microseconds, so on the hot routes it runs right here on
/// the event loop. `/healthz` takes the same path, so it stays an honest ceiling for the bid
/// route (a cheaper ceiling path would flatter the bid/ceiling ratio).
///
/// HTTP/1.1 keeps responses in request order: while Hummingbird still owes a response on the
/// connection (a pipelined request), hot requests go to Hummingbird too, which serves the same
/// routes through ``BidEndpoint``.
final class HotRouteHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What the hot routes need, shared by every connection.
    struct Routes: Sendable {
        let bidEndpoint: BidEndpoint
        let metrics: BidderMetrics
        let maximumBodyBytes: Int
        /// ``ServerConfiguration/noticeBaseURL``, when fixed.
        let fixedBase: String?
        /// Where notices go when the request names no Host.
        let fallbackBase: String
    }

    private enum Route {
        case bid
        case health
    }

    private enum State {
        case idle
        /// Hummingbird answers the request being read.
        case passing
        /// A hot request whose body is being read; `body` is `nil` once it exceeds the limit.
        case collecting(Route, HTTPRequest, arrival: ContinuousClock.Instant, body: ByteBuffer?)
    }

    private let routes: Routes
    private var state = State.idle
    /// Responses Hummingbird has yet to finish on this connection.
    private var responsesOwed = 0
    private var date = HTTPDate()
    private var lastNoticeBase: (host: String, base: String)?

    init(routes: Routes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let request), _):
            if responsesOwed == 0, let route = Self.route(of: request) {
                let declaredLength = request.headerFields.value(of: .contentLength).flatMap { Int($0) } ?? 0
                let body: ByteBuffer? = declaredLength > routes.maximumBodyBytes ? nil : ByteBuffer()
                state = .collecting(route, request, arrival: .now, body: body)
                // A client that asks first (Java's and .NET's HTTP clients, curl for large bodies) would
                // otherwise hold the body back for a second, and the bid would miss its deadline. A body
                // over the limit is not invited: the client sends it after its wait and gets 413.
                if body != nil, request.headerFields.value(of: .expect)?.lowercased() == "100-continue" {
                    context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
                }
            } else {
                responsesOwed += 1
                state = .passing
                context.fireChannelRead(data)
            }
        case (.body(let part), .collecting(let route, let request, let arrival, var body)):
            if body != nil, body!.readableBytes + part.readableBytes <= routes.maximumBodyBytes {
                // Avoid a copy for the common single-part body: keep the slice as received.
                if body!.readableBytes == 0 { body = part } else { body!.writeImmutableBuffer(part) }
            } else {
                body = nil
            }
            state = .collecting(route, request, arrival: arrival, body: body)
        case (.end, .collecting(let route, let request, let arrival, let body)):
            state = .idle
            respond(context: context, route: route, request: request, arrival: arrival, body: body)
        case (.end, _):
            state = .idle
            context.fireChannelRead(data)
        case (.body, _):
            context.fireChannelRead(data)
        }
    }

    /// The connection read nothing for ``ServerConfiguration/idleTimeout`` (the `IdleStateHandler`
    /// ahead of this one says so): closed, whatever it was in the middle of sending.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { responsesOwed = max(0, responsesOwed - 1) }
        context.write(data, promise: promise)
    }

    private static func route(of request: HTTPRequest) -> Route? {
        guard let target = request.path else { return nil }
        let path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
        switch (request.method, path) {
        case (.post, "/openrtb2/bid"): return .bid
        case (.get, "/healthz"): return .health
        default: return nil
        }
    }

    private func respond(
        context: ChannelHandlerContext,
        route: Route,
        request: HTTPRequest,
        arrival: ContinuousClock.Instant,
        body: ByteBuffer?
    ) {
        var fields = HTTPFields()
        fields.reserveCapacity(6)
        let status: HTTPResponse.Status
        var payload: ByteBuffer
        switch route {
        case .health:
            status = .ok
            fields[.contentType] = "text/plain"
            payload = Self.healthy
        case .bid:
            let reply: BidEndpoint.Reply
            if let body {
                let base =
                    routes.fixedBase ?? request.authority.map(noticeBase(authority:)) ?? routes.fallbackBase
                reply = body.withUnsafeReadableBytes { bytes in
                    routes.bidEndpoint.answer(
                        bytes,
                        contentEncoding: request.headerFields.value(of: .contentEncoding),
                        noticeBase: base,
                        arrival: arrival
                    )
                }
            } else {
                reply = routes.bidEndpoint.bodyTooLarge()
            }
            routes.metrics.latency.record(ContinuousClock.now - arrival)
            status = .init(code: reply.status)
            fields[BidderApplication.openRTBVersion] = "2.6"
            if reply.body.readableBytes > 0 { fields[.contentType] = reply.isJSON ? "application/json" : "text/plain" }
            payload = reply.body
        }
        fields[.contentLength] = String(payload.readableBytes)
        fields[.date] = date.now()
        fields[.server] = "gavel"
        let closing = request.headerFields.value(of: .connection)?.lowercased() == "close"
        if closing { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        if payload.readableBytes > 0 { context.write(wrapOutboundOut(.body(payload)), promise: nil) }
        // `responsesOwed` counts Hummingbird's answers only: this one goes out from here, not through `write`.
        // A future and its callback only when the connection closes after the answer: on keep-alive
        // connections they were two allocations per request for nothing.
        guard closing else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { [channel = context.channel] _ in
            channel.close(promise: nil)
        }
    }

    /// `http://` and the request's Host, kept while the connection's Host stays the same (it
    /// always does in practice), so a keep-alive connection builds it once, not once per bid.
    private func noticeBase(authority: String) -> String {
        if let (host, base) = lastNoticeBase, host == authority { return base }
        let base = "http://\(authority)"
        lastNoticeBase = (authority, base)
        return base
    }

    private static let healthy = ByteBuffer(string: "ok\n")
}

/// The `Date` header (RFC 9110 §6.6.1: an origin server with a clock must send it), formatted
/// once per second rather than per response.
struct HTTPDate {
    private var second: Int = .min
    private var text = ""

    /// The header value for the current second.
    mutating func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let current = time.tv_sec
        if current != second {
            second = current
            text = Self.format(unixTime: current)
        }
        return text
    }

    /// IMF-fixdate, e.g. `Wed, 25 Nov 2026 23:31:27 GMT`.
    static func format(unixTime: Int) -> String {
        let days = unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400
        let seconds = unixTime - days * 86_400
        let (year, month, day) = CalendarDay(rawValue: Int32(days)).components
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

extension HTTPFields {
    /// `self[name]`, without its cost in the common case of one field: the subscript always
    /// joins the values through a generic lazy sequence, which allocates and instantiates
    /// generic metadata at run time, three times per bid on the hot path. A repeated field
    /// still goes through the subscript, so the joined value stays the same.
    func value(of name: HTTPField.Name) -> String? {
        guard let first = firstIndex(where: { $0.name == name }) else { return nil }
        if self[index(after: first)...].contains(where: { $0.name == name }) { return self[name] }
        return self[first].value
    }
}
