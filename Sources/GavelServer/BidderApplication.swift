import Foundation
import GavelCore
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
import NIOPosix
import Prometheus
public import ServiceLifecycle

/// The HTTP bidder: `POST /openrtb2/bid`, the notice routes, `/healthz` and `/metrics` on
/// Hummingbird, wired to a ``BidResponder`` and a ``SpendLedger``.
///
/// Building it opens the spend store and hands the persisted spend to the ledger, so
/// the first request is already paced against everything spent before the restart.
public struct BidderApplication: Sendable {
    public let configuration: ServerConfiguration
    let bidEndpoint: BidEndpoint
    let noticeEndpoint: NoticeEndpoint
    let metrics: BidderMetrics
    let store: SpendStore
    let ledger: any SpendLedger
    let logger: Logger

    /// - Throws: ``SpendStoreError`` when the ledger file cannot be opened.
    public init(
        configuration: ServerConfiguration,
        responder: any BidResponder,
        ledger: any SpendLedger,
        logger: Logger
    ) throws {
        try self.init(
            configuration: configuration,
            responder: responder,
            ledger: ledger,
            logger: logger,
            wallClock: { Int64(Date().timeIntervalSince1970) }
        )
    }

    /// - Parameter wallClock: Seconds since 1970; tests move it to expire notices.
    init(
        configuration: ServerConfiguration,
        responder: any BidResponder,
        ledger: any SpendLedger,
        logger: Logger,
        wallClock: @escaping @Sendable () -> Int64
    ) throws {
        let store = try SpendStore(path: configuration.ledgerPath)
        let signer = NoticeSigner(key: try store.noticeKey())
        ledger.restore(try store.spend())
        let metrics = BidderMetrics()
        self.configuration = configuration
        self.store = store
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
        bidEndpoint = BidEndpoint(
            configuration: configuration,
            responder: responder,
            signer: signer,
            metrics: metrics,
            wallClock: wallClock
        )
        noticeEndpoint = NoticeEndpoint(
            signer: signer,
            store: store,
            ledger: ledger,
            metrics: metrics,
            chargedNotice: configuration.chargedNotice,
            wallClock: wallClock,
            logger: logger
        )
    }

