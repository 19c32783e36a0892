import Foundation
import GavelCore
import GavelRTB
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import GavelServer

/// Bids `price` on the first impression of every request for campaign `cid`, or sleeps past
/// the deadline, or declines: the smallest real engine, on GavelRTB's model and encoder.
struct StubResponder: BidResponder {
    enum Behaviour: Sendable {
        case bid(price: Micros)
        case decline(NoBidReason)
        case sleep(Duration)
    }

    var behaviour: Behaviour
    var campaign = "summer-sale"

    func respond(
        to request: OpenRTB.BidRequest,
        personalData: PersonalDataPermission,
        deadline: ContinuousClock.Instant
    ) -> OpenRTB.BidResponse {
        switch behaviour {
        case .bid(let price):
            var bid = OpenRTB.Bid(id: "\(request.id)-1", impID: request.imp[0].id, price: .init(micros: price))
            bid.cid = campaign
            bid.crid = "creative-1"
            bid.adm = "<a href=\"https://example.com\">ad</a>"
            return OpenRTB.BidResponse(id: request.id, seatBid: [.init(bid: [bid], seat: "gavel")], cur: "USD")
        case .decline(let reason):
            return .noBid(id: request.id, reason: reason)
        case .sleep(let duration):
            Thread.sleep(
                forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            )
            return .noBid(id: request.id, reason: .unknownError)
        }
    }
}

/// Keeps spend in memory, as GavelRTB's ledger does, and remembers what it was told.
final class RecordingLedger: SpendLedger {
    private let spent = Mutex<[String: Micros]>([:])
    let restored = Mutex<[CampaignDaySpend]?>(nil)
    let released = Mutex<[String]>([])

    func restore(_ spend: [CampaignDaySpend]) {
        restored.withLock { $0 = spend }
        spent.withLock { spent in
            for entry in spend { spent[entry.campaign, default: .zero] += entry.spent }
        }
    }

    func commit(bidID: String, campaign: String, cost: Micros, on day: CalendarDay) {
        spent.withLock { $0[campaign, default: .zero] += cost }
    }

    func release(bidID: String, campaign: String) {
        released.withLock { $0.append(bidID) }
    }

    func pacing() -> [CampaignPacing] {
        spent.withLock { spent in
            spent.map { CampaignPacing(campaign: $0.key, spent: $0.value, budget: Micros(units: 50), pacingRate: 1) }
        }
    }

    func spent(_ campaign: String) -> Micros { spent.withLock { $0[campaign] ?? .zero } }
}

/// Runs a bidder on an ephemeral loopback port for the duration of `body`, then shuts it down gracefully.
func withTestServer<T>(
    configuration: ServerConfiguration = testConfiguration(),
    responder: some BidResponder = StubResponder(behaviour: .bid(price: Micros(1_250_000))),
    ledger: any SpendLedger = RecordingLedger(),
    wallClock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    let bidder = try BidderApplication(
        configuration: configuration,
        responder: responder,
        ledger: ledger,
        logger: Logger(label: "test"),
        wallClock: wallClock
    )
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let app = bidder.makeApplication { port in portSink.yield(port) }
    let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result: Result<T, any Error>
        do { result = .success(try await body(HTTPClient(port: port))) } catch { result = .failure(error) }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}

/// A configuration with a fresh ledger file in the temporary directory.
func testConfiguration(ledgerPath: String = temporaryLedgerPath()) -> ServerConfiguration {
    ServerConfiguration(host: "127.0.0.1", port: 0, ledgerPath: ledgerPath)
}

func temporaryLedgerPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("gavel-ledger-\(UUID().uuidString).sqlite").path
}

/// A request body from the corpus copied into Fixtures (see Fixtures/SOURCES.md).
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
    return [UInt8](try Data(contentsOf: url))
}
