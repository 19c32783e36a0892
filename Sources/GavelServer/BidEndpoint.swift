import GavelCore
import GavelRTB
package import NIOCore
import Prometheus

/// `POST /openrtb2/bid` without the HTTP framework: body bytes and headers in, status and body out.
///
/// Every path ends in an answer the exchange understands: a bid (200), a no-bid (204 or 200
/// with `nbr`), or a 4xx for what is not an OpenRTB 2.x request. Nothing the exchange sends
/// can produce a 5xx, and no answer leaves after the deadline with a bid in it.
///
/// `package`: `RTBSpeed serve` drives it in-process to measure the whole answer.
package struct BidEndpoint: Sendable {
    /// An answer ready for the wire.
    package struct Reply: Equatable {
        package var status: Int
        /// Ready to write to the channel as it is: the encoder's bytes are copied once, into it.
        package var body: ByteBuffer
        /// `application/json` when true, `text/plain` otherwise (error explanations).
        package var isJSON: Bool
    }

    let configuration: ServerConfiguration
    let responder: any BidResponder
    let signer: NoticeSigner
    let metrics: BidderMetrics
    /// Seconds since 1970: notice expiry must mean the same after a restart.
    let wallClock: @Sendable () -> Int64
    private let validator: BidRequestValidator
    private let privacy: PrivacyPolicy

    package init(
        configuration: ServerConfiguration,
        responder: any BidResponder,
        signer: NoticeSigner,
        metrics: BidderMetrics,
        wallClock: @escaping @Sendable () -> Int64
    ) {
        self.configuration = configuration
        self.responder = responder
        self.validator = BidRequestValidator(scope: responder.requestScope)
        self.privacy = PrivacyPolicy(tcfVendorID: configuration.tcfVendorID)
        self.signer = signer
        self.metrics = metrics
        self.wallClock = wallClock
    }

    /// Answers one request body as received.
    /// - Parameters:
    ///   - contentEncoding: The `Content-Encoding` header, if any.
    ///   - noticeBase: Scheme, host and port the notice URLs start with.
    ///   - arrival: When the request arrived: `tmax` counts from here.
    package func answer(
        _ body: UnsafeRawBufferPointer,
        contentEncoding: String?,
        noticeBase: String,
        arrival: ContinuousClock.Instant
    ) -> Reply {
        metrics.bidRequests.increment()
        switch contentEncoding?.lowercased() {
        case nil, "", "identity":
            return decide(body, noticeBase: noticeBase, arrival: arrival)
        case "gzip", "x-gzip", "deflate":
            do throws(Inflater.Failure) {
                let inflated = try Inflater.inflate(body, limit: configuration.maximumInflatedBytes)
                return inflated.withUnsafeBytes { decide($0, noticeBase: noticeBase, arrival: arrival) }
            } catch .tooLarge {
                return reject(413, "inflated body exceeds \(configuration.maximumInflatedBytes) bytes")
            } catch {
                return malformed("body is not a valid \(contentEncoding ?? "") stream")
            }
        case let other?:
            return reject(415, "unsupported content-encoding \(other)")
        }
    }

    /// The refusal for a body larger than ``ServerConfiguration/maximumBodyBytes``, which the
    /// HTTP layer detects before any byte reaches ``answer(_:contentEncoding:noticeBase:arrival:)``.
    func bodyTooLarge() -> Reply {
        metrics.bidRequests.increment()
        return reject(413, "body exceeds \(configuration.maximumBodyBytes) bytes")
    }

    /// The refusal for a body the connection did not deliver whole (the client went away).
    func unreadableBody(_ error: any Error) -> Reply {
        metrics.bidRequests.increment()
        return reject(400, "could not read the request body: \(error)")
    }

    private func decide(_ bytes: UnsafeRawBufferPointer, noticeBase: String, arrival: ContinuousClock.Instant) -> Reply
    {
        let request: OpenRTB.BidRequest
        switch validator.read(bytes) {
        case .success(let valid): request = valid
        case .failure(let rejection): return malformed(rejection.description)
        }
        let deadline = arrival + .milliseconds(request.tmax ?? configuration.defaultTmax) - configuration.networkMargin
        guard deadline > arrival else { return noBid(id: request.id, reason: .insufficientAuctionTime) }

        let personalData = privacy.permission(for: request)
        if case .denied(let restriction) = personalData { metrics.countPrivacyRestriction(restriction) }
        let response = responder.respond(to: request, personalData: personalData, deadline: deadline)
        guard ContinuousClock.now <= deadline else {
            metrics.deadlinesMissed.increment()
            return noBid(id: request.id, reason: .insufficientAuctionTime)
        }
        let bidCount = response.seatBid.reduce(0) { $0 + $1.bid.count }
        guard bidCount > 0 else { return noBid(id: request.id, reason: response.nbr ?? .unknownError) }
        metrics.bidResponses.increment()
        metrics.bids.increment(by: Int64(bidCount))
        // Every bid gets its signed `nurl`, `burl` and `lurl`, written as the response is encoded.
        let notices = SignedNotices(
            base: noticeBase,
            signer: signer,
            expiresAt: wallClock() + configuration.noticeLifetime.components.seconds
        )
        return Reply(status: 200, body: Self.json(response, notices: notices), isJSON: true)
    }

    private func noBid(id: String, reason: NoBidReason) -> Reply {
        metrics.countNoBid(reason)
        switch configuration.noBidStyle {
        case .emptyResponse:
            return Reply(status: 204, body: ByteBuffer(), isJSON: false)
        case .reasonCode:
            return Reply(status: 200, body: Self.json(.noBid(id: id, reason: reason)), isJSON: true)
        }
    }

    /// The response's JSON, written straight into the reply's buffer.
    static func json(_ response: OpenRTB.BidResponse, notices: SignedNotices? = nil) -> ByteBuffer {
        // Boxed once: passed as it is to each call, it was boxed (allocated) for each.
        let source: (any NoticeURLSource)? = notices
        var capacity = OpenRTBEncoder.estimatedByteCount(of: response, notices: source)
        var buffer = allocator.buffer(capacity: capacity)
        // Escapes lengthened the strings past the estimate (rare): again, with twice the room.
        while buffer.writeWithUnsafeMutableBytes(
            minimumWritableBytes: capacity,
            { OpenRTBEncoder.encode(response, notices: source, into: $0) ?? 0 }
        ) == 0 {
            capacity *= 2
        }
        return buffer
    }

    private static let allocator = ByteBufferAllocator()

    /// Not an OpenRTB 2.x request: 400, or a no-bid with *invalid request* where configured.
    private func malformed(_ explanation: String) -> Reply {
        switch configuration.malformedRequestStyle {
        case .badRequest: reject(400, "invalid bid request: \(explanation)")
        case .noBid: noBid(id: "", reason: .invalidRequest)
        }
    }

    private func reject(_ status: Int, _ explanation: String) -> Reply {
        metrics.countRejection(status: status)
        return Reply(status: status, body: ByteBuffer(string: "\(explanation)\n"), isJSON: false)
    }
}
