// The payload baseline of Benchmarks/rtb/run.sh: what the bid route would cost with no bidder at all.
//
//     PayloadBaseline --port 18081 --answers DIR [--busy MICROSECONDS] [--event-loops N]
//
// The same HTTP stack as `gavel serve` (Hummingbird's HTTP/1.1 server on NIO's singleton event loops, one
// handler answering POST /openrtb2/bid on the event loop ahead of the router, like GavelServer's
// HotRouteHandler), reading the same request bodies, but answering each with the bidder's recorded answer
// instead of decoding, matching, pricing and encoding. DIR holds one file per corpus request, named
// `<content length>.<status>` and holding the response body (empty for 204); run.sh records them from the
// real server before measuring, so the baseline sends the same status codes in the same proportion and
// response bodies of the same size and shape. The request is recognised by its Content-Length (unique in
// the corpus; an unknown length is answered 204). GET /healthz goes through the router, for readiness checks.
//
// Its bid/healthz ratio is the best any bidder logic could reach in that benchmark. It is slightly
// optimistic: the handler skips the bid route's metrics and the Date header is fixed at start-up.
//
// --busy spins that long on every bid request before answering: a stand-in for bidder work of known
// cost, to see what a microsecond of bidder work costs the whole server (the HTTP path gets dearer
// too once the server, not wrk, is the bottleneck).
//
// --event-loops N serves on N event-loop threads instead of one per core, as `gavel serve --event-loops`.
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes
import NIOPosix

/// A recorded answer, ready for the wire.
struct CannedAnswer: Sendable {
    var status: HTTPResponse.Status
    var body: ByteBuffer
}

/// Answers `POST /openrtb2/bid` with the canned answer for the request's Content-Length; passes
/// everything else on to Hummingbird.
final class CannedBidHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let answers: [Int: CannedAnswer]
    private let date: String
    private let busy: Duration
    /// The answer owed once the bid request being read ends; `nil` while passing a request on.
    private var pending: CannedAnswer?

    init(answers: [Int: CannedAnswer], date: String, busy: Duration) {
        self.answers = answers
        self.date = date
        self.busy = busy
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request) where request.method == .post && request.path == "/openrtb2/bid":
            let length = request.headerFields[.contentLength].flatMap { Int($0) } ?? 0
            pending = answers[length] ?? CannedAnswer(status: .noContent, body: ByteBuffer())
        case .body where pending != nil:
            break  // read, as the bidder reads it, and dropped
        case .end where pending != nil:
            let until = ContinuousClock.now + busy
            while ContinuousClock.now < until {}
            respond(context: context, with: pending!)
            pending = nil
        default:
            context.fireChannelRead(data)
        }
    }

    /// The same header fields as the bid route's answers.
    private func respond(context: ChannelHandlerContext, with answer: CannedAnswer) {
        var fields = HTTPFields()
        fields.reserveCapacity(6)
        fields[Self.openRTBVersion] = "2.6"
        if answer.body.readableBytes > 0 { fields[.contentType] = "application/json" }
        fields[.contentLength] = String(answer.body.readableBytes)
        fields[.date] = date
        fields[.server] = "gavel"
        context.write(
            wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: fields))),
            promise: nil
        )
        if answer.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private static let openRTBVersion = HTTPField.Name("x-openrtb-version")!
}

/// The files of `directory`, keyed by the request Content-Length their names start with.
func loadAnswers(from directory: String) throws -> [Int: CannedAnswer] {
    var answers: [Int: CannedAnswer] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        let parts = name.split(separator: ".")
        guard parts.count == 2, let length = Int(parts[0]), let status = Int(parts[1]) else {
            fatalError("\(directory)/\(name): expected <content length>.<status>")
        }
        let body = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
        answers[length] = CannedAnswer(status: .init(code: status), body: ByteBuffer(bytes: body))
    }
    return answers
}

/// Serves until SIGTERM or SIGINT.
func serve(port: Int, answers: [Int: CannedAnswer], busy: Duration, eventLoops: Int?) async throws {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    let date = formatter.string(from: Date())
    let router = Router()
    router.get("/healthz") { _, _ in "ok\n" }
    let application = Application(
        router: router,
        server: .http1(
            configuration: .init(additionalChannelHandlers: [
                CannedBidHandler(answers: answers, date: date, busy: busy)
            ])
        ),
        configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "gavel"),
        eventLoopGroupProvider: eventLoops.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: $0)) }
            ?? .singleton
    )
    try await application.runService()
}

let usage = "usage: PayloadBaseline [--port N] --answers DIR [--busy MICROSECONDS] [--event-loops N]"
var port = 18081
var answersDirectory: String?
var busy = Duration.zero
var eventLoops: Int?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--answers": answersDirectory = arguments.next()
    case "--busy": busy = .microseconds(Int(arguments.next() ?? "") ?? 0)
    case "--event-loops": eventLoops = Int(arguments.next() ?? "").flatMap { $0 > 0 ? $0 : nil }
    default: fatalError(usage)
    }
}
guard let answersDirectory else { fatalError(usage) }
try await serve(port: port, answers: loadAnswers(from: answersDirectory), busy: busy, eventLoops: eventLoops)
