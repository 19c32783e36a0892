public import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A synthetic search-ads portfolio with a known ground truth: for tests, demos and benchmarks.
///
/// Everything about keyword `i` — its truth, its bid path and its report rows — comes from
/// `SeededRandom(seed: spec.seed, stream: i)` and from the shared account/campaign/ad-group
/// streams, never from another keyword's draws. So any subset of keywords can be generated in any
/// order, on any number of workers, and gives the same facts.
public struct Market: Sendable {
    public let spec: MarketSpec
    let priorTree: PriorTree
    /// Seasonal volume factor of each history day, oldest first.
    let dayFactors: [Double]
    let segments: [(device: Device, profile: DeviceProfile)]

    /// - Throws: `MarketSpecError` naming the first field that cannot describe a market.
    public init(spec: MarketSpec) throws(MarketSpecError) {
        try spec.validate()
        self.spec = spec
        self.priorTree = PriorTree(seed: spec.seed, priors: spec.priors)
        let first = spec.historyRange.first
        self.dayFactors = (0..<spec.days).map { spec.seasonality.factor(on: first.advanced(by: $0)) }
        self.segments = spec.devices.segments
    }

    public var keywordCount: Int { spec.keywords }
    public var historyRange: DayRange { spec.historyRange }
    public var adGroupCount: Int { spec.structure.placement(ofKeyword: spec.keywords - 1).adGroup + 1 }
    public var campaignCount: Int { spec.structure.placement(ofKeyword: spec.keywords - 1).campaign + 1 }
    public var accountCount: Int { spec.structure.placement(ofKeyword: spec.keywords - 1).account + 1 }

    /// The keyword indices of ad group `adGroup`.
    public func keywords(inAdGroup adGroup: Int) -> Range<Int> {
        spec.structure.keywords(inAdGroup: adGroup, of: spec.keywords)
    }

    /// The ground truth of keyword `index`: a few dozen draws plus its bid path (about one per day), no rows.
    public func truth(ofKeyword index: Int) -> KeywordTruth {
        precondition((0..<spec.keywords).contains(index), "keyword \(index) is not in the market")
        let placement = spec.structure.placement(ofKeyword: index)
        let adGroup = priorTree.adGroup(placement)
        let campaign = adGroup.campaign
        let priors = spec.priors
        var (random, matchType) = openStream(ofKeyword: index)
        let bidSeed = random.next()
        let activitySeed = random.next()
        let conversionRate = random.nextBeta(mean: adGroup.conversionRate, concentration: priors.keywordConcentration)
        let value = campaign.valuePerConversion * random.nextMeanOneLognormal(sigma: priors.valueSpread)
        let qualityScore = min(10, max(1, Int((6.5 + 1.8 * random.nextNormal()).rounded(.down))))
        let clickThroughRate =
            priors.clickThroughRateAtTop * Market.clickThroughRateMultiplier(matchType)
            * campaign.kind.clickThroughRateMultiplier * exp(0.35 * random.nextNormal())
            * (1 + 0.06 * Double(qualityScore - 6))
        let competitorBid = max(
            MarketPriors.lowestCompetitorBid,
            Micros(rounding: campaign.competitorBid * exp(priors.competitorBidSpread * random.nextNormal()))
        )
        // Ad rank is bid × quality: a better quality score needs less bid to match the competition.
        let parityBid = max(Micros(10_000), competitorBid.scaled(by: pow(6 / Double(qualityScore), 0.75)))
        let response = BidResponse(
            parityBid: parityBid,
            steepness: 1.5 + 1.5 * random.nextUnit(),
            maximumImpressionShare: 0.85 + 0.13 * random.nextUnit(),
            positionSpread: 2 + 4 * random.nextUnit(),
            clickThroughRateDecay: 0.6 + 0.6 * random.nextUnit(),
            minimumPriceFraction: 0.55 + 0.3 * random.nextUnit()
        )
        let volume = spec.volume
        let searches = min(
            volume.maximumDailySearches,
            volume.minimumDailySearches * pow(random.nextOpenUnit(), -volume.zipfExponent)
        )
        let initialBid = BidWalk.rounded(
            parityBid.scaled(by: exp(spec.bidChanges.initialSpread * random.nextNormal())),
            model: spec.bidChanges
        )

        var walk = BidWalk(seed: bidSeed, initialBid: initialBid, model: spec.bidChanges)
        for _ in 1..<spec.days { _ = walk.advance() }

        return KeywordTruth(
            index: index,
            identity: MarketNames.identity(placement, matchType: matchType),
            placement: placement,
            conversionRate: conversionRate,
            valuePerConversion: Micros(rounding: value),
            clickThroughRateAtTop: min(0.45, clickThroughRate),
            dailySearches: searches,
            competitorBid: competitorBid,
            response: response,
            currentBid: walk.bid,
            qualityScore: qualityScore,
            devices: spec.devices,
            seasonality: spec.seasonality,
            conversionRateChanges: spec.events.compactMap { $0.conversionRateChange(for: placement) }
                .sorted { $0.from < $1.from },
            initialBid: initialBid,
            bidSeed: bidSeed,
            activitySeed: activitySeed
        )
    }

