import GavelCore
import GavelRTB
import Testing

@testable import GavelServer

/// The privacy signals end to end: `--tcf-vendor-id` in the configuration, the request over
/// HTTP, the campaign bidder's audience lookup, the `nbr` on the wire and the counters on `/metrics`.
@Suite struct PrivacyServerTests {
    /// LiveRamp/iabconsent's second v2 fixture: purposes 1, 3, 4 and 7, vendors 2, 37 and 61 consented.
    private static let consentFor37 = "COvzTO5OvzTO5BRAAAENAPCoALIAADgAAAAAAewAwABAAlAB6ABBFADBQAQA9hAAAcAA"

    private static func body(regs: String = "", consent: String? = nil) -> [UInt8] {
        let consentMember = consent.map { #","consent":"\#($0)""# } ?? ""
        let regsMember = regs.isEmpty ? "" : #","regs":"# + regs
        return Array(
            (#"{"id":"r1","at":2,"tmax":500,"imp":[{"id":"1","banner":{"w":300,"h":250}}],"#
                + #""site":{"domain":"news.example"},"user":{"id":"u1""# + consentMember + "}" + regsMember + "}").utf8
        )
    }

    /// A retargeting campaign for the cart audience, which user `u1` belongs to.
    private static func bidder() -> CampaignBidder {
        var targeting = Targeting()
        targeting.audiences = AudienceRule(anyOf: ["cart"])
        let campaign = Campaign(
            id: "retarget",
            targeting: targeting,
            creatives: [Creative(id: "c", size: AdSize(w: 300, h: 250), markup: "<a>ad</a>")],
            pricing: PricingRule(strategy: .fixedCPM(Micros(2_000_000)), maxBid: Micros(2_000_000))
        )
        return CampaignBidder(
            campaigns: [campaign],
            pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1)),
            audiences: AudienceBook(["u1": ["cart"]])
        )
    }

    /// A win under COPPA is not counted towards the user's frequency cap, and the cap is not
    /// consulted: nothing is recorded or looked up by user id for a child-directed request.
    @Test func frequencyCapsIgnoreAnonymousRequests() throws {
        let now: Int64 = 1_795_608_000
        let cap = FrequencyCap(impressions: 1, seconds: 86_400)
        let bidder = CampaignBidder(
            campaigns: [
                Campaign(
                    id: "capped",
                    creatives: [Creative(id: "c", size: AdSize(w: 300, h: 250), markup: "<a>ad</a>")],
                    pricing: PricingRule(strategy: .fixedCPM(Micros(2_000_000)), maxBid: Micros(2_000_000)),
                    frequencyCap: cap
                )
            ],
            pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1)),
            wallClock: { now }
        )
        func decide(_ body: [UInt8]) throws -> OpenRTB.Bid? {
            let request = try body.withUnsafeBytes { try BidRequestValidator().read($0).get() }
            let decision = bidder.decide(request, personalData: PrivacyPolicy().permission(for: request))
            return decision.response.seatBid.first?.bid.first
        }
        func win(_ bid: OpenRTB.Bid?) throws {
            let bid = try #require(bid)
            bidder.commit(bidID: bid.id, campaign: "capped", cost: Micros(2_000), on: CampaignBidder.day(now))
        }
        let child = Self.body(regs: #"{"coppa":1}"#)
        try win(try decide(child))
        #expect(bidder.frequency.cappedCampaigns(for: "u1", caps: ["capped": cap], at: now).isEmpty)
        try win(try decide(Self.body()))
        #expect(bidder.frequency.cappedCampaigns(for: "u1", caps: ["capped": cap], at: now) == ["capped"])
        #expect(try decide(Self.body()) == nil)
        #expect(try decide(child)?.cid == "capped")
    }

    @Test func signalsDecideTheBidAndAreCounted() async throws {
        var configuration = testConfiguration()
        configuration.tcfVendorID = 37
        configuration.noBidStyle = .reasonCode
        let bidder = Self.bidder()
        let cases: [(body: [UInt8], bids: Bool)] = [
            (Self.body(), true),
            (Self.body(regs: #"{"gdpr":1}"#), false),
            (Self.body(regs: #"{"gdpr":1}"#, consent: Self.consentFor37), true),
            (Self.body(regs: #"{"gdpr":0}"#, consent: "garbage"), true),
            (Self.body(regs: #"{"coppa":1}"#, consent: Self.consentFor37), false),
            (Self.body(regs: #"{"ext":{"us_privacy":"1YYN"}}"#), false),
        ]
        let metrics = try await withTestServer(
            configuration: configuration,
            responder: CampaignResponder(bidder: bidder),
            ledger: CampaignSpendLedger(bidder: bidder)
        ) { client in
            for (body, bids) in cases {
                let response = try await client.post("/openrtb2/bid", body: body)
                #expect(response.status == 200, "\(response.text)")
                let answer = try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) }
                if bids {
                    #expect(
                        answer.seatBid.first?.bid.first?.cid == "retarget",
                        "\(String(decoding: body, as: UTF8.self))"
                    )
                } else {
                    #expect(
                        answer.seatBid.isEmpty && answer.nbr == .unmatchedUser,
                        "\(String(decoding: body, as: UTF8.self))"
                    )
                }
            }
            return try await client.get("/metrics").text
        }
        for (reason, count) in [
            ("gdpr\",reason=\"gdpr_no_consent_string", 1), ("coppa\",reason=\"coppa", 1),
            ("us_privacy\",reason=\"us_privacy_opt_out", 1), ("gdpr\",reason=\"gdpr_vendor", 0),
        ] {
            #expect(
                metrics.contains("gavel_privacy_restricted_requests_total{signal=\"\(reason)\"} \(count)"),
                "\(reason)"
            )
        }
        #expect(metrics.contains(#"gavel_no_bids_total{nbr="8",reason="unmatched user"} 3"#))
    }

    /// Without a vendor id, consent cannot be checked: the same consented request gets no
    /// personal data.
    @Test func withoutAVendorIDGDPRRequestsAreAnonymous() async throws {
        var configuration = testConfiguration()
        configuration.noBidStyle = .reasonCode
        let bidder = Self.bidder()
        let (answer, metrics) = try await withTestServer(
            configuration: configuration,
            responder: CampaignResponder(bidder: bidder),
            ledger: CampaignSpendLedger(bidder: bidder)
        ) { client in
            let response = try await client.post(
                "/openrtb2/bid",
                body: Self.body(regs: #"{"gdpr":1}"#, consent: Self.consentFor37)
            )
            return (
                try response.body.withUnsafeBytes { try OpenRTBDecoder.decodeBidResponse($0) },
                try await client.get("/metrics").text
            )
        }
        #expect(answer.seatBid.isEmpty && answer.nbr == .unmatchedUser)
        #expect(
            metrics.contains(#"gavel_privacy_restricted_requests_total{signal="gdpr",reason="gdpr_no_vendor_id"} 1"#)
        )
    }
}
