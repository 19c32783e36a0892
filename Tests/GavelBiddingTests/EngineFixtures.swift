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

    /// A keyword on every search (share "> 90 %") that spent two weeks at €0.80 mostly below the top slots (page
    /// strength 0.2) and the last two at €1.00 mostly on top (0.7): enough bid variation for a fitted landscape.
    static func pagePositionKeyword(_ text: String, simulation: BidSimulation? = nil) -> PortfolioKeyword {
        let daily = (0..<28).map { age in
            let low = age >= 14
            return DailyPoint(
                day: asOf.advanced(by: -age), impressions: 1_000, clicks: low ? 40 : 60,
                cost: Micros(units: low ? 16 : 45), conversions: low ? 2 : 3,
                topImpressionRate: low ? 0.3 : 0.9, absoluteTopImpressionRate: low ? 0.1 : 0.5,
                searchImpressionShare: 0.95)
        }
        var attributes = KeywordAttributes()
        attributes.maxCPC = Micros(units: 1)
        return PortfolioKeyword(
            history: KeywordHistory(
                identity: KeywordIdentity(account: "Acme", campaign: "C", adGroup: "G", text: text, matchType: .exact),
                attributes: attributes, daily: daily),
            bids: [
                DailyBid(day: asOf.advanced(by: -27), bid: Micros(800_000)),
                DailyBid(day: asOf.advanced(by: -13), bid: Micros(units: 1)),
            ],
            simulation: simulation)
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
