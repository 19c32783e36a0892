import Foundation
import GavelCore
import GavelRTB
import PropertyBased
import Testing

@Suite struct PricingTests {
    private let noonWednesday: Int64 = 1_795_608_000
    private let rates = CurrencyTable(base: "USD", perBase: ["EUR": 0.8, "GBP": 0.5])

    private func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    @Test func fnv1aKnownVectors() {
        #expect(FeatureHasher.hash("") == 0xCBF2_9CE4_8422_2325)
        #expect(FeatureHasher.hash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(FeatureHasher.hash("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test func logisticProbability() {
        let model = LogisticModel(bias: -3, hashBits: 16, weights: ["country=USA": 1.0])
        #expect(LogisticModel(bias: 0, hashBits: 4).probability([]) == 0.5)
        let usa = FeatureHasher.hash("country=USA")
        #expect(abs(model.probability([usa]) - 0.119_202_922_022_117_55) < 1e-15)
        #expect(FeatureHasher.hash("country=FRA") & 0xFFFF != usa & 0xFFFF, "no collision in 16 bits")
        #expect(abs(model.probability([FeatureHasher.hash("country=FRA")]) - sigmoid(-3)) < 1e-15)
    }

    @Test func probabilityMatchesFoundationExp() async {
        await propertyCheck(count: 300, input: Gen.double(in: -40...40)) { logit in
            let p = LogisticModel(bias: logit, hashBits: 1).probability([])
            #expect(abs(p - sigmoid(logit)) <= 1e-14 * max(p, 1e-300) + 1e-300)
        }
    }

