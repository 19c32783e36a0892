import GavelCore
import Testing

@testable import GavelRTB

/// The creative features the index hashes once must be the ones ``FeatureHasher`` names, for
/// every creative of every campaign: pricing reads them from the index instead of hashing.
@Suite struct CreativeFeatureTests {
    @Test func indexHoldsEachCreativesFeatures() {
        let campaigns = SyntheticCampaigns.generate(count: 300, seed: 11)
        let index = CampaignIndex(campaigns: campaigns)
        var checked = 0
        for (position, campaign) in campaigns.enumerated() {
            for (offset, creative) in campaign.creatives.enumerated() {
                let expected = FeatureHasher.creativeFeatures(
                    campaignID: campaign.id,
                    creativeID: creative.id,
                    mediaType: creative.mediaType,
                    size: creative.size
                )
                #expect(index.creativeFeatures(campaign: position, creative: offset) == expected)
                checked += 1
            }
        }
        #expect(checked > 300)
    }
}
