/// Shares the platforms report as percentages, stored as fractions (0.42 for 42 %).
///
/// Censored values follow the Google Ads API convention: `< 10%` is stored as 0.0999 and
/// `> 90%` as 0.9001, so a reader can tell a bound from a measurement without a second column.
public struct ShareMetrics: Hashable, Sendable, Codable {
    /// `Impr. (Top) %`: share of impressions shown above the organic results.
    public var topImpressionRate: Double?
    /// `Impr. (Abs. Top) %`: share of impressions shown as the very first ad.
    public var absoluteTopImpressionRate: Double?
    /// `Search impr. share`.
    public var searchImpressionShare: Double?
    /// `Search top IS`.
    public var searchTopImpressionShare: Double?
    /// `Click share`.
    public var clickShare: Double?

    public init(
        topImpressionRate: Double? = nil, absoluteTopImpressionRate: Double? = nil,
        searchImpressionShare: Double? = nil, searchTopImpressionShare: Double? = nil, clickShare: Double? = nil
    ) {
        self.topImpressionRate = topImpressionRate
        self.absoluteTopImpressionRate = absoluteTopImpressionRate
        self.searchImpressionShare = searchImpressionShare
        self.searchTopImpressionShare = searchTopImpressionShare
        self.clickShare = clickShare
    }

    /// The value stored for a censored `< bound` reading (Google Ads API convention).
    public static func below(_ bound: Double) -> Double { bound - 0.0001 }
    /// The value stored for a censored `> bound` reading (Google Ads API convention).
    public static func above(_ bound: Double) -> Double { bound + 0.0001 }
}

/// What one keyword did on one device over one period (usually one day).
///
/// Conversions are fractional because platforms report data-driven and cross-device
/// attribution in fractions (`3.47`); conversion value is money, so micros.
public struct PerformanceFact: Hashable, Sendable, Codable {
    public var keyword: KeywordIdentity
    public var period: DayRange
    public var device: Device
    public var impressions: Int64
    public var clicks: Int64
    public var cost: Micros
    public var conversions: Double
    public var conversionValue: Micros
    public var shares: ShareMetrics

    public init(
        keyword: KeywordIdentity, period: DayRange, device: Device = .all,
        impressions: Int64, clicks: Int64, cost: Micros, conversions: Double, conversionValue: Micros,
        shares: ShareMetrics = ShareMetrics()
    ) {
        self.keyword = keyword
        self.period = period
        self.device = device
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.conversions = conversions
        self.conversionValue = conversionValue
        self.shares = shares
    }

    public var totals: PerformanceTotals {
        PerformanceTotals(
            impressions: impressions, clicks: clicks, cost: cost, conversions: conversions,
            conversionValue: conversionValue)
    }
}

/// Additive performance counts and the ratios specialists read off them.
///
/// Ratios are `nil` when their denominator is zero: a keyword with no clicks has no CVR,
/// which is not the same as a CVR of 0.
public struct PerformanceTotals: Hashable, Sendable, Codable {
    public var impressions: Int64
    public var clicks: Int64
    public var cost: Micros
    public var conversions: Double
    public var conversionValue: Micros

    public init(
        impressions: Int64 = 0, clicks: Int64 = 0, cost: Micros = .zero, conversions: Double = 0,
        conversionValue: Micros = .zero
    ) {
        self.impressions = impressions
        self.clicks = clicks
        self.cost = cost
        self.conversions = conversions
        self.conversionValue = conversionValue
    }

    public static let zero = PerformanceTotals()

    public static func + (lhs: PerformanceTotals, rhs: PerformanceTotals) -> PerformanceTotals {
        PerformanceTotals(
            impressions: lhs.impressions + rhs.impressions, clicks: lhs.clicks + rhs.clicks,
            cost: lhs.cost + rhs.cost, conversions: lhs.conversions + rhs.conversions,
            conversionValue: lhs.conversionValue + rhs.conversionValue)
    }

    public static func += (lhs: inout PerformanceTotals, rhs: PerformanceTotals) { lhs = lhs + rhs }

    /// Click-through rate: clicks ÷ impressions.
    public var ctr: Double? { impressions > 0 ? Double(clicks) / Double(impressions) : nil }
    /// Conversion rate: conversions ÷ clicks.
    public var cvr: Double? { clicks > 0 ? conversions / Double(clicks) : nil }
    /// Cost per acquisition: cost ÷ conversions.
    public var cpa: Micros? { conversions > 0 ? Micros(rounding: cost.units / conversions) : nil }
    /// Return on ad spend: conversion value ÷ cost.
    public var roas: Double? { cost.rawValue > 0 ? conversionValue.units / cost.units : nil }
    /// Average cost per click.
    public var averageCPC: Micros? { clicks > 0 ? Micros(rounding: cost.units / Double(clicks)) : nil }
    /// Cost per thousand impressions.
    public var cpm: Micros? { impressions > 0 ? Micros(rounding: cost.units * 1000 / Double(impressions)) : nil }
    /// Conversion value per click: what a click is worth to a revenue goal.
    public var valuePerClick: Micros? {
        clicks > 0 ? Micros(rounding: conversionValue.units / Double(clicks)) : nil
    }
}
