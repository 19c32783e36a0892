public import GavelCore

/// Everything that defines a synthetic market: the same spec gives the same market, fact for fact.
///
/// The history covers the `days` days *ending at* `asOf` (inclusive): `asOf` is the last day the
/// report covers, as if it were downloaded the next morning. A conversion from a click on day `d`
/// with a lag of `L` days is in the report only if `d + L ≤ asOf`, so the last days look worse
/// than they are — exactly the conversion-delay pitfall the bidding code must handle.
public struct MarketSpec: Sendable, Hashable, Codable {
    /// Every random draw derives from this seed and the keyword's index.
    public var seed: UInt64
    /// How many keywords the portfolio holds.
    public var keywords: Int
    /// How many days of history end at `asOf`.
    public var days: Int
    /// The last day of history (the report's end date).
    public var asOf: CalendarDay
    /// How keywords are grouped into ad groups, campaigns and accounts.
    public var structure: MarketStructure
    /// One row per device (desktop, mobile, tablet) when `true`; one `Device.all` row per day otherwise.
    public var deviceSegmented: Bool
    /// How searches, clicks and conversions split across devices.
    public var devices: DeviceMix
    /// Mean days between a click and its conversion (geometric lag; 0 means same day).
    public var conversionLagMeanDays: Double
    /// Weekly pattern and the December peak of search volume.
    public var seasonality: Seasonality
    /// The heavy-tailed spread of daily searches across keywords.
    public var volume: SearchVolumeModel
    /// The hierarchy of priors that true rates, values and competitor bids are drawn from.
    public var priors: MarketPriors
    /// How the simulated advertiser moved bids during the history.
    public var bidChanges: BidChangeModel
    /// Things that happened during the history, such as a landing page that converts worse.
    public var events: [MarketEvent]

    public init(
        seed: UInt64 = 1,
        keywords: Int = 10_000,
        days: Int = 90,
        asOf: CalendarDay = CalendarDay(year: 2026, month: 11, day: 24)!,
        structure: MarketStructure = MarketStructure(),
        deviceSegmented: Bool = true,
        devices: DeviceMix = .standard,
        conversionLagMeanDays: Double = 2,
        seasonality: Seasonality = .standard,
        volume: SearchVolumeModel = SearchVolumeModel(),
        priors: MarketPriors = MarketPriors(),
        bidChanges: BidChangeModel = BidChangeModel(),
        events: [MarketEvent] = []
    ) {
        self.seed = seed
        self.keywords = keywords
        self.days = days
        self.asOf = asOf
        self.structure = structure
        self.deviceSegmented = deviceSegmented
        self.devices = devices
        self.conversionLagMeanDays = conversionLagMeanDays
        self.seasonality = seasonality
        self.volume = volume
        self.priors = priors
        self.bidChanges = bidChanges
        self.events = events
    }

    /// The days the history covers: `days` days ending at `asOf`.
    public var historyRange: DayRange { DayRange(first: asOf.advanced(by: 1 - days), last: asOf) }

    /// The lag distribution that `conversionLagMeanDays` describes.
    public var conversionLag: ConversionLag { ConversionLag(meanDays: conversionLagMeanDays) }

    /// Checks every field a user can set from a command line or a simulation file.
    public func validate() throws(MarketSpecError) {
        func require(_ condition: Bool, _ field: String, _ reason: String) throws(MarketSpecError) {
            if !condition { throw MarketSpecError(field: field, reason: reason) }
        }
        try require(keywords > 0, "keywords", "must be at least 1, got \(keywords)")
        try require(days > 0, "days", "must be at least 1, got \(days)")
        try require(structure.keywordsPerAdGroup > 0, "structure.keywordsPerAdGroup", "must be at least 1")
        try require(structure.adGroupsPerCampaign > 0, "structure.adGroupsPerCampaign", "must be at least 1")
        try require(structure.campaignsPerAccount > 0, "structure.campaignsPerAccount", "must be at least 1")
        try require(
            conversionLagMeanDays >= 0 && conversionLagMeanDays.isFinite,
            "conversionLagMeanDays",
            "must be a finite number ≥ 0, got \(conversionLagMeanDays)"
        )
        try devices.validate()
        try seasonality.validate()
        try volume.validate()
        try priors.validate()
        try bidChanges.validate()
        for event in events { try event.validate(structure: structure, keywords: keywords) }
    }
}

/// A spec field that cannot describe a market, named the way the spec spells it.
public struct MarketSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field's path, e.g. `devices.mobile.share`.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "invalid market spec: \(field) \(reason)" }
}

