import GavelAuction
import GavelCore
import Testing

@testable import GavelRTB

/// The bidder on requests whose personal data the privacy policy denies: audience, segment and
/// frequency-capped campaigns step back (with *unmatched user*), contextual ones bid as before,
/// and a campaign may refuse child-directed inventory outright.
@Suite struct PrivacyBiddingTests {
    /// Wednesday 2026-11-25 12:00 UTC.
    private let noonWednesday: Int64 = 1_795_608_000
    private let day = CalendarDay(year: 2026, month: 11, day: 25)!
    private static let vendor = 755
    private static let consent = TCFTestString(vendorConsents: .bitField(max: 755, ids: [755])).encoded

    private func campaign(
        _ id: String,
        cap: FrequencyCap? = nil,
        _ edit: (inout Targeting) -> Void = { _ in }
    ) -> Campaign {
        var targeting = Targeting()
        targeting.countries = ["DEU"]
        edit(&targeting)
        return Campaign(
            id: id,
            targeting: targeting,
            creatives: [Creative(id: "\(id)-c", size: AdSize(w: 300, h: 250), markup: "<a>\(id)</a>")],
            pricing: PricingRule(strategy: .fixedCPM(Micros(2_000_000)), maxBid: Micros(2_000_000)),
            frequencyCap: cap
        )
    }

    private static let retargeting: @Sendable (inout Targeting) -> Void = {
        $0.audiences = AudienceRule(anyOf: ["cart"])
    }
    private static let segments: @Sendable (inout Targeting) -> Void = {
        $0.segments = AudienceRule(anyOf: ["dmp/sports"])
    }