    /// The Hummingbird application, for a caller that runs it in its own service group.
    /// - Parameters:
    ///   - services: Run alongside the server and shut down with it (campaign reloading, upkeep).
    ///   - onServerRunning: Called with the bound port once the server listens
    ///     (the way to learn the port when ``ServerConfiguration/port`` is 0).
    public func makeApplication(
        services: [any Service] = [],
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let idleTimeout = configuration.idleTimeout
        let routes = HotRouteHandler.Routes(
            bidEndpoint: bidEndpoint,
            metrics: metrics,
            maximumBodyBytes: configuration.maximumBodyBytes,
            fixedBase: configuration.noticeBaseURL,
            fallbackBase: fallbackNoticeBase
        )
        return Application(
            router: makeRouter(),
            // The idle timer goes ahead of the hot routes, which answer without passing their requests on:
            // Hummingbird's own idle timeout sits behind them and would see busy connections as idle.
            server: .http1(
                configuration: .init(additionalChannelHandlers: [
                    IdleStateHandler(readTimeout: TimeAmount(idleTimeout)), HotRouteHandler(routes: routes),
                ])
            ),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gavel"),
            services: [NoticePruner(store: store, wallClock: noticeEndpoint.wallClock, logger: logger)] + services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            eventLoopGroupProvider: configuration.eventLoopThreads.map {
                .shared(MultiThreadedEventLoopGroup(numberOfThreads: $0))
            } ?? .singleton,
            logger: logger
        )
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, finishes requests in flight and returns.
    public func run(services: [any Service] = []) async throws {
        let application = makeApplication(services: services) { [logger, host = configuration.host] port in
            logger.info("gavel bidder listening", metadata: ["host": "\(host)", "port": "\(port)"])
        }
        try await application.runService()  // graceful shutdown on SIGTERM and SIGINT
    }

    /// Where notices go when neither ``ServerConfiguration/noticeBaseURL`` nor the request's Host says.
    private var fallbackNoticeBase: String {
        configuration.noticeBaseURL ?? "http://\(configuration.host):\(configuration.port)"
    }

    /// The bid and health routes as Hummingbird serves them: ``HotRouteHandler`` answers them
    /// first and hands them here only behind a pipelined request Hummingbird still answers.
    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let bidEndpoint = bidEndpoint
        let metrics = metrics
        let ledger = ledger
        let maximumBodyBytes = configuration.maximumBodyBytes
        let fallbackBase = fallbackNoticeBase
        let fixedBase = configuration.noticeBaseURL

        router.post("/openrtb2/bid") { request, _ -> Response in
            let arrival = ContinuousClock.now
            let reply: BidEndpoint.Reply
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBodyBytes {
                reply = bidEndpoint.bodyTooLarge()
            } else {
                do {
                    let body = try await request.body.collect(upTo: maximumBodyBytes)
                    // The exchange reached us at its Host; notices should come back the same way.
                    let base = fixedBase ?? request.head.authority.map { "http://\($0)" } ?? fallbackBase
                    reply = body.withUnsafeReadableBytes { bytes in
                        bidEndpoint.answer(
                            bytes,
                            contentEncoding: request.headers[.contentEncoding],
                            noticeBase: base,
                            arrival: arrival
                        )
                    }
                } catch is NIOTooManyBytesError {
                    reply = bidEndpoint.bodyTooLarge()
                } catch {
                    reply = bidEndpoint.unreadableBody(error)
                }
            }
            metrics.latency.record(ContinuousClock.now - arrival)
            return Self.response(reply)
        }
        for kind in NoticeKind.allCases {
            router.get(RouterPath(kind.path)) { request, _ -> Response in
                let parameters = request.uri.queryParameters
                let status = await noticeEndpoint.answer(kind) { parameters[Substring($0)] }
                return Response(status: .init(code: status))
            }
        }
        // An exchange's misconfigured GET learns what to send instead of a bare 404.
        for method in [HTTPRequest.Method.get, .put, .patch, .delete] {
            router.on("/openrtb2/bid", method: method) { _, _ -> Response in
                Response(status: .methodNotAllowed, headers: [.allow: "POST"])
            }
        }
        router.get("/healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: Self.healthy))
        }
        // Load balancers' health checks may ask with HEAD: the same status and headers, no body.
        router.head("/healthz") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain", .contentLength: String(Self.healthy.readableBytes)]
            )
        }
        router.get("/metrics") { _, _ -> Response in
            let text = metrics.exposition(campaigns: ledger.pacing())
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: text))
            )
        }
        return router
    }

    private static let healthy = ByteBuffer(string: "ok\n")
    static let openRTBVersion = HTTPField.Name("x-openrtb-version")!

    private static func response(_ reply: BidEndpoint.Reply) -> Response {
        var headers: HTTPFields = [openRTBVersion: "2.6"]
        if reply.body.readableBytes > 0 {
            headers[.contentType] = reply.isJSON ? "application/json" : "text/plain"
        }
        return Response(
            status: .init(code: reply.status),
            headers: headers,
            body: .init(byteBuffer: reply.body)
        )
    }
}

/// Runs the bidder until SIGTERM or SIGINT: the entry point of `gavel serve`.
/// - Throws: ``SpendStoreError`` when the ledger cannot be opened, or a bind error.
public func runServer(
    configuration: ServerConfiguration,
    responder: any BidResponder,
    ledger: any SpendLedger,
    logger: Logger,
    services: [any Service] = []
) async throws {
    try await BidderApplication(configuration: configuration, responder: responder, ledger: ledger, logger: logger)
        .run(services: services)
}

/// Forgets expired notices once a minute, so the replay table stays as small as the traffic
/// of one notice lifetime.
struct NoticePruner: Service {
    let store: SpendStore
    let wallClock: @Sendable () -> Int64
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while true {
                do {
                    try await store.forgetNotices(expiredBefore: wallClock())
                } catch {
                    logger.warning("could not forget expired notices", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: .seconds(60)) } catch { return }
            }
        }
    }
}
