public import GavelCore

extension Market {
    /// Calls `body` with each report row of keyword `index`: one per day × device with at least one
    /// impression (platforms omit the others), oldest day first, devices in report order.
    ///
    /// Conversions are credited to the click day but only those reported by `asOf` are included.
    public func history(ofKeyword index: Int, _ body: (PerformanceFact) throws -> Void) rethrows {
        var generator = KeywordHistory(market: self, truth: truth(ofKeyword: index))
        try generator.run { fact, _ in try body(fact) }
    }
}

/// Counts of one report cell before they become a fact; devices add up when the report is unsegmented.
struct CellCounts {
    var searches: Int64 = 0
    var impressions: Int64 = 0
    var clicks: Int64 = 0
    var cost: Int64 = 0
    var conversions: Int64 = 0
    var conversionValue: Double = 0

    static func += (lhs: inout CellCounts, rhs: CellCounts) {
        lhs.searches += rhs.searches
        lhs.impressions += rhs.impressions
        lhs.clicks += rhs.clicks
        lhs.cost += rhs.cost
        lhs.conversions += rhs.conversions
        lhs.conversionValue += rhs.conversionValue
    }
}

/// Simulates one keyword's days: searches → impressions (share of the day's bid) → clicks (CTR of
/// its position) → cost (CPC paid ≤ bid) → conversions, each with its own lag, kept if reported.
struct KeywordHistory {
    private let market: Market
    private let truth: KeywordTruth
    private var random: SeededRandom
    private var walk: BidWalk
    private let lagRatio: Double
    private let valueNoise: Double
    private let priceNoise: Double
    // What the current bid buys; recomputed only on days the bid changes.
    private var impressionShare = 0.0
    private var clickThroughRate = 0.0
    private var costPerClick = 0.0

    init(market: Market, truth: KeywordTruth) {
        self.market = market
        self.truth = truth
        self.random = SeededRandom(seed: truth.activitySeed)
        self.walk = BidWalk(seed: truth.bidSeed, initialBid: truth.initialBid, model: market.spec.bidChanges)
        self.lagRatio = market.spec.conversionLag.ratio
        self.valueNoise = market.spec.priors.conversionValueSpread
        self.priceNoise = market.spec.priors.costPerClickNoise
        priceCurrentBid()
    }

    private mutating func priceCurrentBid() {
        let bid = walk.bid
        impressionShare = truth.response.impressionShare(bid: bid)
        clickThroughRate = truth.clickThroughRateAtTop * truth.response.positionFactor(bid: bid)
        costPerClick = Double(truth.response.costPerClick(bid: bid).rawValue)
    }

    /// Yields each report row with the bid the advertiser had set that day.
    mutating func run(_ body: (PerformanceFact, Micros) throws -> Void) rethrows {
        let spec = market.spec
        let first = spec.historyRange.first
        for dayIndex in 0..<spec.days {
            if dayIndex > 0, walk.advance() { priceCurrentBid() }
            let day = first.advanced(by: dayIndex)
            let conversionRate = truth.conversionRate * truth.conversionRateFactor(on: day)
            let searches = truth.dailySearches * market.dayFactors[dayIndex]
            let reportWindow = spec.days - 1 - dayIndex
            var merged = CellCounts()
            for segment in market.segments {
                let cell = simulateCell(
                    searches: searches,
                    profile: segment.profile,
                    conversionRate: conversionRate,
                    reportWindow: reportWindow
                )
                guard cell.impressions > 0 else { continue }
                if spec.deviceSegmented {
                    try body(fact(cell, day: day, device: segment.device), walk.bid)
                } else {
                    merged += cell
                }
            }
            if !spec.deviceSegmented, merged.impressions > 0 { try body(fact(merged, day: day, device: .all), walk.bid) }
        }
    }

    /// One day on one device. Draws nothing beyond the search count when there are no searches,
    /// which is most cells of a long-tail portfolio.
    private mutating func simulateCell(
        searches expectedSearches: Double,
        profile: DeviceProfile,
        conversionRate: Double,
        reportWindow: Int
    ) -> CellCounts {
        var cell = CellCounts()
        cell.searches = random.nextPoisson(mean: expectedSearches * profile.share)
        guard cell.searches > 0 else { return cell }
        cell.impressions = random.nextBinomial(trials: cell.searches, probability: impressionShare)
        guard cell.impressions > 0 else { return cell }
        cell.clicks = random.nextBinomial(
            trials: cell.impressions,
            probability: min(1, clickThroughRate * profile.clickThroughRateMultiplier)
        )
        guard cell.clicks > 0 else { return cell }
        let noisyPrice = costPerClick * profile.costPerClickMultiplier * random.nextMeanOneLognormal(sigma: priceNoise)
        let price = min(walk.bid.rawValue, max(10_000, Int64(noisyPrice.rounded())))
        cell.cost = cell.clicks * price
        let converting = random.nextBinomial(
            trials: cell.clicks,
            probability: min(1, conversionRate * profile.conversionRateMultiplier)
        )
        for _ in 0..<converting {
            let lag = random.nextGeometric(ratio: lagRatio)
            let value = truth.valuePerConversion.units * random.nextMeanOneLognormal(sigma: valueNoise)
            if lag <= reportWindow {
                cell.conversions += 1
                cell.conversionValue += value
            }
        }
        return cell
    }

    private func fact(_ cell: CellCounts, day: CalendarDay, device: Device) -> PerformanceFact {
        let share = Double(cell.impressions) / Double(cell.searches)
        // Platforms censor impression share at 10 % and 90 % (Google Ads API convention in Core).
        let reportedShare = share < 0.1 ? ShareMetrics.below(0.1) : share > 0.9 ? ShareMetrics.above(0.9) : share
        return PerformanceFact(
            keyword: truth.identity,
            period: DayRange(day: day),
            device: device,
            impressions: cell.impressions,
            clicks: cell.clicks,
            cost: Micros(cell.cost),
            conversions: Double(cell.conversions),
            conversionValue: Micros(rounding: cell.conversionValue),
            shares: ShareMetrics(searchImpressionShare: reportedShare)
        )
    }
}
