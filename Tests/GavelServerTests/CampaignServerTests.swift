import Foundation
import GavelAuction
import GavelCore
import GavelRTB
import Logging
import Testing

@testable import GavelServer

/// The real engine behind the real server over loopback: the demo campaigns in Rules/rtb, every
/// corpus request, invalid requests, win notices into the budget ledger, restarts and reloads.
@Suite struct CampaignServerTests {
    /// Wednesday 2026-11-25 12:00 UTC: 07:00 in New York, inside the video campaign's day-parting.
    static let noonWednesday: Int64 = 1_795_608_000
    static let day = CalendarDay(year: 2026, month: 11, day: 25)!
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    static func demoBidder(currencies: CurrencyTable = CurrencyTable()) throws -> CampaignBidder {
        let source = CampaignSource(
            directory: repository.appendingPathComponent("Rules/rtb").path,
            audiencePath: repository.appendingPathComponent("Rules/rtb/audiences.csv").path
        )
        let model = try LogisticModel(
            json: Array(try Data(contentsOf: repository.appendingPathComponent("Rules/rtb/ctr-model.json")))
        )
        return CampaignBidder(
            campaigns: try source.loadCampaigns(),
            pricer: Pricer(
                clickModel: model,
                currencies: currencies,
                shader: BidShader(marketPrice: .logNormal(mu: 0.4, sigma: 0.6))
            ),
            audiences: try source.loadAudiences(),
            wallClock: { noonWednesday }
        )
    }

    private func withDemoServer<T>(
        configuration: ServerConfiguration = testConfiguration(),
        bidder: CampaignBidder? = nil,
        _ body: (HTTPClient, CampaignBidder) async throws -> T
    ) async throws -> T {
        let bidder = try bidder ?? Self.demoBidder()
        return try await withTestServer(
            configuration: configuration,
            responder: CampaignResponder(bidder: bidder),
            ledger: CampaignSpendLedger(bidder: bidder),
            wallClock: { Self.noonWednesday }
        ) { client in try await body(client, bidder) }
    }

