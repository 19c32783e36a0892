import GavelBidding
import GavelCore

/// Small builders for engine tests: keywords with hand-made daily histories ending on ``asOf``.
enum EngineFixtures {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 24)!

    /// A rule file with the given extra YAML, and estimation switched to plain, hand-checkable arithmetic:
    /// fixed prior of 100 clicks, no lag, no drop detection, no minimum data, wide change limits.
    static func ruleSet(goal: String = "target_cpa: 25", extra: String = "") throws -> RuleSet {
        let yaml = """
            name: test
            goal: {\(goal)}
            lookback: {conversion_rate_days: 90, metrics_days: 30}
            limits: {min_bid: 0.05, max_bid: 10, max_raise: 100%, max_lower: 90%, min_clicks: 0}
            estimation:
              pooling: {prior_strength: 100}
              conversion_lag: {estimate: false, mean_days: 0}
              drop_detection: off
            \(extra)
            """
        return try RuleSet.parse(yaml: yaml, fileName: "test.yaml")
    }

    /// `clicks` and `conversions` spread evenly over days `fromAge...toAge` before as-of (age 0 = as-of).
    static func keyword(
        _ text: String, adGroup: String = "G", campaign: String = "Leads DE", bid: Micros? = Micros(units: 1),
        clicks: Int64, conversions: Double, cost: Micros? = nil, value: Micros = .zero,
        ages: ClosedRange<Int> = 31...60,
        attributes: KeywordAttributes = KeywordAttributes(), daysSinceBidChange: Int? = nil,
        topImpressionRate: Double? = nil, device: Device = .all
    ) -> KeywordHistory {
        let days = Int64(ages.count)
        let totalCost = cost ?? Micros(500_000).scaled(by: Double(clicks))
        var points: [DailyPoint] = []
        for (offset, age) in ages.enumerated() {
            let share = offset == 0 ? clicks - clicks / days * (days - 1) : clicks / days
            let fraction = Double(share) / Double(max(clicks, 1))
            points.append(
                DailyPoint(
                    day: asOf.advanced(by: -age), device: device, impressions: share * 10, clicks: share,
                    cost: totalCost.scaled(by: fraction), conversions: conversions * fraction,
                    value: value.scaled(by: fraction), topImpressionRate: topImpressionRate))
        }
        var keywordAttributes = attributes
        keywordAttributes.maxCPC = bid
        return KeywordHistory(
            identity: KeywordIdentity(
                account: "Acme", campaign: campaign, adGroup: adGroup, text: text, matchType: .exact),
            attributes: keywordAttributes, daily: points, daysSinceBidChange: daysSinceBidChange)
    }

    /// The worked example's ad group: a big keyword that brings the group to exactly 3 % with the 3/40 keyword.
    static var workedExample: [KeywordHistory] {
        [keyword("sparse", clicks: 40, conversions: 3), keyword("big", clicks: 9_960, conversions: 297)]
    }
}