    @Test func requestFeatures() throws {
        // gavel-26-privacy-formats: DEU, Android phone (4), connectiontype 2, news.example,
        // utcoffset +60 → 13h local at 12:00 UTC.
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request("gavel-26-privacy-formats.json"))
        let creative = Creative(id: "cr-1", mediaType: .banner, size: AdSize(w: 728, h: 90))
        let campaign = Campaign(
            id: "c-1",
            creatives: [creative],
            pricing: PricingRule(strategy: .fixedCPM(1), maxBid: 1)
        )
        let features = FeatureHasher.features(
            request: request,
            impIndex: 0,
            campaign: campaign,
            creative: creative,
            at: noonWednesday
        )
        let expected = [
            "country=DEU", "devicetype=4", "os=android", "connectiontype=2", "domain=news.example", "pos=1",
            "size=728x90", "mediatype=banner", "hour=13", "campaign=c-1", "creative=cr-1",
        ]
        #expect(Set(features) == Set(expected.map(FeatureHasher.hash)))
    }

    @Test func exampleModelFileLoads() throws {
        let model = try LogisticModel(json: Fixtures.model("example-ctr.json"))
        #expect(model.bias == -6 && model.hashBits == 16)
        let p = model.probability(["devicetype=4", "mediatype=video"].map(FeatureHasher.hash))
        #expect(abs(p - sigmoid(-6 + 0.35 + 0.8)) < 1e-15)
        let withBucket = LogisticModel(bias: 0, hashBits: 4, buckets: [3: 2.0])
        #expect(abs(withBucket.probability([3]) - sigmoid(2)) < 1e-15)
    }

    @Test(arguments: [
        (#"[1]"#, "model file: expected an object"),
        (#"{"hash_bits": 8}"#, "model file: \"bias\" must be a number"),
        (#"{"bias": 0, "hash_bits": 30}"#, "model file: \"hash_bits\" must be an integer within 1...24"),
        (#"{"bias": 0, "hash_bits": 4, "weights": {"a=b": "x"}}"#, "model file: weight of \"a=b\" must be a number"),
        (
            #"{"bias": 0, "hash_bits": 4, "buckets": {"16": 1}}"#,
            "model file: bucket \"16\" must be an index below 2^hash_bits with a number"
        ),
    ])
    func badModelFiles(json: String, message: String) {
        do {
            _ = try LogisticModel(json: Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description == message)
        }
    }

    // MARK: - Pricer

    private func quote(
        _ fixture: String,
        strategy: BidStrategy,
        maxBid: Micros = Micros(50_000_000),
        currency: String = "USD",
        conversionRate: Double = 0,
        targeting: Targeting = Targeting(),
        seat: String = "",
        model: LogisticModel = LogisticModel(bias: -3, hashBits: 8),
        currencies: CurrencyTable? = nil
    ) throws -> Result<Quote, PricingRejection> {
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request(fixture))
        let creative = Creative(id: "cr", mediaType: .banner, advertiserDomains: ["shop.example"])
        let campaign = Campaign(
            id: "c",
            seat: seat,
            targeting: targeting,
            creatives: [creative],
            pricing: PricingRule(strategy: strategy, maxBid: maxBid, currency: currency, conversionRate: conversionRate)
        )
        let index = CampaignIndex(campaigns: [campaign])
        let match = try #require(index.matches(for: request, at: noonWednesday).first)
        return Pricer(clickModel: model, currencies: currencies ?? rates).price(
            match,
            in: request,
            campaigns: index,
            at: noonWednesday
        )
    }

    @Test func fixedCPMAboveAndBelowTheFloor() throws {
        // iab26-simple-banner: bidfloor 0.03 USD.
        let above = try quote("iab26-simple-banner.json", strategy: .fixedCPM(Micros(40_000))).get()
        #expect(above.price.micros == Micros(40_000) && above.currency == "USD" && above.floor.micros == Micros(30_000))
        #expect(
            try quote("iab26-simple-banner.json", strategy: .fixedCPM(Micros(30_000))).get().price.micros
                == Micros(30_000)
        )
        let below = try quote("iab26-simple-banner.json", strategy: .fixedCPM(Micros(29_999)))
        #expect(
            below
                == .failure(
                    .belowFloor(
                        bid: OpenRTB.CPM(micros: Micros(29_999)),
                        floor: OpenRTB.CPM(micros: Micros(30_000)),
                        currency: "USD"
                    )
                )
        )
    }

    @Test func targetCPCUsesPredictedCTR() throws {
        // Bias -3 only: pCTR = 1 / (1 + e^3) = 0.0474258731775668; 0.50 × p × 1000 = 23.7129365887834.
        let quote = try quote("iab26-simple-banner.json", strategy: .targetCPC(Micros(500_000))).get()
        #expect(quote.price.micros == Micros(23_712_937))
        #expect(abs((quote.predictedCTR ?? 0) - 0.047_425_873_177_566_8) < 1e-15)
        let capped = try self.quote(
            "iab26-simple-banner.json",
            strategy: .targetCPC(Micros(500_000)),
            maxBid: Micros(10_000_000)
        ).get()
        #expect(capped.price.micros == Micros(10_000_000) && capped.value.micros == Micros(23_712_937))
    }

    @Test func targetCPAUsesCTRAndCVR() throws {
        // 20.00 × 0.0474258731775668 × 0.05 × 1000 = 47.4258731775668.
        let quote = try quote(
            "iab26-simple-banner.json",
            strategy: .targetCPA(Micros(20_000_000)),
            conversionRate: 0.05
        ).get()
        #expect(quote.price.micros == Micros(47_425_873))
        #expect(quote.predictedCVR == 0.05)
        let worthless = try self.quote(
            "iab26-simple-banner.json",
            strategy: .targetCPA(Micros(20_000_000)),
            conversionRate: 0
        )
        #expect(worthless == .failure(.noValue))
    }

    @Test func floorsInAnotherCurrency() throws {
        // gavel-26-privacy-formats imp 0: bidfloor 1.25 EUR; request cur ["EUR", "USD"]; wseat seat-a.
        // A USD campaign bids USD; the floor is 1.25 / 0.8 = 1.5625 USD.
        var targeting = Targeting()
        targeting.mediaTypes = [.banner]
        let usd = try quote(
            "gavel-26-privacy-formats.json",
            strategy: .fixedCPM(Micros(1_600_000)),
            targeting: targeting,
            seat: "seat-a"
        ).get()
        #expect(usd.currency == "USD" && usd.floor.micros == Micros(1_562_500) && usd.price.micros == Micros(1_600_000))
        let under = try quote(
            "gavel-26-privacy-formats.json",
            strategy: .fixedCPM(Micros(1_500_000)),
            targeting: targeting,
            seat: "seat-a"
        )
        #expect(
            under
                == .failure(
                    .belowFloor(
                        bid: OpenRTB.CPM(micros: Micros(1_500_000)),
                        floor: OpenRTB.CPM(micros: Micros(1_562_500)),
                        currency: "USD"
                    )
                )
        )
        // A GBP campaign may not bid GBP there: it bids EUR, the first currency the request allows,
        // £1.00 = $2.00 = €1.60, and the quote keeps its price in pounds for the budget and the notices.
        let gbp = try quote(
            "gavel-26-privacy-formats.json",
            strategy: .fixedCPM(Micros(1_000_000)),
            currency: "GBP",
            targeting: targeting,
            seat: "seat-a"
        ).get()
        #expect(gbp.currency == "EUR" && gbp.price.micros == Micros(1_600_000) && gbp.floor.micros == Micros(1_250_000))
        #expect(gbp.campaignPrice?.micros == Micros(1_000_000))
        #expect(usd.campaignPrice == nil)
        // A campaign in a currency the table does not know cannot be converted: no bid.
        let chf = try quote(
            "gavel-26-privacy-formats.json",
            strategy: .fixedCPM(Micros(1_000_000)),
            currency: "CHF",
            targeting: targeting,
            seat: "seat-a"
        )
        #expect(chf == .failure(.currencyNotAllowed("CHF")))
        // A floor in a currency the table does not know cannot be compared: no bid.
        let unknown = try quote(
            "gavel-26-privacy-formats.json",
            strategy: .fixedCPM(Micros(1_000_000)),
            targeting: targeting,
            seat: "seat-a",
            currencies: CurrencyTable(base: "USD", perBase: ["GBP": 0.5])
        )
        #expect(unknown == .failure(.unknownCurrency("EUR")))
    }

    @Test func dealFloorReplacesTheImpressionFloor() throws {
        // iab26-pmp-direct-deal: imp floor 0.03, deal AB-Agency1-0001 floor 2.50 for seat Agency1.
        var targeting = Targeting()
        targeting.dealIDs = ["AB-Agency1-0001"]
        let quote = try quote(
            "iab26-pmp-direct-deal.json",
            strategy: .fixedCPM(Micros(2_000_000)),
            targeting: targeting,
            seat: "Agency1"
        )
        #expect(
            quote
                == .failure(
                    .belowFloor(
                        bid: OpenRTB.CPM(micros: Micros(2_000_000)),
                        floor: OpenRTB.CPM(micros: Micros(2_500_000)),
                        currency: "USD"
                    )
                )
        )
    }

    @Test func currencyConversion() {
        #expect(rates.convert(Micros(1_000_000), from: "eur", to: "USD") == Micros(1_250_000))
        #expect(rates.convert(Micros(1_000_000), from: "GBP", to: "EUR") == Micros(1_600_000))
        #expect(rates.convert(Micros(7), from: "XYZ", to: "XYZ") == Micros(7))
        #expect(rates.convert(Micros(7), from: "XYZ", to: "USD") == nil)
    }
}
