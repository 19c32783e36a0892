import GavelCore
import GavelMarket
import Testing

@Suite struct NamingTests {
    @Test func theFirstKeywordsHaveReadableNames() throws {
        let market = try Market(spec: MarketSpec(keywords: 30_000))
        let first = market.identity(ofKeyword: 0)
        #expect(first.account == "Demo Shop")
        #expect(first.campaign == "Shoes - Generic")
        #expect(first.adGroup == "Running Shoes")
        #expect(first.text.contains("running shoes"))
        #expect(market.identity(ofKeyword: 20).adGroup == "Women's Shoes")
        // Ad groups 25–49 form campaign 1, the Brand campaign of the same category.
        let brand = market.identity(ofKeyword: 500)
        #expect(brand.campaign == "Shoes - Brand")
        #expect(brand.text.contains("demo shop running shoes"))
        #expect(market.identity(ofKeyword: 10_000).account == "Outdoor Outfitters")
        #expect(market.accountCount == 3 && market.campaignCount == 60 && market.adGroupCount == 1_500)
        #expect(market.keywords(inAdGroup: 1) == 20..<40)
        #expect((0..<50).allSatisfy { market.identity(ofKeyword: $0) == market.truth(ofKeyword: $0).identity })
    }

    @Test(arguments: [
        MarketStructure(),
        // Past every word list: numbered ad groups, campaigns, accounts and keyword texts.
        MarketStructure(keywordsPerAdGroup: 1_200, adGroupsPerCampaign: 27, campaignsPerAccount: 2),
        MarketStructure(keywordsPerAdGroup: 1, adGroupsPerCampaign: 1, campaignsPerAccount: 82),
    ])
    func identitiesAreUnique(structure: MarketStructure) throws {
        let market = try Market(spec: MarketSpec(keywords: 70_000, structure: structure))
        let identities = (0..<70_000).map { market.identity(ofKeyword: $0) }
        #expect(Set(identities).count == 70_000)
        #expect(identities.allSatisfy { !$0.text.isEmpty && !$0.text.hasPrefix(" ") && !$0.text.contains("  ") })
    }

    @Test func matchTypesAreMixed() throws {
        let market = try Market(spec: MarketSpec(keywords: 3_000))
        let counts = Dictionary(grouping: (0..<3_000).map { market.identity(ofKeyword: $0).matchType }) { $0 }
            .mapValues(\.count)
        // 30 % broad, 30 % phrase, 40 % exact; 4 standard errors of 3 000 draws ≈ 0.035.
        #expect(abs(Double(counts[.broad, default: 0]) / 3_000 - 0.3) < 0.035)
        #expect(abs(Double(counts[.phrase, default: 0]) / 3_000 - 0.3) < 0.035)
        #expect(abs(Double(counts[.exact, default: 0]) / 3_000 - 0.4) < 0.036)
    }

    @Test func truthAndAttributesAreWithinTheirRanges() throws {
        let market = try Market(spec: MarketSpec(keywords: 2_000))
        for index in 0..<2_000 {
            let truth = market.truth(ofKeyword: index)
            #expect((1...10).contains(truth.qualityScore))
            #expect(truth.conversionRate > 0 && truth.conversionRate < 1)
            #expect(truth.clickThroughRateAtTop > 0 && truth.clickThroughRateAtTop <= 0.45)
            #expect(truth.valuePerConversion > .zero && truth.competitorBid >= Micros(10_000))
            #expect(truth.currentBid >= Micros(50_000) && truth.currentBid.rawValue % 10_000 == 0)
            let attributes = market.attributes(ofKeyword: index)
            #expect(attributes.qualityScore == truth.qualityScore && attributes.status == "Enabled")
            #expect(attributes.platformKeywordID == String(index + 1))
        }
    }
}