    /// - Parameters:
    ///   - regs: the `regs` object, or empty for none.
    ///   - consent: `user.consent`, if any.
    private func request(regs: String = "", consent: String? = nil, userID: String? = "u1") throws -> OpenRTB.BidRequest
    {
        var user: [String] = [#""data":[{"id":"dmp","segment":[{"id":"sports"}]}]"#]
        if let userID { user.append(#""id":"\#(userID)""#) }
        if let consent { user.append(#""consent":"\#(consent)""#) }
        let json = """
            {"id":"r1","at":2,"imp":[{"id":"1","banner":{"w":300,"h":250}}],"site":{"domain":"news.example"},
             "device":{"geo":{"country":"DEU"},"devicetype":2,"os":"linux"},
             "user":{\(user.joined(separator: ","))}\(regs.isEmpty ? "" : #","regs":"# + regs)}
            """
        return try Array(json.utf8).withUnsafeBytes { try BidRequestValidator(scope: .bidding).read($0).get() }
    }

    private func bidder(_ campaigns: [Campaign], vendor: Int? = Self.vendor) -> Bidder {
        Bidder(
            index: CampaignIndex(campaigns: campaigns),
            pricer: Pricer(clickModel: LogisticModel(bias: -5, hashBits: 1)),
            ledger: BudgetLedger(budgets: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, Budget()) })),
            privacy: PrivacyPolicy(tcfVendorID: vendor)
        )
    }

    private func decide(
        _ bidder: Bidder,
        _ request: OpenRTB.BidRequest,
        _ context: BidContext = BidContext(audiences: ["cart"])
    ) -> (winners: [String], reason: NoBidReason?, restriction: PrivacyRestriction?) {
        let decision = bidder.respond(to: request, at: noonWednesday, on: day, context: context)
        #expect(decision.response.nbr == decision.noBidReason)
        return (
            decision.response.seatBid.flatMap(\.bid).compactMap(\.cid), decision.noBidReason,
            decision.privacyRestriction
        )
    }

    @Test func retargetingNeedsConsentContextualDoesNot() throws {
        let retargeting = bidder([campaign("retarget", Self.retargeting)])
        let contextual = bidder([campaign("contextual")])
        let open = try request()
        let noConsent = try request(regs: #"{"gdpr":1}"#)
        let consented = try request(regs: #"{"gdpr":1}"#, consent: Self.consent)
        #expect(decide(retargeting, open) == (["retarget"], nil, nil))
        #expect(decide(retargeting, noConsent) == ([], .unmatchedUser, .gdprNoConsentString))
        #expect(decide(retargeting, consented) == (["retarget"], nil, nil))
        // Without our vendor id, no GDPR consent can be checked.
        #expect(
            decide(bidder([campaign("retarget", Self.retargeting)], vendor: nil), consented) == (
                [], .unmatchedUser, .gdprNoVendorID
            )
        )
        #expect(decide(contextual, open) == (["contextual"], nil, nil))
        #expect(decide(contextual, noConsent) == (["contextual"], nil, .gdprNoConsentString))
        #expect(decide(contextual, consented) == (["contextual"], nil, nil))
    }

    /// The audiences the caller looked up are ignored once personal data is denied, and an
    /// exclusion list passes, as it does for a user the bidder does not know.
    @Test func deniedRequestsIgnoreTheCallersAudiences() throws {
        let optedOut = try request(regs: #"{"us_privacy":"1YYN"}"#)
        let retargeting = bidder([campaign("retarget", Self.retargeting)])
        #expect(decide(retargeting, optedOut, BidContext(audiences: ["cart"])).winners.isEmpty)
        #expect(
            decide(retargeting, optedOut, BidContext(audiences: ["cart"], personalData: .permitted)).winners == [
                "retarget"
            ]
        )
        let suppression = bidder([campaign("prospect") { $0.audiences = AudienceRule(noneOf: ["buyers"]) }])
        #expect(decide(suppression, try request(), BidContext(audiences: ["buyers"])).winners.isEmpty)
        #expect(
            decide(suppression, optedOut, BidContext(audiences: ["buyers"])) == (["prospect"], nil, .usPrivacyOptOut)
        )
    }

    @Test func segmentsAreNotReadWithoutPermission() throws {
        let bySegment = bidder([campaign("sports", Self.segments)])
        #expect(decide(bySegment, try request()).winners == ["sports"])
        #expect(decide(bySegment, try request(regs: #"{"coppa":1}"#)) == ([], .unmatchedUser, .coppa))
    }

    /// Without personal data a frequency cap is neither checked nor counted, as for a request
    /// without a user id: the capped campaign bids, even when the caller says the user reached it.
    @Test func frequencyCapsAreNotConsultedWithoutPersonalData() throws {
        let capped = bidder([campaign("capped", cap: FrequencyCap(impressions: 3, seconds: 86_400))])
        let reached = BidContext(cappedCampaigns: ["capped"])
        #expect(decide(capped, try request()) == (["capped"], nil, nil))
        #expect(decide(capped, try request(), reached) == ([], nil, nil))
        #expect(decide(capped, try request(userID: nil)) == (["capped"], nil, nil))
        #expect(decide(capped, try request(regs: #"{"coppa":1}"#), reached) == (["capped"], nil, .coppa))
    }

    /// Nothing matching for reasons of its own (country here) is not blamed on privacy.
    @Test func unmatchedUserOnlyWhenTheUserWasTheReason() throws {
        let elsewhere = bidder([
            campaign("fra-retarget") {
                $0.countries = ["FRA"]
                $0.audiences = AudienceRule(anyOf: ["cart"])
            }
        ])
        #expect(decide(elsewhere, try request(regs: #"{"gdpr":1}"#)) == ([], nil, .gdprNoConsentString))
    }

    @Test func campaignsMayExcludeChildDirectedInventory() throws {
        let campaigns = [campaign("grown-ups") { $0.excludesChildDirected = true }, campaign("anyone")]
        let index = CampaignIndex(campaigns: campaigns)
        let child = try request(regs: #"{"coppa":1}"#)
        #expect(index.matches(for: child, at: noonWednesday).map(\.campaignIndex) == [1])
        #expect(
            index.matches(for: try request(regs: #"{"coppa":0}"#), at: noonWednesday).map(\.campaignIndex) == [0, 1]
        )
        #expect(index.matches(for: try request(), at: noonWednesday).map(\.campaignIndex) == [0, 1])
        #expect(decide(bidder([campaigns[0]]), child) == ([], nil, .coppa))
    }
}
