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
