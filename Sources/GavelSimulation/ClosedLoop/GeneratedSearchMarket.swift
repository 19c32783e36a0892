public import GavelCore
public import GavelMarket

import GavelAuction

/// A search market loaded from the market generator's ground truth (`market: {generated: …}`): the same keywords,
/// names, rates, values, competitor bids and starting bids that `gavel generate` writes into a history store.
///
/// Simulating the generator's market means a closed-loop result can be set beside the nightly job's behaviour on
/// the generated demo account, and every keyword's truth is known to score the bids against.
public struct GeneratedSearchMarket: Hashable, Sendable {
    /// Whether keywords share one auction shape or each has its own.
    public enum AuctionShapes: String, Hashable, Sendable, CaseIterable {
        /// Every keyword has the ``SearchAuctionSetup``'s rivals and spread: the market as the generator writes it.
        case uniform
        /// Each keyword draws its shape from ``AuctionShape/varied`` (seeded by the market's seed), so keywords
        /// differ in how a bid change moves their clicks and cost, as real keywords do.
        case varied
    }

    /// How the rivals on each keyword set their bids.
    public enum RivalBids: Hashable, Sendable {
        /// The generator's competitor bids: a level per campaign spread per keyword, unrelated to the keyword's
        /// conversion rate. Strong keywords are then bargains: at the demo target most of the volume sits in
        /// position 1 whatever the bid, where no bidder can do better than another.
        case generated
        /// Rivals value a click as a bidder at `targetCPA` would: each keyword's rivals bid its true conversion
        /// rate × `targetCPA` × a seeded log-normal factor of σ `spread` (median 1). Queries that convert attract
        /// the higher bids, as in equilibrium models of search auctions, so every keyword competes near its value.
        case valueTracking(targetCPA: Micros, spread: Double)

        /// The σ of the rivals' log bids around the keyword's value when a scenario does not say: about the spread
        /// of the generator's competitor bids per keyword (0.45).
        public static let defaultSpread = 0.5
    }

    public var spec: MarketSpec
    public var auctionShapes: AuctionShapes
    public var rivalBids: RivalBids
    /// Caps every keyword's daily searches; `nil`: none. The generator's volumes are heavy-tailed (one keyword of
    /// 2,000 can take half the searches and three quarters of a job's spend), so a comparison of how two bidders
    /// spread money over keywords is decided by the busiest one; capped, the spend spreads over many.
    public var maximumDailySearches: Double?

    public init(
        spec: MarketSpec, auctionShapes: AuctionShapes = .uniform, rivalBids: RivalBids = .generated,
        maximumDailySearches: Double? = nil
    ) {
        self.spec = spec
        self.auctionShapes = auctionShapes
        self.rivalBids = rivalBids
        self.maximumDailySearches = maximumDailySearches
    }

    /// The generator's defaults with a keyword count, a seed and, optionally, a volume floor and varied shapes.
    /// - Parameter minimumDailySearches: the smallest keyword's daily searches; every keyword's volume scales with
    ///   it (the generator's default is 0.2, a long tail in which most keywords see a search every few days).
    public init(
        keywords: Int,
        seed: UInt64,
        minimumDailySearches: Double? = nil,
        auctionShapes: AuctionShapes = .uniform,
        rivalBids: RivalBids = .generated,
        maximumDailySearches: Double? = nil
    ) {
        var spec = MarketSpec(seed: seed, keywords: keywords)
        if let minimumDailySearches { spec.volume.minimumDailySearches = minimumDailySearches }
        self.init(
            spec: spec, auctionShapes: auctionShapes, rivalBids: rivalBids, maximumDailySearches: maximumDailySearches)
    }

    /// The first day after the generator's history: where a simulation of this account continues.
    public var firstDay: CalendarDay { spec.asOf.advanced(by: 1) }

    /// Mean days between a click and the report showing its conversion, as the generator's history has them.
    public var conversionLagMeanDays: Double { spec.conversionLagMeanDays }

    /// Every keyword with its generated names, current bid and truth.
    /// - Throws: `MarketSpecError` when the spec cannot describe a market.
    public func keywords() throws(MarketSpecError) -> [SimulatedKeyword] {
        let market = try Market(spec: spec)
        // Streams of their own, so shapes and rival bids leave the generator's draws, and each other, unchanged.
        var shapes = SeededRandom(seed: spec.seed, stream: Self.shapeStream)
        var rivals = SeededRandom(seed: spec.seed, stream: Self.rivalStream)
        return (0..<market.keywordCount).map { index in
            var keyword = SimulatedKeyword(market.truth(ofKeyword: index))
            if let maximumDailySearches {
                keyword.truth.queryVolume = min(keyword.truth.queryVolume, maximumDailySearches)
            }
            if auctionShapes == .varied {
                let pick = Int(shapes.next() % UInt64(AuctionShape.varied.count))
                keyword.truth.auctionShape = AuctionShape.varied[pick]
            }
            if case .valueTracking(let targetCPA, let spread) = rivalBids {
                let factor = Distribution.logNormal(mu: 0, sigma: spread).sample(using: &rivals)
                keyword.truth.competitorBid = max(
                    MarketPriors.lowestCompetitorBid, targetCPA.scaled(by: keyword.truth.conversionRate * factor))
            }
            return keyword
        }
    }

    /// The random stream of the shape draws ("shapes" in ASCII).
    private static let shapeStream: UInt64 = 0x73_6861_7065_73
    /// The random stream of the rival bid draws ("rivals" in ASCII).
    private static let rivalStream: UInt64 = 0x72_6976_616C_73
}

extension SimulatedKeyword {
    /// A generated keyword, starting at the bid the generator's account holds on its last history day.
    public init(_ truth: KeywordTruth) {
        self.init(identity: truth.identity, attributes: truth.attributes, truth: SearchKeywordTruth(truth))
    }
}

extension SearchKeywordTruth {
    /// The simulator's view of a generated keyword, over all devices as an unsegmented report shows it.
    ///
    /// The generator states CTR and CVR for a device with multiplier 1 (desktop); the account's traffic is the
    /// device mix, so both are scaled by the mix's blended multipliers (search-weighted CTR, click-weighted CVR).
    public init(_ truth: KeywordTruth) {
        let blended = truth.devices.blended
        self.init(
            queryVolume: truth.dailySearches,
            clickThroughRateAtTop: min(1, truth.clickThroughRateAtTop * blended.clickThroughRateMultiplier),
            conversionRate: min(1, truth.conversionRate * blended.conversionRateMultiplier),
            valuePerConversion: truth.valuePerConversion,
            competitorBid: truth.competitorBid,
            qualityScore: truth.qualityScore
        )
    }
}
