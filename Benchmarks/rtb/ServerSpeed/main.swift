// A stand-in for `gavel serve` while the CLI subcommand and GavelRTB's engine are wired:
// the same BidderApplication, with a flat-price responder instead of the campaign engine.
//
//     ServerSpeed --port 8080 --ledger /tmp/ledger.sqlite
import GavelCore
import GavelRTB
import GavelServer
import Logging

/// Bids 20 % over the floor (or 0.50 CPM without one) on every impression with a banner.
struct FlatPriceResponder: BidResponder {
    func respond(to request: OpenRTB.BidRequest, deadline: ContinuousClock.Instant) -> OpenRTB.BidResponse {
        var bids: [OpenRTB.Bid] = []
        for imp in request.imp where imp.banner != nil {
            let floor = imp.bidFloor?.micros ?? .zero
            let price = floor > .zero ? floor.scaled(by: 1.2) : Micros(500_000)
            var bid = OpenRTB.Bid(id: "\(request.id)-\(imp.id)", impID: imp.id, price: .init(micros: price))
            bid.cid = "demo"
            bid.crid = "demo-300x250"
            bid.adomain = ["example.com"]
            bids.append(bid)
        }
        guard !bids.isEmpty else { return .noBid(id: request.id, reason: .unknownError) }
        return OpenRTB.BidResponse(id: request.id, seatBid: [.init(bid: bids, seat: "gavel")], cur: "USD")
    }
}

/// No budgets: the benchmark measures the request path, not pacing.
struct UnlimitedLedger: SpendLedger {
    func restore(_ spend: [CampaignDaySpend]) {}
    func commit(bidID: String, campaign: String, cost: Micros, on day: CalendarDay) {}
    func release(bidID: String, campaign: String) {}
    func pacing() -> [CampaignPacing] { [] }
}

var configuration = ServerConfiguration(ledgerPath: "/tmp/gavel-serverspeed-ledger.sqlite")
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": configuration.port = Int(arguments.next() ?? "") ?? configuration.port
    case "--ledger": configuration.ledgerPath = arguments.next() ?? configuration.ledgerPath
    default: fatalError("usage: ServerSpeed [--port N] [--ledger PATH]")
    }
}
var logger = Logger(label: "gavel.serverspeed")
logger.logLevel = .warning
try await runServer(
    configuration: configuration,
    responder: FlatPriceResponder(),
    ledger: UnlimitedLedger(),
    logger: logger
)
