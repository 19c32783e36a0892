import GavelCore
import GavelRTB
import Testing

/// The pieces together: bytes → validation → matching → pricing → budget → response bytes.
@Suite struct BidderTests {
    private let noonWednesday: Int64 = 1_795_608_000
    private let day = CalendarDay(year: 2026, month: 11, day: 25)!

    private func bidder(budgets: [String: Budget]) throws -> Bidder {
        let leaderboard = AdSize(w: 728, h: 90)
        func campaign(_ id: String, cpm: Int64) -> Campaign {
            var targeting = Targeting()
            targeting.appBundles = ["12345"]
            targeting.operatingSystems = ["ios"]
            let creative = Creative(
                id: "\(id)-728",
                mediaType: .banner,
                size: leaderboard,
                advertiserDomains: ["shop.example"],
                categories: ["IAB22"],
                markup: "<a href=\"https://shop.example\">\(id)</a>"
            )
            return Campaign(
                id: id,
                seat: "gavel",
                targeting: targeting,
                creatives: [creative],
                pricing: PricingRule(strategy: .fixedCPM(Micros(cpm)), maxBid: Micros(5_000_000))
            )
        }
        let model = try LogisticModel(json: Fixtures.model("example-ctr.json"))
        return Bidder(
            index: CampaignIndex(campaigns: [campaign("rich", cpm: 2_000_000), campaign("backup", cpm: 1_000_000)]),
            pricer: Pricer(clickModel: model),
            ledger: BudgetLedger(budgets: budgets)
        )
    }

    private func respond(_ bidder: Bidder, _ bytes: [UInt8]) -> BidDecision {
        bytes.withUnsafeBytes { bidder.respond(to: $0, at: noonWednesday, on: day) }
    }