/// Fixed-size grouping: keyword `i` sits in ad group `i / keywordsPerAdGroup`, and so on up.
///
/// Fixed sizes make every level an O(1) index computation, so a keyword's identity and priors
/// never need a table of a million rows. The last account, campaign and ad group may be partial.
public struct MarketStructure: Sendable, Hashable, Codable {
    public var keywordsPerAdGroup: Int
    public var adGroupsPerCampaign: Int
    public var campaignsPerAccount: Int

    public init(keywordsPerAdGroup: Int = 20, adGroupsPerCampaign: Int = 25, campaignsPerAccount: Int = 20) {
        self.keywordsPerAdGroup = keywordsPerAdGroup
        self.adGroupsPerCampaign = adGroupsPerCampaign
        self.campaignsPerAccount = campaignsPerAccount
    }

    /// Where keyword `index` lives.
    public func placement(ofKeyword index: Int) -> KeywordPlacement {
        let adGroup = index / keywordsPerAdGroup
        let campaign = adGroup / adGroupsPerCampaign
        return KeywordPlacement(
            keyword: index,
            adGroup: adGroup,
            campaign: campaign,
            account: campaign / campaignsPerAccount,
            keywordInAdGroup: index % keywordsPerAdGroup,
            adGroupInCampaign: adGroup % adGroupsPerCampaign,
            campaignInAccount: campaign % campaignsPerAccount
        )
    }

    /// The keyword indices of ad group `adGroup` in a market of `keywords` keywords.
    public func keywords(inAdGroup adGroup: Int, of keywords: Int) -> Range<Int> {
        min(adGroup * keywordsPerAdGroup, keywords)..<min((adGroup + 1) * keywordsPerAdGroup, keywords)
    }
}

/// A keyword's position in the account tree, as global indices and as indices within its parent.
public struct KeywordPlacement: Sendable, Hashable, Codable {
    public var keyword: Int
    public var adGroup: Int
    public var campaign: Int
    public var account: Int
    public var keywordInAdGroup: Int
    public var adGroupInCampaign: Int
    public var campaignInAccount: Int
}

/// Daily searches per keyword: a Pareto tail, so ranked volumes follow Zipf's law.
///
/// Each keyword draws `minimumDailySearches × U^(−zipfExponent)` independently from its own
/// stream; the rank–frequency curve of such draws is Zipf with that exponent, without a
/// global ranking pass that would tie one keyword's volume to the portfolio size.
public struct SearchVolumeModel: Sendable, Hashable, Codable {
    /// Zipf exponent `s` of the rank–frequency curve (tail index 1/s); below 1 keeps the mean finite.
    public var zipfExponent: Double
    /// The smallest keyword's expected daily searches (all devices, before seasonality).
    public var minimumDailySearches: Double
    /// A cap on the head, so no keyword is bigger than a real market allows.
    public var maximumDailySearches: Double

    public init(zipfExponent: Double = 0.9, minimumDailySearches: Double = 0.2, maximumDailySearches: Double = 50_000) {
        self.zipfExponent = zipfExponent
        self.minimumDailySearches = minimumDailySearches
        self.maximumDailySearches = maximumDailySearches
    }

    func validate() throws(MarketSpecError) {
        guard zipfExponent > 0, zipfExponent < 1 else {
            throw MarketSpecError(field: "volume.zipfExponent", reason: "must be in (0, 1), got \(zipfExponent)")
        }
        guard minimumDailySearches > 0, maximumDailySearches >= minimumDailySearches else {
            throw MarketSpecError(
                field: "volume.minimumDailySearches",
                reason: "must be > 0 and ≤ maximumDailySearches"
            )
        }
    }
}

/// The priors behind the ground truth: account → campaign → ad group → keyword.
///
/// CVR is drawn down the tree with beta distributions, so keywords of one ad group resemble each
/// other — the structure that pooled estimators exploit when a long-tail keyword has few clicks.
public struct MarketPriors: Sendable, Hashable, Codable {
    /// Median of the accounts' mean conversion rate.
    public var conversionRate: Double
    /// Lognormal spread of account and campaign mean CVR around their parent.
    public var conversionRateSpread: Double
    /// Beta concentration of an ad group's CVR around its campaign's.
    public var adGroupConcentration: Double
    /// Beta concentration of a keyword's CVR around its ad group's (lower = more keyword-to-keyword spread).
    public var keywordConcentration: Double
    /// Median value per conversion across accounts.
    public var valuePerConversion: Micros
    /// Lognormal spread of value per conversion: per account, per campaign and per keyword.
    public var valueSpread: Double
    /// Lognormal spread of single conversions' values around the keyword's mean.
    public var conversionValueSpread: Double
    /// Median competitor bid level across campaigns.
    public var competitorBid: Micros
    /// The lowest competitor bid the generator draws: a cent, the smallest bid the platforms accept.
    public static let lowestCompetitorBid = Micros(10_000)
    /// Lognormal spread of competitor bid levels per campaign and per keyword.
    public var competitorBidSpread: Double
    /// Median CTR at position 1 for an exact-match generic keyword.
    public var clickThroughRateAtTop: Double
    /// Day-to-day lognormal noise of the CPC actually paid.
    public var costPerClickNoise: Double

