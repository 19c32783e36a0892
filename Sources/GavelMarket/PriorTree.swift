import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared levels of the ground truth — account, campaign, ad group — each drawn from its own
/// stream, so every keyword can rebuild its parents' parameters without a table or a lock.
struct PriorTree: Sendable {
    let seed: UInt64
    let priors: MarketPriors

    /// Distinct stream families per level, so account 3 and campaign 3 draw different numbers.
    private enum Level: UInt64 {
        case account = 0xA5A5_0001_0000_0000
        case campaign = 0xA5A5_0002_0000_0000
        case adGroup = 0xA5A5_0003_0000_0000
    }

    private func random(_ level: Level, _ index: Int) -> SeededRandom {
        SeededRandom(seed: seed ^ level.rawValue, stream: UInt64(index))
    }

    struct Account {
        var conversionRate: Double
        var valuePerConversion: Double
    }

    struct Campaign {
        var kind: CampaignKind
        var conversionRate: Double
        var valuePerConversion: Double
        var competitorBid: Double
    }

    struct AdGroup {
        var campaign: Campaign
        var conversionRate: Double
    }

    func account(_ index: Int) -> Account {
        var rng = random(.account, index)
        return Account(
            conversionRate: priors.conversionRate * exp(priors.conversionRateSpread * rng.nextNormal()),
            valuePerConversion: priors.valuePerConversion.units * exp(priors.valueSpread * rng.nextNormal())
        )
    }

    func campaign(_ placement: KeywordPlacement) -> Campaign {
        let parent = account(placement.account)
        let kind = MarketNames.campaignKind(placement)
        var rng = random(.campaign, placement.campaign)
        let rate =
            parent.conversionRate * kind.conversionRateMultiplier
            * exp(priors.conversionRateSpread * rng.nextNormal())
        return Campaign(
            kind: kind,
            conversionRate: min(rate, 0.5),
            valuePerConversion: parent.valuePerConversion * rng.nextMeanOneLognormal(sigma: priors.valueSpread),
            competitorBid: priors.competitorBid.units * kind.competitorBidMultiplier
                * exp(priors.competitorBidSpread * rng.nextNormal())
        )
    }

    func adGroup(_ placement: KeywordPlacement) -> AdGroup {
        let parent = campaign(placement)
        var rng = random(.adGroup, placement.adGroup)
        return AdGroup(
            campaign: parent,
            conversionRate: rng.nextBeta(mean: parent.conversionRate, concentration: priors.adGroupConcentration)
        )
    }
}