    /// The keyword's identity alone (cheaper than its truth: no priors drawn).
    public func identity(ofKeyword index: Int) -> KeywordIdentity {
        MarketNames.identity(spec.structure.placement(ofKeyword: index), matchType: openStream(ofKeyword: index).1)
    }

    /// The keyword's stream, after its first draw (the match type), which naming needs on its own.
    private func openStream(ofKeyword index: Int) -> (SeededRandom, MatchType) {
        var random = SeededRandom(seed: spec.seed, stream: UInt64(index))
        let matchType = Market.matchType(random.nextUnit())
        return (random, matchType)
    }

    /// The keyword's current attributes as a report would show them (bid, quality score, ids).
    public func attributes(ofKeyword index: Int) -> KeywordAttributes { truth(ofKeyword: index).attributes }

    /// The max CPC on each history day, oldest first: the bid variation a landscape is estimated from.
    public func bidHistory(ofKeyword index: Int) -> [Micros] {
        let truth = truth(ofKeyword: index)
        var walk = BidWalk(seed: truth.bidSeed, initialBid: truth.initialBid, model: spec.bidChanges)
        return (0..<spec.days).map { day in
            if day > 0 { _ = walk.advance() }
            return walk.bid
        }
    }

    /// The expected number of report rows (rows with at least one impression) of the whole market.
    ///
    /// Exact in expectation when `sampleSize ≥ keywordCount`; otherwise scaled up from evenly
    /// spaced keywords, which is enough to size a store or a progress bar.
    public func expectedRowCount(sampleSize: Int = 10_000) -> Double {
        let sampled = min(max(1, sampleSize), spec.keywords)
        var rows = 0.0
        for sample in 0..<sampled {
            let truth = truth(ofKeyword: sample * spec.keywords / sampled)
            var walk = BidWalk(seed: truth.bidSeed, initialBid: truth.initialBid, model: spec.bidChanges)
            var share = truth.response.impressionShare(bid: walk.bid)
            for day in 0..<spec.days {
                if day > 0, walk.advance() { share = truth.response.impressionShare(bid: walk.bid) }
                // Impressions are Poisson(searches × share): a row exists unless that draw is 0.
                let mean = truth.dailySearches * dayFactors[day] * share
                if spec.deviceSegmented {
                    for segment in segments { rows += 1 - exp(-mean * segment.profile.share) }
                } else {
                    rows += 1 - exp(-mean)
                }
            }
        }
        return rows * Double(spec.keywords) / Double(sampled)
    }

    private static func matchType(_ unit: Double) -> MatchType {
        unit < 0.3 ? .broad : unit < 0.6 ? .phrase : .exact
    }

    /// Exact match answers the query best; broad match shows on looser queries that click less.
    private static func clickThroughRateMultiplier(_ matchType: MatchType) -> Double {
        switch matchType {
        case .exact: 1
        case .phrase: 0.75
        case .broad: 0.55
        }
    }
}