    /// Equal quotes go to the campaign priced last, as when quotes were kept sorted: the priced
    /// list is now unsorted with the best's position, and ties must still resolve the same way.
    /// Both campaigns bid target CPC × the same predicted CTR (a bias-only model); the one with the
    /// higher `max_bid` is priced first, the other can still match it, so both are priced.
    @Test func equalQuotesGoToTheLastPriced() throws {
        func campaign(_ id: String, maxBid: Int64) -> Campaign {
            Campaign(
                id: id,
                targeting: Targeting(),
                creatives: [Creative(id: "\(id)-cr", mediaType: .banner, size: AdSize(w: 300, h: 250))],
                pricing: PricingRule(strategy: .targetCPC(Micros(1_000_000)), maxBid: Micros(maxBid))
            )
        }
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request("iab26-simple-banner.json"))
        func winner(budgets: [String: Budget]) -> String? {
            let bidder = Bidder(
                index: CampaignIndex(campaigns: [
                    campaign("first", maxBid: 5_000_000), campaign("last", maxBid: 4_000_000),
                ]),
                pricer: Pricer(clickModel: LogisticModel(bias: -6, hashBits: 1)),
                ledger: BudgetLedger(budgets: budgets)
            )
            return bidder.respond(to: request, at: noonWednesday, on: day).response.seatBid.first?.bid.first?.cid
        }
        #expect(winner(budgets: ["first": Budget(), "last": Budget()]) == "last")
        #expect(winner(budgets: ["first": Budget(), "last": Budget(daily: Micros(1))]) == "first")
    }

    /// A request that names no `cur` lets each campaign bid in its own currency; the auction among
    /// them must compare value, not micros. At ¥151.2 to the dollar, ¥300 is $1.98 and ¥500 $3.31.
    @Test func quotesInDifferentCurrenciesAreComparedByValue() throws {
        func campaign(_ id: String, cpm: Int64, currency: String) -> Campaign {
            Campaign(
                id: id,
                targeting: Targeting(),
                creatives: [Creative(id: "\(id)-cr", mediaType: .banner, size: AdSize(w: 300, h: 250))],
                pricing: PricingRule(strategy: .fixedCPM(Micros(cpm)), maxBid: Micros(cpm), currency: currency)
            )
        }
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request("iab26-simple-banner.json"))
        func winner(yen: Int64) -> (campaign: String?, currency: String?) {
            let bidder = Bidder(
                index: CampaignIndex(campaigns: [
                    campaign("dollar", cpm: 2_500_000, currency: "USD"), campaign("yen", cpm: yen, currency: "JPY"),
                ]),
                pricer: Pricer(
                    clickModel: LogisticModel(bias: -6, hashBits: 1),
                    currencies: CurrencyTable(base: "USD", perBase: ["JPY": 151.2])
                ),
                ledger: BudgetLedger(budgets: ["dollar": Budget(), "yen": Budget()])
            )
            var request = request
            request.cur = nil
            let response = bidder.respond(to: request, at: noonWednesday, on: day).response
            return (response.seatBid.first?.bid.first?.cid, response.cur)
        }
        #expect(winner(yen: 300_000_000) == ("dollar", "USD"))
        #expect(winner(yen: 500_000_000) == ("yen", "JPY"))
    }

    /// A 30-second video ad goes only where the placement takes 30 seconds — between `minduration` and
    /// `maxduration`, or among `rqddurs` — and says its length in `bid.dur`; an ad of unstated length goes anywhere.
    @Test(arguments: [
        (#""minduration":5,"maxduration":30"#, true),
        (#""minduration":5,"maxduration":15"#, false),
        (#""minduration":31"#, false),
        (#""rqddurs":[15,30]"#, true),
        (#""rqddurs":[15]"#, false),
        (#""mimes":["video/mp4"]"#, true),
    ])
    func videoAdsGoWhereTheirLengthFits(durations: String, bids: Bool) throws {
        func bidder(duration: Int?) -> Bidder {
            let creative = Creative(id: "v", mediaType: .video, markup: "<VAST/>", duration: duration)
            return Bidder(
                index: CampaignIndex(campaigns: [
                    Campaign(
                        id: "video", targeting: Targeting(), creatives: [creative],
                        pricing: PricingRule(strategy: .fixedCPM(Micros(4_000_000)), maxBid: Micros(4_000_000)))
                ]),
                pricer: Pricer(clickModel: LogisticModel(bias: -6, hashBits: 1)),
                ledger: BudgetLedger(budgets: ["video": Budget()])
            )
        }
        let request = Array(#"{"id":"r","imp":[{"id":"1","video":{\#(durations)}}],"site":{"domain":"x.example"}}"#.utf8)
        let stated = respond(bidder(duration: 30), request).response.seatBid.first?.bid.first
        #expect((stated != nil) == bids)
        if let stated { #expect(stated.dur == 30) }
        let unstated = respond(bidder(duration: nil), request).response.seatBid.first?.bid.first
        #expect(unstated != nil && unstated?.dur == nil)
    }

    @Test func highestAffordableQuoteWins() throws {
        // iab26-mobile-app: app 12345, iOS, banner 728x90, floor 0.50 USD.
        // "rich" bids 2.00 CPM = 2,000 micros per impression but has 1,000 left today.
        let bidder = try bidder(budgets: [
            "rich": Budget(daily: Micros(1_000)), "backup": Budget(daily: Micros(10_000)),
        ])
        let decision = respond(bidder, Fixtures.request("iab26-mobile-app.json"))
        #expect(decision.noBidReason == nil && !decision.isEmptyNoBid)
        let bid = try #require(decision.response.seatBid.first?.bid.first)
        #expect(decision.response.id == "IxexyLDIIk" && decision.response.cur == "USD")
        #expect(decision.response.seatBid.first?.seat == "gavel")
        #expect(bid.impID == "1" && bid.cid == "backup" && bid.crid == "backup-728")
        #expect(bid.price.micros == Micros(1_000_000) && bid.w == 728 && bid.h == 90 && bid.mtype == 1)
        #expect(bid.adomain == ["shop.example"] && bid.cat == ["IAB22"])
        let reservation = try #require(decision.reservations.first)
        #expect(bid.id == String(reservation.id) && reservation.amount == Micros(1_000))

        let wire = OpenRTBEncoder.encode(decision.response)
        #expect(try OpenRTBDecoder.decodeBidResponse(wire) == decision.response)

        #expect(bidder.ledger.commit(reservationID: reservation.id, clearingPrice: Micros(800)) == Micros(800))
        #expect(bidder.ledger.status(of: "backup", on: day)?.spentToday == Micros(800))
    }

    @Test func invalidRequestsGetAReason() throws {
        let bidder = try bidder(budgets: [:])
        let decision = respond(bidder, Fixtures.request("mxmcherry-ortb30-request-envelope.json"))
        #expect(decision.noBidReason == .invalidRequest)
        #expect(String(decoding: OpenRTBEncoder.encode(decision.response), as: UTF8.self) == #"{"id":"","nbr":2}"#)
        let missingImp = respond(bidder, Array(#"{"id":"r-9"}"#.utf8))
        #expect(String(decoding: OpenRTBEncoder.encode(missingImp.response), as: UTF8.self) == #"{"id":"r-9","nbr":2}"#)
    }

    @Test func nothingMatchingIsAnEmptyNoBid() throws {
        let bidder = try bidder(budgets: ["rich": Budget(), "backup": Budget()])
        let decision = respond(bidder, Fixtures.request("iab26-simple-banner.json"))
        #expect(decision.isEmptyNoBid && decision.reservations.isEmpty)
    }
}
