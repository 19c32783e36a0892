import GavelCore

/// The names rule conditions (and the categorizer's filters) can read for a keyword.
///
/// The raw value is the slot in ``schema``, so filling a keyword's values is writing a flat buffer by index.
/// Money is in currency units, rates and shares are fractions (5 % is 0.05), a missing value is NaN.
public enum KeywordMetric: Int, CaseIterable, Sendable {
    case impressions, clicks, cost, conversions, value
    case ctr, cvr, cpa, roas, cpm, avgCPC, valuePerClick
    case bid, qualityScore, topImpressionRate, absoluteTopImpressionRate, searchImpressionShare, daysSinceBidChange
    /// The pooled, lag- and season-corrected conversion-rate estimate the strategy used.
    case estimatedCVR
    /// The bid the strategy proposes before rules and guardrails.
    case strategyBid
    case targetCPA, targetROAS, maxCPC, maxCPM

    /// The name written in expressions.
    public var name: String {
        switch self {
        case .impressions: "impressions"
        case .clicks: "clicks"
        case .cost: "cost"
        case .conversions: "conversions"
        case .value: "value"
        case .ctr: "ctr"
        case .cvr: "cvr"
        case .cpa: "cpa"
        case .roas: "roas"
        case .cpm: "cpm"
        case .avgCPC: "avg_cpc"
        case .valuePerClick: "value_per_click"
        case .bid: "bid"
        case .qualityScore: "quality_score"
        case .topImpressionRate: "top_impression_rate"
        case .absoluteTopImpressionRate: "abs_top_impression_rate"
        case .searchImpressionShare: "search_impression_share"
        case .daysSinceBidChange: "days_since_bid_change"
        case .estimatedCVR: "est_cvr"
        case .strategyBid: "strategy_bid"
        case .targetCPA: "target_cpa"
        case .targetROAS: "target_roas"
        case .maxCPC: "max_cpc"
        case .maxCPM: "max_cpm"
        }
    }

    /// Slot `m.rawValue` holds metric `m`.
    public static let schema = ExpressionSchema(numbers: allCases.map(\.name))
}

extension KeywordMetric {
    /// Writes the metrics that follow from additive totals (volumes, rates, costs; NaN where a ratio has no
    /// denominator), so bid rules and saved filters read the same numbers for the same keyword.
    static func fillTotals(_ values: UnsafeMutableBufferPointer<Double>, from totals: PerformanceTotals) {
        func ratio(_ numerator: Double, _ denominator: Double) -> Double {
            denominator > 0 ? numerator / denominator : .nan
        }
        func set(_ metric: KeywordMetric, _ number: Double) { values[metric.rawValue] = number }
        let impressions = Double(totals.impressions)
        let clicks = Double(totals.clicks)
        let cost = totals.cost.units
        let value = totals.conversionValue.units
        set(.impressions, impressions)
        set(.clicks, clicks)
        set(.cost, cost)
        set(.conversions, totals.conversions)
        set(.value, value)
        set(.ctr, ratio(clicks, impressions))
        set(.cvr, ratio(totals.conversions, clicks))
        set(.cpa, ratio(cost, totals.conversions))
        set(.roas, ratio(value, cost))
        set(.cpm, ratio(cost * 1000, impressions))
        set(.avgCPC, ratio(cost, clicks))
        set(.valuePerClick, ratio(value, clicks))
    }
}
