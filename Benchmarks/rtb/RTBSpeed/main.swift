// Speed of GavelRTB's hot paths on one core, in release:
//   swift run -c release RTBSpeed [decode|match|bid|serve|all] [corpus-directory]
// Decoding compares the byte-level decoder (complete and bidding scope) with Foundation's
// JSONDecoder on the same files in the same run. RTBSPEED_SCOPE=complete runs the bidder on
// complete decodes, as before `OpenRTBDecoder.Scope.bidding`. RTBSPEED_CAMPAIGNS=Rules/rtb runs the
// bidder on the campaigns (with their budgets and click model) of that directory, as `gavel serve`
// does in the throughput benchmark, instead of 10,000 synthetic ones. `serve` is the bid route's whole
// answer (GavelServer's `BidEndpoint`: decode, `CampaignBidder` with audiences, caps and pacing,
// notice URLs, encoding, metrics) on the campaigns of RTBSPEED_CAMPAIGNS (default Rules/rtb), in
// process, so callgrind can count it (valgrind cannot run the server itself).
import Foundation
import GavelAuction
import GavelCore
import GavelRTB
import GavelServer
import NIOCore
import Synchronization

let section = CommandLine.arguments.dropFirst().first ?? "all"
let campaignCount = 10_000
let auctionTime: Int64 = 1_795_608_000
let directory = CommandLine.arguments.dropFirst(2).first ?? "/work/shared/corpus/openrtb"
let files = try FileManager.default.contentsOfDirectory(atPath: directory)
    .filter { $0.hasSuffix(".json") && !$0.contains("ortb30") }
    .sorted()
let documents = files.map { [UInt8](FileManager.default.contents(atPath: directory + "/" + $0)!) }

/// RTBSPEED_TCF_VENDOR_ID=N: the bidder's TCF vendor id (`gavel serve --tcf-vendor-id`), so that
/// GDPR requests have their consent strings decoded (without one they are denied before decoding).
let tcfVendorID = ProcessInfo.processInfo.environment["RTBSPEED_TCF_VENDOR_ID"].flatMap { Int($0) }

/// RTBSPEED_PASSES=N: every measurement runs exactly N × 64 calls instead of for a time, so that two
/// runs with different N under `perf stat -e probe_libc:malloc` give allocations per call.
let fixedPasses = ProcessInfo.processInfo.environment["RTBSPEED_PASSES"].flatMap { Int($0) }

/// Runs `body` for at least `seconds` (or `fixedPasses` × 64 times), returns calls per second.
func rate(seconds: Double = 0.5, _ body: () -> Void) -> Double {
    var calls = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        for _ in 0..<64 { body() }
        calls += 64
        elapsed = clock.now - start
    } while fixedPasses.map { calls < $0 * 64 } ?? (elapsed < .seconds(seconds))
    return Double(calls) / (Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
}

var sink = 0
if section == "decode" || section == "all" {
    let decoder = JSONDecoder()
    print("file                                   bytes   stream req/s  bidding req/s   JSONDecoder req/s   speed-up")
    var streamTotal = 0.0
    var biddingTotal = 0.0
    var foundationTotal = 0.0
    for (name, bytes) in zip(files, documents) {
        let data = Data(bytes)
        let stream = rate { sink &+= (try! OpenRTBDecoder.decodeBidRequest(bytes)).imp.count }
        let bidding = rate { sink &+= (try! OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)).imp.count }
        let foundation = rate { sink &+= (try! decoder.decode(OpenRTB.BidRequest.self, from: data)).imp.count }
        streamTotal += 1 / stream
        biddingTotal += 1 / bidding
        foundationTotal += 1 / foundation
        let padded = name.padding(toLength: 36, withPad: " ", startingAt: 0)
        print(
            padded,
            String(
                format: "%7d %14.0f %14.0f %19.0f %9.1fx",
                bytes.count,
                stream,
                bidding,
                foundation,
                stream / foundation
            )
        )
    }
    let count = Double(files.count)
    print(
        String(
            format: "corpus mean (harmonic)                %14.0f %14.0f %19.0f %9.1fx",
            count / streamTotal,
            count / biddingTotal,
            count / foundationTotal,
            foundationTotal / streamTotal
        )
    )
}

// Campaign matching: 10,000 synthetic campaigns, every corpus request, one core.
if section == "match" || section == "all" {
    let index = CampaignIndex(campaigns: SyntheticCampaigns.generate(count: campaignCount, seed: 2026))
    let requests = documents.map { try! OpenRTBDecoder.decodeBidRequest($0) }
    var matchCount = 0
    for request in requests { matchCount += index.matches(for: request, at: auctionTime).count }
    let matchRate = rate(seconds: 1) {
        for request in requests { sink &+= index.matches(for: request, at: auctionTime).count }
    }
    print(
        String(
            format: "\nmatching %d campaigns: %.0f ns/request (%.0f requests/s), %.1f matches/request on average",
            campaignCount,
            1e9 / (matchRate * Double(requests.count)),
            matchRate * Double(requests.count),
            Double(matchCount) / Double(requests.count)
        )
    )
    // The fixed cost of the bitset stage: the same campaigns with audio-only creatives, which no
    // imp of the corpus offers, so every dimension is intersected but no candidate survives.
    let audioOnly = SyntheticCampaigns.generate(count: campaignCount, seed: 2026).map { campaign -> Campaign in
        var copy = campaign
        copy.creatives = copy.creatives.map { creative in
            var audio = creative
            audio.mediaType = .audio
            return audio
        }
        return copy
    }
    let audioIndex = CampaignIndex(campaigns: audioOnly)
    let bannerRequests = requests.filter { $0.imp.allSatisfy { $0.audio == nil } }
    let fixedRate = rate(seconds: 1) {
        for request in bannerRequests { sink &+= audioIndex.matches(for: request, at: auctionTime).count }
    }
    print(
        String(
            format: "bitset stage alone (no survivor): %.0f ns/request",
            1e9 / (fixedRate * Double(bannerRequests.count))
        )
    )
}

