/// A rate estimated at every level of the account tree, each level shrunk toward the one above:
/// account (raw) ← campaign ← ad group ← keyword.
///
/// Everything is array-indexed by ``GroupIndex`` ids, so building it is linear in keywords.
struct PooledRates {
    /// How strongly each level leans on its parent, in trials (clicks for CVR, impressions for CTR).
    struct Strengths: Hashable {
        var keyword: Double
        var adGroup: Double
        var campaign: Double
    }

    let strengths: Strengths
    private(set) var accountRate: [Double]
    private(set) var campaignRate: [Double]
    private(set) var adGroupRate: [Double]

    /// - Parameters:
    ///   - successes, trials: Per keyword (conversions and lag-weighted clicks, say).
    ///   - adGroupOfKeyword: Each keyword's ad-group id in `groups`.
    ///   - fixedStrength: Use this strength at every level instead of estimating it.
    ///   - bounds: Clamp for estimated strengths.
    init(
        successes: [Double], trials: [Double], adGroupOfKeyword: [Int32], groups: GroupIndex,
        fixedStrength: Double?, bounds: ClosedRange<Double>
    ) {
        var adGroupSuccesses = [Double](repeating: 0, count: groups.adGroupCount)
        var adGroupTrials = [Double](repeating: 0, count: groups.adGroupCount)
        var keywordMoments = [BetaBinomialShrinkage.GroupMoments](
            repeating: .init(), count: fixedStrength == nil ? groups.adGroupCount : 0)
        for keyword in successes.indices {
            let adGroup = Int(adGroupOfKeyword[keyword])
            adGroupSuccesses[adGroup] += successes[keyword]
            adGroupTrials[adGroup] += trials[keyword]
            if fixedStrength == nil {
                keywordMoments[adGroup].add(successes: successes[keyword], trials: trials[keyword])
            }
        }
        let (campaignSuccesses, campaignTrials, adGroupMoments) = Self.rollUp(
            adGroupSuccesses, adGroupTrials, parent: groups.campaignOfAdGroup, parentCount: groups.campaignCount,
            withMoments: fixedStrength == nil)
        let (accountSuccesses, accountTrials, campaignMoments) = Self.rollUp(
            campaignSuccesses, campaignTrials, parent: groups.accountOfCampaign, parentCount: groups.accountCount,
            withMoments: fixedStrength == nil)

        func strength(_ moments: [BetaBinomialShrinkage.GroupMoments]) -> Double {
            if let fixedStrength { return fixedStrength }
            // No information (every group has one unit): lean on the parent as much as allowed.
            let estimate = BetaBinomialShrinkage.priorStrength(of: moments) ?? bounds.upperBound
            return min(max(estimate, bounds.lowerBound), bounds.upperBound)
        }
        strengths = Strengths(
            keyword: strength(keywordMoments), adGroup: strength(adGroupMoments), campaign: strength(campaignMoments))

        accountRate = zip(accountSuccesses, accountTrials).map { $1 > 0 ? $0 / $1 : 0 }
        campaignRate = campaignSuccesses.indices.map { [accountRate, strengths] campaign in
            BetaBinomialShrinkage.posteriorMean(
                successes: campaignSuccesses[campaign], trials: campaignTrials[campaign],
                priorMean: accountRate[Int(groups.accountOfCampaign[campaign])], priorStrength: strengths.campaign)
        }
        adGroupRate = adGroupSuccesses.indices.map { [campaignRate, strengths] adGroup in
            BetaBinomialShrinkage.posteriorMean(
                successes: adGroupSuccesses[adGroup], trials: adGroupTrials[adGroup],
                priorMean: campaignRate[Int(groups.campaignOfAdGroup[adGroup])], priorStrength: strengths.adGroup)
        }
    }

    /// The keyword's shrunk rate.
    func keywordRate(successes: Double, trials: Double, adGroup: Int32) -> Double {
        BetaBinomialShrinkage.posteriorMean(
            successes: successes, trials: trials, priorMean: adGroupRate[Int(adGroup)],
            priorStrength: strengths.keyword)
    }

    private static func rollUp(
        _ successes: [Double], _ trials: [Double], parent: [Int32], parentCount: Int, withMoments: Bool
    ) -> ([Double], [Double], [BetaBinomialShrinkage.GroupMoments]) {
        var parentSuccesses = [Double](repeating: 0, count: parentCount)
        var parentTrials = [Double](repeating: 0, count: parentCount)
        var moments = [BetaBinomialShrinkage.GroupMoments](repeating: .init(), count: withMoments ? parentCount : 0)
        for unit in successes.indices {
            let group = Int(parent[unit])
            parentSuccesses[group] += successes[unit]
            parentTrials[group] += trials[unit]
            if withMoments { moments[group].add(successes: successes[unit], trials: trials[unit]) }
        }
        return (parentSuccesses, parentTrials, moments)
    }
}
