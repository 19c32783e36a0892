public import GavelCore

/// A rival advertiser on a keyword: its per-click bid varies from query to query.
public struct SearchCompetitor: Hashable, Sendable {
    public var bid: Distribution
    public var quality: Double

    public init(bid: Distribution, quality: Double = 1) {
        self.bid = bid
        self.quality = quality
    }
}

/// One keyword of the simulated advertiser, as the market generator's ground truth describes it.
public struct SearchKeyword: Hashable, Sendable {
    /// Relative number of queries (e.g. searches per day); keywords are drawn in proportion.
    public var queryVolume: Double
    /// The advertiser's quality score as a click multiplier on the slot click-through rates.
    public var quality: Double
    public var conversionRate: Double
    /// Value of one conversion, in currency units.
    public var conversionValue: Double
    public var competitors: [SearchCompetitor]

    public init(
        queryVolume: Double,
        quality: Double = 1,
        conversionRate: Double,
        conversionValue: Double,
        competitors: [SearchCompetitor]
    ) {
        self.queryVolume = queryVolume
        self.quality = quality
        self.conversionRate = conversionRate
        self.conversionValue = conversionValue
        self.competitors = competitors
    }
}

/// A search-ads market: each query picks a keyword by volume and runs a position auction (GSP or VCG)
/// between the advertiser and the keyword's competitors; a slot brings a click with the slot's
/// click-through rate × quality, and the click is charged.
///
/// Bids are per click. The opportunity's θ is the keyword's conversion rate and its value the
/// expected conversion value per click.
public struct SearchMarket: Market, Hashable {
    public var keywords: [SearchKeyword]
    /// Slot click curve, reserves and pricing rule.
    public var auction: PositionAuction
    private let cumulativeVolume: [Double]

    public init(keywords: [SearchKeyword], auction: PositionAuction) {
        precondition(!keywords.isEmpty && keywords.allSatisfy { $0.queryVolume >= 0 }, "need keywords with volume")
        self.keywords = keywords
        self.auction = auction
        var running = 0.0
        self.cumulativeVolume = keywords.map {
            running += $0.queryVolume
            return running
        }
        precondition(running > 0, "total query volume must be positive")
    }

    public struct Query: Hashable, Sendable {
        public var keyword: Int
    }

    public func next(using random: inout SeededRandom) -> Query {
        let target = random.nextUnit() * cumulativeVolume[cumulativeVolume.count - 1]
        var low = 0
        var high = cumulativeVolume.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeVolume[middle] > target { high = middle } else { low = middle + 1 }
        }
        return Query(keyword: low)
    }

    public func opportunity(of query: Query) -> Opportunity {
        let keyword = keywords[query.keyword]
        return Opportunity(
            predictedRate: keyword.conversionRate,
            value: keyword.conversionRate * keyword.conversionValue,
            keyword: query.keyword
        )
    }

    public func resolve(
        _ query: Query,
        bid: Double,
        order: TieOrder,
        random: inout SeededRandom
    )
        -> AuctionResult
    {
        let keyword = keywords[query.keyword]
        let rivals = keyword.competitors
        let slots = auction.slotCount
        let won: (slot: Int, pricePerClick: Double)? = withUnsafeTemporaryAllocation(
            of: AuctionEntry.self,
            capacity: rivals.count + 1
        ) { entries in
            entries[0] = AuctionEntry(bid: bid, quality: keyword.quality)
            for (index, rival) in rivals.enumerated() {
                entries[index + 1] = AuctionEntry(bid: rival.bid.sample(using: &random), quality: rival.quality)
            }
            return withUnsafeTemporaryAllocation(of: SlotAward.self, capacity: slots) { awards in
                let filled = auction.run(UnsafeBufferPointer(entries), into: awards, order: order)
                guard let slot = awards.prefix(filled).firstIndex(where: { $0.bidder == 0 }) else { return nil }
                return (slot, awards[slot].pricePerClick)
            }
        }
        guard let won else { return .lost }
        guard random.nextUnit() < min(1, auction.clickRates[won.slot] * keyword.quality) else {
            return AuctionResult(won: true)
        }
        guard random.nextUnit() < keyword.conversionRate else {
            return AuctionResult(won: true, cost: won.pricePerClick, clicks: 1)
        }
        return AuctionResult(
            won: true,
            cost: won.pricePerClick,
            clicks: 1,
            conversions: 1,
            conversionValue: keyword.conversionValue
        )
    }
}
