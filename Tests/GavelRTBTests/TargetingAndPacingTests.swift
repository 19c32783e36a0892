import GavelAuction
import GavelCore
import GavelRTB
import Testing

/// The checks outside the bitset index (region, fixed-zone day-parting, segments, audiences,
/// frequency caps), first-price shading, pacing and the frequency counter.
@Suite struct TargetingAndPacingTests {
    /// Wednesday 2026-11-25 12:00 UTC = 07:00 in New York (EST, UTC−5).
    private let noonWednesday: Int64 = 1_795_608_000
    private let day = CalendarDay(year: 2026, month: 11, day: 25)!

    private func campaign(_ id: String, cpm: Int64 = 4_000_000, _ edit: (inout Targeting) -> Void = { _ in }) -> Campaign {
        var targeting = Targeting()
        edit(&targeting)
        return Campaign(
            id: id,
            targeting: targeting,
            creatives: [Creative(id: "\(id)-c", size: AdSize(w: 300, h: 250), markup: "<a>\(id)</a>")],
            pricing: PricingRule(strategy: .fixedCPM(Micros(cpm)), maxBid: Micros(cpm))
        )
    }

    private func request(at auction: Int = 2, floor: String = "0", extra: String = "") throws -> OpenRTB.BidRequest {
        let json = """
            {"id":"r1","at":\(auction),"imp":[{"id":"1","bidfloor":\(floor),"banner":{"w":300,"h":250}}],
             "site":{"domain":"news.example"},
             "device":{"geo":{"country":"USA","region":"NY"}},
             "user":{"id":"u1","data":[{"id":"data1","segment":[{"id":"seg1"}]}]}\(extra)}
            """
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { try BidRequestValidator().read($0).get() }
    }

