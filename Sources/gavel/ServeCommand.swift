import ArgumentParser
import GavelAuction
import GavelCore
import GavelRTB
import GavelServer
import Logging

import class Foundation.FileManager
import struct Foundation.Data
import func Foundation.log

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the OpenRTB 2.6 bidder: campaigns from YAML files, budgets paced through the day.",
        discussion: """
            Listens for POST /openrtb2/bid and answers with bids from the campaigns in --campaigns (every *.yaml \
            file there but currencies.yaml, the exchange rates; see Rules/rtb/README.md). Win, billing and loss \
            notices come back on /win, /billing and /loss (signed, replay-proof) and are recorded in the --ledger \
            SQLite file, so spend survives a restart. /healthz answers "ok"; /metrics is Prometheus text.

            Campaign, audience and exchange-rate files are reloaded when they change (checked every few seconds) \
            or on SIGHUP; a bad file is logged with file:line:column and the running campaigns are kept. SIGTERM \
            or SIGINT stops accepting connections and finishes the requests in flight.

            --check loads every file as serving would, says what they hold or the first error, and exits: \
            run it before deploying edited campaign files.

            Privacy: a request with regs.coppa = 1, a US Privacy opt-out of sale, or regs.gdpr = 1 without a TCF v2 \
            consent string granting purposes 1, 3, 4 and the vendor given by --tcf-vendor-id is bid on as an \
            anonymous user: no audiences, segments or frequency caps (see README, "Privacy signals").

            Example:
              gavel serve --campaigns Rules/rtb --check
              gavel serve --port 8080 --campaigns Rules/rtb --ledger gavel-ledger.sqlite
              curl -s -H 'content-type: application/json' -H 'x-openrtb-version: 2.6' \\
                --data @Tests/GavelServerTests/Fixtures/iab26-simple-banner.json \\
                http://127.0.0.1:8080/openrtb2/bid
              curl -s http://127.0.0.1:8080/metrics
            """)

    @Option(help: "Interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "TCP port to listen on.")
    var port = 8080

    @Option(help: "Directory of campaign files (*.yaml).", completion: .directory)
    var campaigns: String

    @Option(help: "SQLite file keeping spend, seen notices and the notice signing key.")
    var ledger = "gavel-ledger.sqlite"

    @Option(help: "First-party audience file (user-id,audience;…). Default: <campaigns>/audiences.csv if present.")
    var audience: String?

    @Option(help: "Exchange rates for floors and bids in other currencies. Default: <campaigns>/currencies.yaml.")
    var currencies: String?

    @Option(help: "Click-through model (JSON). Default: <campaigns>/ctr-model.json if present, else a flat 0.25%.")
    var model: String?

    @Option(help: "Post-click conversion model (JSON); without one, each campaign's conversion_rate is used.")
    var conversionModel: String?

    @Option(help: "Median highest competing CPM for first-price shading (log-normal market model).")
    var marketMedianCpm = 1.5

    @Option(help: "Spread (σ of the log) of the competing-CPM model.")
    var marketSigma = 0.6

    @Option(help: "Scheme, host and port the exchange calls notices on (default: the Host the request came to).")
    var noticeBase: String?

    @Option(help: "Seconds a bid's reservation waits for a win or loss notice before its money goes back.")
    var reservationTimeout: Int64 = 120

    @Option(help: "Seconds between checks of the campaign files for changes.")
    var reloadInterval = 2

    @Option(help: "How a no-bid is answered: emptyResponse (HTTP 204) or reasonCode (200 with nbr).")
    var noBid = ServerConfiguration.NoBidStyle.emptyResponse.rawValue

    @Option(help: "Event-loop threads serving requests (default: one per core).")
    var eventLoops: Int?

    @Option(help: "Seconds a connection may send nothing before it is closed.")
    var idleTimeout = 60
    @Option(help: "Our IAB TCF vendor id; without it, GDPR requests (regs.gdpr = 1) get no personal data.")
    var tcfVendorId: Int?

    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    @Flag(help: "Load the campaign, audience, exchange-rate and model files, report them, and exit without serving.")
    var check = false

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "gavel.serve")
        let source = CampaignSource(
            directory: campaigns,
            audiencePath: audience ?? Self.existing("\(campaigns)/audiences.csv"),
            currencyPath: currencies ?? Self.existing("\(campaigns)/\(CurrencyFile.fileName)")
        )
        // A bad file stops here as `file:line:column: what`.
        let loaded = try source.loadCampaigns()
        let audiences = try source.loadAudiences()
        let rates = try source.loadCurrencies()
        let pricer = Pricer(
            clickModel: try Self.model(at: model ?? Self.existing("\(campaigns)/ctr-model.json")),
            conversionModel: try conversionModel.map { try Self.model(at: $0) },
            currencies: rates,
            shader: BidShader(marketPrice: .logNormal(mu: log(marketMedianCpm), sigma: marketSigma))
        )
        if check {
            print(Self.checkReport(loaded, audiences: audiences, rates: rates, tcfVendorID: tcfVendorId))
            return
        }
        let bidder = CampaignBidder(campaigns: loaded, pricer: pricer, audiences: audiences)
        logger.info(
            "campaigns loaded",
            metadata: ["campaigns": "\(loaded.count)", "audience-users": "\(audiences.userCount)"]
        )
        let configuration = ServerConfiguration(
            host: host,
            port: port,
            noBidStyle: ServerConfiguration.NoBidStyle(rawValue: noBid) ?? .emptyResponse,
            ledgerPath: ledger,
            noticeBaseURL: noticeBase,
            eventLoopThreads: eventLoops,
            idleTimeout: .seconds(idleTimeout),
            tcfVendorID: tcfVendorId
        )
        try await runServer(
            configuration: configuration,
            responder: CampaignResponder(bidder: bidder),
            ledger: CampaignSpendLedger(bidder: bidder),
            logger: logger,
            services: [
                CampaignReloader(
                    source: source,
                    bidder: bidder,
                    pollInterval: .seconds(reloadInterval),
                    logger: logger
                ),
                BidderMaintenance(bidder: bidder, reservationTimeout: reservationTimeout),
            ]
        )
    }

    func validate() throws {
        guard ServerConfiguration.NoBidStyle(rawValue: noBid) != nil else {
            throw ValidationError("--no-bid must be emptyResponse or reasonCode")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard (1...65_535).contains(port) || port == 0 else { throw ValidationError("--port must be 0...65535") }
        guard marketMedianCpm > 0, marketSigma > 0 else {
            throw ValidationError("--market-median-cpm and --market-sigma must be positive")
        }
        guard eventLoops.map({ $0 > 0 }) ?? true else { throw ValidationError("--event-loops must be positive") }
        guard tcfVendorId.map({ (1...65_535).contains($0) }) ?? true else {
            throw ValidationError("--tcf-vendor-id must be 1...65535 (vendor ids are 16 bits in a TCF string)")
        }
        guard reservationTimeout > 0, reloadInterval > 0, idleTimeout > 0 else {
            throw ValidationError("--reservation-timeout, --reload-interval and --idle-timeout must be positive")
        }
    }

    /// What `--check` found: the files load, and what the bidder would serve from them.
    private static func checkReport(
        _ campaigns: [Campaign], audiences: AudienceBook, rates: CurrencyTable, tcfVendorID: Int?
    ) -> String {
        let budgetCurrencies = Set(campaigns.map(\.pricing.currency)).sorted().joined(separator: ", ")
        let creatives = campaigns.reduce(0) { $0 + $1.creatives.count }
        return """
            \(campaigns.count) campaigns (\(campaigns.map(\.id).joined(separator: ", "))), \(creatives) creatives, \
            priced in \(budgetCurrencies.isEmpty ? "no currency" : budgetCurrencies)
            \(audiences.userCount) users in the first-party audience file
            exchange rates: \(rates.currencies.joined(separator: ", ")) (base \(rates.base))
            GDPR: \(tcfVendorID.map { "personal data where TCF consent names vendor \($0)" }
                ?? "no personal data on any regs.gdpr = 1 request (no --tcf-vendor-id)")
            ok: the files load; nothing was served
            """
    }

    private static func existing(_ path: String) -> String? {
        FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The model at `path`, or a bias-only model predicting 0.25% when there is none.
    private static func model(at path: String?) throws -> LogisticModel {
        guard let path else { return LogisticModel(bias: log(0.0025 / 0.9975), hashBits: 1) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the model file \(path)")
        }
        do {
            return try LogisticModel(json: Array(data))
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }
}