// The whole brain: bytes → validation → matching → pricing → budget reservation → response.
if section == "bid" || section == "all" {
    let demo = ProcessInfo.processInfo.environment["RTBSPEED_CAMPAIGNS"]
    let campaigns =
        try demo.map { try CampaignSource(directory: $0).loadCampaigns() }
        ?? SyntheticCampaigns.generate(count: campaignCount, seed: 2026)
    let ledger = BudgetLedger(
        budgets: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, demo == nil ? Budget() : $0.budget) })
    )
    let scope: OpenRTBDecoder.Scope =
        ProcessInfo.processInfo.environment["RTBSPEED_SCOPE"] == "complete" ? .complete : .bidding
    let clickModel = try demo.map {
        try LogisticModel(json: [UInt8](FileManager.default.contents(atPath: $0 + "/ctr-model.json")!))
    }
    let bidder = Bidder(
        validator: BidRequestValidator(scope: scope),
        index: CampaignIndex(campaigns: campaigns),
        pricer: Pricer(clickModel: clickModel ?? LogisticModel(bias: -6, hashBits: 16)),
        ledger: ledger,
        privacy: PrivacyPolicy(tcfVendorID: tcfVendorID)
    )
    let day = CalendarDay(year: 2026, month: 11, day: 25)!
    var bids = 0
    let bidRate = rate(seconds: 1) {
        for bytes in documents {
            let decision = bytes.withUnsafeBytes { bidder.respond(to: $0, at: auctionTime, on: day) }
            bids += decision.reservations.count
            for reservation in decision.reservations { ledger.release(reservation) }
        }
    }
    let perRequest = 1e9 / (bidRate * Double(documents.count))
    print(
        String(
            format:
                "bidder, %d \(demo == nil ? "synthetic" : "demo") campaigns, \(scope == .complete ? "complete" : "bidding") decode, whole corpus: "
                + "%.0f ns/request (%.0f requests/s)",
            campaigns.count,
            perRequest,
            1e9 / perRequest
        )
    )
    sink &+= bids
}
// The bid route's answer as `gavel serve --campaigns Rules/rtb` gives it, minus the HTTP stack.
if section == "serve" || section == "all" {
    let directory = ProcessInfo.processInfo.environment["RTBSPEED_CAMPAIGNS"] ?? "Rules/rtb"
    let source = CampaignSource(directory: directory, audiencePath: directory + "/audiences.csv")
    let pricer = Pricer(
        clickModel: try LogisticModel(
            json: [UInt8](FileManager.default.contents(atPath: directory + "/ctr-model.json")!)
        ),
        shader: BidShader(marketPrice: .logNormal(mu: log(1.0), sigma: 0.6))
    )
    // No notice ever arrives, so the clock moves one second per pass over the corpus and
    // reservations are released after one, as `run.sh` serves with `--reservation-timeout 1`:
    // budgets never fill and every pass bids alike.
    let clock = Atomic<Int64>(auctionTime)
    let bidder = CampaignBidder(
        campaigns: try source.loadCampaigns(),
        pricer: pricer,
        audiences: try source.loadAudiences(),
        wallClock: { clock.load(ordering: .relaxed) }
    )
    let endpoint = BidEndpoint(
        configuration: ServerConfiguration(tcfVendorID: tcfVendorID),
        responder: CampaignResponder(bidder: bidder),
        signer: NoticeSigner(key: Array(repeating: 7, count: 32)),
        metrics: BidderMetrics(),
        wallClock: { clock.load(ordering: .relaxed) }
    )
    // RTBSPEED_SERVE=decode: only the endpoint's decode and validation, the part before the bidder.
    let decodeOnly = ProcessInfo.processInfo.environment["RTBSPEED_SERVE"] == "decode"
    let validator = BidRequestValidator(scope: CampaignResponder(bidder: bidder).requestScope)
    var bodyBytes = 0
    var statuses: [Int: Int] = [:]
    let answerRate = rate(seconds: 1) {
        if decodeOnly {
            for bytes in documents {
                let valid = (try? bytes.withUnsafeBytes { try validator.read($0).get() }) != nil
                statuses[valid ? 0 : 400, default: 0] += 1
            }
            return
        }
        for bytes in documents {
            let reply = bytes.withUnsafeBytes {
                endpoint.answer($0, contentEncoding: nil, noticeBase: "http://127.0.0.1:18080", arrival: .now)
            }
            bodyBytes &+= reply.body.readableBytes
            statuses[reply.status, default: 0] += 1
        }
        clock.add(1, ordering: .relaxed)
        bidder.housekeeping(reservationTimeout: 1)
    }
    print(
        String(
            format:
                "bid route \(decodeOnly ? "decode only" : "answer"), %d campaigns of %@, whole corpus: %.0f ns/request (%.0f requests/s), statuses %@",
            bidder.campaigns.count,
            directory,
            1e9 / (answerRate * Double(documents.count)),
            answerRate * Double(documents.count),
            statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
        )
    )
    sink &+= bodyBytes
}
if sink == 42 { print("") }