    private func bidder(_ campaigns: [Campaign], shader: BidShader? = nil) -> Bidder {
        Bidder(
            index: CampaignIndex(campaigns: campaigns),
            pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1), shader: shader),
            ledger: BudgetLedger(budgets: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, Budget()) }))
        )
    }

    private func winners(_ bidder: Bidder, _ request: OpenRTB.BidRequest, _ context: BidContext = .none) -> [String] {
        bidder.respond(to: request, at: noonWednesday, on: day, context: context).response.seatBid
            .flatMap(\.bid).compactMap(\.cid)
    }

    @Test func regionsSegmentsAndAudiences() throws {
        let request = try request()
        let inRegion = bidder([campaign("ny") { $0.regions = ["NY"] }])
        #expect(winners(inRegion, request) == ["ny"])
        #expect(winners(bidder([campaign("ca") { $0.regions = ["CA"] }]), request).isEmpty)
        #expect(winners(bidder([campaign("seg") { $0.segments = AudienceRule(anyOf: ["data1/seg1"]) }]), request) == ["seg"])
        #expect(winners(bidder([campaign("bare") { $0.segments = AudienceRule(anyOf: ["seg1"]) }]), request) == ["bare"])
        #expect(winners(bidder([campaign("other") { $0.segments = AudienceRule(anyOf: ["data2/seg1"]) }]), request).isEmpty)
        let suppress = bidder([campaign("prospect") { $0.audiences = AudienceRule(noneOf: ["buyers"]) }])
        #expect(winners(suppress, request).count == 1)
        #expect(winners(suppress, request, BidContext(audiences: ["buyers"])).isEmpty)
        let retarget = bidder([campaign("retarget") { $0.audiences = AudienceRule(anyOf: ["cart"]) }])
        #expect(winners(retarget, request).isEmpty)
        #expect(winners(retarget, request, BidContext(audiences: ["cart"])) == ["retarget"])
    }

    @Test func fixedZoneDayPartingAndFrequencyCaps() throws {
        let request = try request()
        // Wednesday is day 2; 07:00 New York time is hour 2 × 24 + 7 = 55 of the week, 12:00 UTC is 60.
        let newYork = bidder([campaign("ny-7") { $0.schedule = DayParting(hoursOfWeek: [55], timeZone: "America/New_York") }])
        #expect(winners(newYork, request) == ["ny-7"])
        let utc = bidder([campaign("utc-7") { $0.schedule = DayParting(hoursOfWeek: [55], timeZone: "UTC") }])
        #expect(winners(utc, request).isEmpty)
        let both = bidder([campaign("a"), campaign("b", cpm: 3_000_000)])
        #expect(winners(both, request) == ["a"])
        #expect(winners(both, request, BidContext(cappedCampaigns: ["a"])) == ["b"])
    }

    @Test func firstPriceShadesWithTheSimulatorsShaderAndSecondPriceBidsValue() throws {
        // Against a uniform [0, 10] highest competing CPM, (v − b)·b/10 peaks at b = v/2.
        let shaded = bidder([campaign("c")], shader: BidShader(marketPrice: .uniform(lower: 0, upper: 10)))
        func price(_ request: OpenRTB.BidRequest, pacing: Double = 1) -> Micros? {
            shaded.respond(to: request, at: noonWednesday, on: day, context: BidContext(pacing: ["c": pacing]))
                .response.seatBid.first?.bid.first?.price.micros
        }
        let firstPrice = try #require(price(try request(at: 1)))
        #expect(abs(firstPrice.rawValue - 2_000_000) <= 1)
        #expect(price(try request(at: 2)) == Micros(4_000_000))
        // Pacing scales the value before shading: 4.00 × 0.5 = 2.00 at second price, 1.00 shaded.
        #expect(price(try request(at: 2), pacing: 0.5) == Micros(2_000_000))
        #expect(abs((price(try request(at: 1), pacing: 0.5)?.rawValue ?? 0) - 1_000_000) <= 1)
        // A shaded bid under the floor is raised to it when the value clears the floor…
        #expect(price(try request(at: 1, floor: "3")) == Micros(3_000_000))
        // …and no bid when the value does not.
        #expect(price(try request(at: 1, floor: "4.5")) == nil)
    }

    @Test func pacerSlowsOverspendingAndRecovers() {
        let ledger = BudgetLedger(budgets: ["c": Budget(daily: Micros(86_400_000))])  // $86.40 = $0.001 per second
        let pacer = BudgetPacer(step: 0.2)
        let start = Int64(day.rawValue) * 86_400
        pacer.update(dailyBudgets: ["c": Micros(86_400_000)], ledger: ledger, at: start)
        #expect(pacer.multipliers["c"] == 1)
        // $0.10 in 10 s is ten times the even share (capped at 10): μ = 0 − 0.2 × (1 − 10) = 1.8.
        ledger.recordSpend(Micros(100_000), for: "c", on: day)
        pacer.update(dailyBudgets: ["c": Micros(86_400_000)], ledger: ledger, at: start + 10)
        #expect(abs((pacer.multipliers["c"] ?? 0) - 1 / 2.8) < 1e-9)
        // Nothing spent in the next 10 s: μ = 1.8 − 0.2 = 1.6.
        pacer.update(dailyBudgets: ["c": Micros(86_400_000)], ledger: ledger, at: start + 20)
        #expect(abs((pacer.multipliers["c"] ?? 0) - 1 / 2.6) < 1e-9)
        // Campaigns without a daily budget are not paced.
        pacer.update(dailyBudgets: [:], ledger: ledger, at: start + 30)
        #expect(pacer.multipliers["c"] == nil)
    }

    @Test func frequencyCapCountsWinsInTheWindow() {
        let capper = FrequencyCapper()
        let caps = ["c": FrequencyCap(impressions: 2, seconds: 3600)]
        capper.record(user: "u", campaign: "c", at: 0)
        #expect(capper.cappedCampaigns(for: "u", caps: caps, at: 10).isEmpty)
        capper.record(user: "u", campaign: "c", at: 1000)
        #expect(capper.cappedCampaigns(for: "u", caps: caps, at: 3500) == ["c"])
        #expect(capper.cappedCampaigns(for: "v", caps: caps, at: 3500).isEmpty)
        #expect(capper.cappedCampaigns(for: "u", caps: caps, at: 3700).isEmpty)  // the first win left the hour
        #expect(capper.forget(before: 500) == 1)
        #expect(capper.forget(before: 1000) == 0)
    }
}