    /// The shared corpus when present, else the copy in Fixtures.
    static func corpus() throws -> [(name: String, body: [UInt8])] {
        let shared = URL(fileURLWithPath: "/work/shared/corpus/openrtb")
        let directory =
            FileManager.default.fileExists(atPath: shared.path)
            ? shared : try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
            .sorted().map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    /// Expected campaign per corpus request (nil = no bid), worked out from the demo files.
    static let expected: [String: String?] = [
        "iab26-simple-banner.json": "retargeting-cart",  // user in cart-abandoners, first price
        "iab26-expandable-creative.json": "retargeting-cart",
        "mxmcherry-ortb25-native-ad.json": "retargeting-cart",
        "iab26-mobile-app.json": "brand-awareness",  // 728x90 in an app, second price: bids its CPM
        "iab26-pmp-direct-deal.json": "agency1-pmp",  // private auction through Agency1's deal
        "bsm-video-2x.json": "video-leads",
        "iab26-video.json": nil,  // the user is a customer: suppressed
        "google-full-kitchen-sink.json": nil,  // wseat admits only seat1
    ]

    @Test func everyCorpusRequestGetsACorrectAnswer() async throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 12)
        try await withDemoServer { client, bidder in
            let campaigns = Set(bidder.campaigns.map(\.id))
            for (name, body) in corpus {
                let response = try await client.post(
                    "/openrtb2/bid",
                    body: body,
                    headers: ["content-type": "application/json", "x-openrtb-version": "2.6"]
                )
                if name.contains("ortb30") {
                    #expect(response.status == 400, "\(name)")
                    continue
                }
                #expect([200, 204].contains(response.status), "\(name): \(response.status) \(response.text)")
                let request = try body.withUnsafeBytes { try BidRequestValidator().read($0).get() }
                var winners: [String] = []
                if response.status == 200 {
                    let answer = try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) }
                    #expect(answer.id == request.id)
                    for bid in answer.seatBid.flatMap(\.bid) {
                        let imp = try #require(request.imp.first { $0.id == bid.impID }, "\(name)")
                        let floor = bid.dealID == nil ? imp.bidFloor?.micros ?? .zero : .zero
                        #expect(bid.price.micros >= floor, "\(name)")
                        #expect(bid.price.micros > .zero)
                        #expect(bid.adm?.isEmpty == false)
                        #expect(bid.nurl?.contains("/win?bid=\(bid.id)&") == true)
                        #expect(campaigns.contains(bid.cid ?? ""))
                        winners.append(bid.cid ?? "")
                    }
                }
                if let campaign = Self.expected[name] {
                    #expect(winners == (campaign.map { [$0] } ?? []), "\(name)")
                }
            }
        }
    }

    /// Requests as exchanges and ad servers send them (Fixtures/exchanges, sources in its SOURCES.md): Prebid
    /// Server's adapters and endpoints, Smaato, Index Exchange, PubMatic, Ströer, google/openrtb. Each gets a bid or
    /// a no-bid — never a 400 — and the bids they get are checked as the corpus's are. The winners follow from the
    /// demo campaigns: banners of 300×250 anywhere (`brand-awareness`), video in the New York morning
    /// (`video-leads`); the Ströer request accepts only euros, which the shipped rates convert the $2.50 to.
    static let exchangeWinners: [String: String] = [
        "015-pbs-device-sua-bad-lon.json": "brand-awareness",
        "025-smaato-soma-video-midroll.json": "video-leads",
        "026-smaato-soma-video-rewarded.json": "video-leads",
        "035-ix-multiformat-banner-video.json": "brand-awareness",
        "058-pbs-gpp-empty-gppsid-slash-impid.json": "brand-awareness",
        "073-stroeer-app-cur-eur-only.json": "brand-awareness",
    ]

    @Test func requestsFromExchangesGetABidOrANoBid() async throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures/exchanges", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 25)
        let rates = try CampaignSource(
            directory: Self.repository.appendingPathComponent("Rules/rtb").path,
            currencyPath: Self.repository.appendingPathComponent("Rules/rtb/currencies.yaml").path
        ).loadCurrencies()
        try await withDemoServer(bidder: try Self.demoBidder(currencies: rates)) { client, _ in
            for name in names.sorted() {
                let body = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
                let response = try await client.post("/openrtb2/bid", body: body)
                #expect([200, 204].contains(response.status), "\(name): \(response.status) \(response.text)")
                var winners: [String] = []
                if response.status == 200 {
                    let request = try OpenRTBDecoder.decodeBidRequest(body)
                    let answer = try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) }
                    #expect(answer.id == request.id, "\(name)")
                    #expect(request.cur.map { $0.contains(answer.cur ?? "USD") } ?? true, "\(name)")
                    for bid in answer.seatBid.flatMap(\.bid) {
                        let imp = try #require(request.imp.first { $0.id == bid.impID }, "\(name)")
                        if (imp.bidFloorCur ?? "USD") == (answer.cur ?? "USD"), bid.dealID == nil {
                            #expect(bid.price >= imp.bidFloor ?? .zero, "\(name)")
                        }
                        winners.append(bid.cid ?? "")
                    }
                }
                #expect(winners == Self.exchangeWinners[name].map { [$0] } ?? [], "\(name)")
            }
        }
    }

    static let invalidBodies: [(String, String)] = [
        ("bad JSON", #"{"id": "r", "imp": [ "#),
        ("null", "null"),
        ("empty", ""),
        ("array", "[]"),
        ("missing id", #"{"imp":[{"id":"1","banner":{"w":300,"h":250}}]}"#),
        ("missing imp", #"{"id":"r"}"#),
        ("empty imp", #"{"id":"r","imp":[]}"#),
        ("duplicate imp ids", #"{"id":"r","imp":[{"id":"1","banner":{}},{"id":"1","banner":{}}]}"#),
        ("negative tmax", #"{"id":"r","tmax":-5,"imp":[{"id":"1","banner":{}}]}"#),
        ("site and app", #"{"id":"r","imp":[{"id":"1","banner":{}}],"site":{"id":"s"},"app":{"id":"a"}}"#),
        ("OpenRTB 3.0", #"{"openrtb":{"ver":"3.0","request":{"id":"r","item":[{"id":"1"}]}}}"#),
        // Used to stop the process: a CPM beyond what micros hold.
        ("floor beyond micros", #"{"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":1e308}]}"#),
    ]

    @Test func invalidRequestsGet400NeverA5xx() async throws {
        try await withDemoServer { client, _ in
            for (label, body) in Self.invalidBodies {
                let response = try await client.post("/openrtb2/bid", body: Array(body.utf8))
                #expect(response.status == 400, "\(label): \(response.status) \(response.text)")
                #expect(response.text.hasPrefix("invalid bid request: "), "\(label)")
            }
        }
    }

    @Test func invalidRequestsCanBeNoBidsWithNbr2() async throws {
        var configuration = testConfiguration()
        configuration.malformedRequestStyle = .noBid
        configuration.noBidStyle = .reasonCode
        try await withDemoServer(configuration: configuration) { client, _ in
            for (label, body) in Self.invalidBodies {
                let response = try await client.post("/openrtb2/bid", body: Array(body.utf8))
                #expect(response.status == 200, "\(label)")
                #expect(response.text.contains(#""nbr":2"#), "\(label): \(response.text)")
            }
        }
    }

    @Test func winNoticeBecomesSpendAndSurvivesARestart() async throws {
        let ledgerPath = temporaryLedgerPath()
        try await withDemoServer(configuration: testConfiguration(ledgerPath: ledgerPath)) { client, bidder in
            let response = try await client.post("/openrtb2/bid", body: try fixture("iab26-mobile-app"))
            let answer = try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) }
            let bid = try #require(answer.seatBid.first?.bid.first)
            #expect(bid.cid == "brand-awareness")
            #expect(bidder.ledger.status(of: "brand-awareness", on: Self.day)?.reservedToday == Micros(2_500))
            // The exchange substitutes the macros: a $1.50 clearing CPM costs $0.0015 = 1,500 micros.
            #expect(try await client.get(Self.winNotice(of: bid, clearingPrice: "1.50")).status == 200)
            let status = try #require(bidder.ledger.status(of: "brand-awareness", on: Self.day))
            #expect(status.spentToday == Micros(1_500))
            #expect(status.reservedToday == .zero)
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains(#"gavel_campaign_spend{campaign="brand-awareness"} 0.0015"#))
        }
        // A new process restores the persisted spend before serving.
        try await withDemoServer(configuration: testConfiguration(ledgerPath: ledgerPath)) { _, bidder in
            #expect(bidder.ledger.status(of: "brand-awareness", on: Self.day)?.spentToday == Micros(1_500))
        }
    }

    /// A euro-only exchange still hears from the dollar campaigns: the bid is in euros, while the
    /// budget reserves dollars and the win charges dollars at the rate of the bid, which the notice
    /// URL signs. At €0.80 to the dollar, the $2.50 CPM bids €2.00, and a €1.20 win costs $1.50.
    @Test func aBidInTheExchangesCurrencyIsChargedInTheCampaignsOwn() async throws {
        let bidder = try Self.demoBidder(currencies: CurrencyTable(base: "USD", perBase: ["EUR": 0.8]))
        try await withDemoServer(bidder: bidder) { client, bidder in
            let body = Array(#"{"cur":["EUR"],"#.utf8) + (try fixture("iab26-mobile-app")).dropFirst()
            let response = try await client.post("/openrtb2/bid", body: body)
            let answer = try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) }
            let bid = try #require(answer.seatBid.first?.bid.first)
            #expect(answer.cur == "EUR" && bid.cid == "brand-awareness")
            #expect(bid.price == OpenRTB.CPM(micros: Micros(2_000_000)))
            #expect(bidder.ledger.status(of: "brand-awareness", on: Self.day)?.reservedToday == Micros(2_500))
            let win = try Self.winNotice(of: bid, clearingPrice: "1.20")
            #expect(win.contains("&max=2000000&cmax=2500000&"))
            // The rate is the ticket's: an exchange cannot change what it is charged at.
            let forged = win.replacingOccurrences(of: "cmax=2500000", with: "cmax=1250000")
            #expect(try await client.get(forged).status == 403)
            #expect(try await client.get(win).status == 200)
            let status = try #require(bidder.ledger.status(of: "brand-awareness", on: Self.day))
            #expect(status.spentToday == Micros(1_500) && status.reservedToday == .zero)
        }
    }

    /// The path and query of `bid`'s win notice as an exchange calls it: `${AUCTION_PRICE}` set to
    /// `clearingPrice`, the other macros to placeholders.
    static func winNotice(of bid: OpenRTB.Bid, clearingPrice: String) throws -> String {
        let nurl = try #require(bid.nurl)
        var target = String(nurl[try #require(nurl.range(of: "/win?")).lowerBound...])
        target = target.replacingOccurrences(of: "${AUCTION_PRICE}", with: clearingPrice)
        while let macro = target.range(of: #"\$\{[A-Z_]+\}"#, options: .regularExpression) {
            target.replaceSubrange(macro, with: "x")
        }
        return target
    }

    /// A fresh, empty directory for a test's campaign files; the test removes it.
    static func campaignDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-rtb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// `currencies.yaml` sits among the campaign files without being one, its rates reach the
    /// pricer on every reload, and a bad one keeps the rates in use.
    @Test func exchangeRatesAreReloadedWithTheCampaigns() throws {
        let directory = try Self.campaignDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let campaign = "id: one\ngoal: {fixed_cpm: 2}\ncurrency: USD\ncreatives: [{id: c, markup: x, size: 300x250}]\n"
        try campaign.write(to: directory.appendingPathComponent("one.yaml"), atomically: true, encoding: .utf8)
        let rates = directory.appendingPathComponent(CurrencyFile.fileName)
        let source = CampaignSource(directory: directory.path, currencyPath: rates.path)
        let bidder = CampaignBidder(
            campaigns: [], pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1)),
            wallClock: { Self.noonWednesday })
        let reloader = CampaignReloader(source: source, bidder: bidder, logger: Logger(label: "test"))
        /// The $2.00 campaign's bid on a request whose floor is in euros, `nil` for no bid.
        func bid(floorInEuros floor: String) throws -> Micros? {
            let body = Array(
                (#"{"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":"# + floor
                    + #","bidfloorcur":"EUR"}],"site":{"domain":"example.com"},"at":2,"cur":["USD"]}"#).utf8)
            let request = try body.withUnsafeBytes { BidRequestValidator().read($0) }.get()
            return bidder.decide(request, personalData: .permitted).response.seatBid.first?.bid.first?.price.micros
        }

        // The file is missing: the load fails, and a euro floor cannot be compared.
        #expect(!reloader.reload())
        try "base: USD\nrates:\n  EUR: 0.9\n".write(to: rates, atomically: true, encoding: .utf8)
        #expect(reloader.reload())
        #expect(bidder.campaigns.map(\.id) == ["one"])
        // €1.00 is $1.11 at 0.9: the $2.00 bid clears it. €1.90 is $2.11: it does not.
        #expect(try bid(floorInEuros: "1.00") == Micros(2_000_000))
        #expect(try bid(floorInEuros: "1.90") == nil)

        try "base: USD\nrates:\n  EUR: 1.0\n".write(to: rates, atomically: true, encoding: .utf8)
        #expect(reloader.reload())
        #expect(try bid(floorInEuros: "1.90") == Micros(2_000_000))

        try "base: USD\nrates:\n  EURO: 0.5\n".write(to: rates, atomically: true, encoding: .utf8)
        #expect(!reloader.reload())
        #expect(try bid(floorInEuros: "1.90") == Micros(2_000_000))
    }

    @Test func badFileKeepsTheRunningCampaigns() throws {
        let directory = try Self.campaignDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = "id: one\ngoal: {fixed_cpm: 1}\ncreatives: [{id: c, markup: x}]\n"
        try good.write(to: directory.appendingPathComponent("one.yaml"), atomically: true, encoding: .utf8)
        let source = CampaignSource(directory: directory.path)
        let bidder = CampaignBidder(campaigns: [], pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1)))
        let reloader = CampaignReloader(source: source, bidder: bidder, logger: Logger(label: "test"))
        let before = source.fingerprint()
        #expect(reloader.reload())
        #expect(bidder.campaigns.map(\.id) == ["one"])

        let bad = "id: two\ngoal: {fixed_cpm: 1}\ncreatives:\n  - {id: c, markup: x, sise: 300x250}\n"
        try bad.write(to: directory.appendingPathComponent("two.yaml"), atomically: true, encoding: .utf8)
        #expect(source.fingerprint() != before)
        #expect(!reloader.reload())
        #expect(bidder.campaigns.map(\.id) == ["one"])
        #expect {
            _ = try source.loadCampaigns()
        } throws: { error in
            "\(error)".hasPrefix("\(directory.appendingPathComponent("two.yaml").path):4:24: unknown key 'sise'")
        }
    }
}