    public init(
        conversionRate: Double = 0.03,
        conversionRateSpread: Double = 0.3,
        adGroupConcentration: Double = 60,
        keywordConcentration: Double = 25,
        valuePerConversion: Micros = Micros(units: 60),
        valueSpread: Double = 0.4,
        conversionValueSpread: Double = 0.6,
        competitorBid: Micros = Micros(800_000),
        competitorBidSpread: Double = 0.45,
        clickThroughRateAtTop: Double = 0.08,
        costPerClickNoise: Double = 0.1
    ) {
        self.conversionRate = conversionRate
        self.conversionRateSpread = conversionRateSpread
        self.adGroupConcentration = adGroupConcentration
        self.keywordConcentration = keywordConcentration
        self.valuePerConversion = valuePerConversion
        self.valueSpread = valueSpread
        self.conversionValueSpread = conversionValueSpread
        self.competitorBid = competitorBid
        self.competitorBidSpread = competitorBidSpread
        self.clickThroughRateAtTop = clickThroughRateAtTop
        self.costPerClickNoise = costPerClickNoise
    }

    func validate() throws(MarketSpecError) {
        func require(_ condition: Bool, _ field: String, _ reason: String) throws(MarketSpecError) {
            if !condition { throw MarketSpecError(field: "priors.\(field)", reason: reason) }
        }
        try require(conversionRate > 0 && conversionRate < 0.5, "conversionRate", "must be in (0, 0.5)")
        try require(
            clickThroughRateAtTop > 0 && clickThroughRateAtTop < 0.5,
            "clickThroughRateAtTop",
            "must be in (0, 0.5)"
        )
        try require(adGroupConcentration > 0 && keywordConcentration > 0, "keywordConcentration", "must be > 0")
        try require(valuePerConversion > .zero, "valuePerConversion", "must be > 0")
        try require(competitorBid >= Self.lowestCompetitorBid, "competitorBid", "must be at least 0.01")
        for (name, spread) in [
            ("conversionRateSpread", conversionRateSpread), ("valueSpread", valueSpread),
            ("conversionValueSpread", conversionValueSpread), ("competitorBidSpread", competitorBidSpread),
            ("costPerClickNoise", costPerClickNoise),
        ] {
            try require(spread >= 0 && spread <= 2, name, "must be in [0, 2], got \(spread)")
        }
    }
}

/// How the simulated advertiser moved bids: now and then, by 10–30 %, so the history holds the
/// bid variation that bid-landscape estimation needs.
public struct BidChangeModel: Sendable, Hashable, Codable {
    /// Chance that a keyword's bid changes on a given day.
    public var probabilityPerDay: Double
    /// Size of a change as a fraction of the bid, up or down with equal chance.
    public var changeFraction: ClosedRange<Double>
    /// Lognormal spread of the starting bid around the keyword's competitor bid.
    public var initialSpread: Double
    /// Bids stay within these bounds (the platform's minimum, a sane maximum).
    public var minimumBid: Micros
    public var maximumBid: Micros

    public init(
        probabilityPerDay: Double = 0.1,
        changeFraction: ClosedRange<Double> = 0.1...0.3,
        initialSpread: Double = 0.35,
        minimumBid: Micros = Micros(50_000),
        maximumBid: Micros = Micros(units: 50)
    ) {
        self.probabilityPerDay = probabilityPerDay
        self.changeFraction = changeFraction
        self.initialSpread = initialSpread
        self.minimumBid = minimumBid
        self.maximumBid = maximumBid
    }

    func validate() throws(MarketSpecError) {
        guard (0...1).contains(probabilityPerDay) else {
            throw MarketSpecError(field: "bidChanges.probabilityPerDay", reason: "must be in [0, 1]")
        }
        guard changeFraction.lowerBound >= 0, changeFraction.upperBound < 1 else {
            throw MarketSpecError(field: "bidChanges.changeFraction", reason: "must lie in [0, 1)")
        }
        guard initialSpread >= 0, minimumBid >= Micros(10_000), maximumBid >= minimumBid else {
            throw MarketSpecError(
                field: "bidChanges.minimumBid",
                reason: "must be ≥ 0.01 and ≤ maximumBid, with initialSpread ≥ 0"
            )
        }
    }
}
