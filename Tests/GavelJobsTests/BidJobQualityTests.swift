import GavelBidding
import GavelCore
import GavelJobs
import GavelMarket
import GavelStore
import Testing

import struct Foundation.UUID
import class Foundation.FileManager

/// A generated market in a temporary store, shared by the quality tests (generation is the slow part).
final class GeneratedHistory: Sendable {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 24)!
    static let landingPageDay = asOf.advanced(by: -25)

    let path: String
    let store: HistoryStore
    let market: Market
    /// The index of the campaign whose landing page changed.
    let changedCampaign: Int

    init(keywords: Int = 3_000, seed: UInt64 = 11) async throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gavel-jobs-\(UUID().uuidString).db").path
        store = try HistoryStore(path: path)
        // The busiest campaign gets a landing page converting at half the old rate.
        var spec = MarketSpec(
            seed: seed, keywords: keywords, days: 90, asOf: Self.asOf, volume: SearchVolumeModel(minimumDailySearches: 10))
        let unchanged = try Market(spec: spec)
        var conversionsByCampaign: [Int: Double] = [:]
        for index in 0..<keywords {
            let truth = unchanged.truth(ofKeyword: index)
            conversionsByCampaign[truth.placement.campaign, default: 0] += truth.dailySearches * truth.conversionRate
        }
        let busiest = conversionsByCampaign.max { $0.value < $1.value }!.key
        spec.events = [
            .landingPageChange(
                LandingPageChange(scope: .campaign(busiest), from: Self.landingPageDay, conversionRateFactor: 0.5))
        ]
        market = try Market(spec: spec)
        changedCampaign = busiest
        try await GenerateJob.run(market, into: store)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Plans with wide-open guardrails so the strategy's own bid is what is measured.
    func plan(_ extra: String = "") throws -> BidJob.Outcome {
        let yaml = """
            name: Quality check
            scope:
              accounts: ["Demo Shop"]
            goal:
              target_cpa: 25.00
            lookback:
              conversion_rate_days: 90
              metrics_days: 30
            limits:
              min_bid: 0.01
              max_bid: 100.00
              max_raise: 10000%
              max_lower: 99%
              min_clicks: 0
              bid_step: 0.01
            estimation:
              pooling:
                prior_strength: auto
              drop_detection:
                level: ad_group
                drop: 50%
                threshold: 5
            \(extra)
            """
        let ruleSet = try RuleSet.parse(yaml: yaml, fileName: "quality.yaml")
        return try BidJob(store: store, ruleSet: ruleSet, ruleFile: "quality.yaml", ruleHash: "test")
            .plan(asOf: Self.asOf, force: true)
    }
}

@Suite(.serialized) struct BidJobQualityTests {
    @Test func bidJobAgainstTheGeneratorsGroundTruth() async throws {
        let history = try await GeneratedHistory()
        let outcome = try history.plan()
        let truthByKeyword = Dictionary(
            uniqueKeysWithValues: (0..<history.market.keywordCount).map { index in
                let truth = history.market.truth(ofKeyword: index)
                return (truth.identity, truth)
            })
        var clicksByKeyword: [KeywordIdentity: (clicks: Int64, conversions: Double)] = [:]
        try history.store.forEachKeyword(in: DayRange(first: GeneratedHistory.asOf.advanced(by: -89), last: GeneratedHistory.asOf)) {
            keyword, rows in
            clicksByKeyword[keyword.identity] = (
                rows.reduce(0) { $0 + $1.totals.clicks }, rows.reduce(0) { $0 + $1.totals.conversions }
            )
        }

        // 1. Sparse keywords: the pooled estimate beats the raw rate against the truth.
        var pooledError = 0.0
        var rawError = 0.0
        var sparse = 0
        // 2. Data-rich keywords outside the changed campaign: bid ≈ target CPA × true CVR.
        var rich = 0
        var richWithin10Percent = 0
        let changedCampaign = try #require(
            (0..<history.market.keywordCount).lazy.map { history.market.truth(ofKeyword: $0) }
                .first { $0.placement.campaign == history.changedCampaign }
        ).identity.campaign
        for decision in outcome.plan.decisions {
            guard let truth = truthByKeyword[decision.identity], let observed = clicksByKeyword[decision.identity],
                let estimate = decision.estimatedCVR
            else { continue }
            let trueCVR = truth.conversionRate(device: .all, on: GeneratedHistory.asOf)
            if observed.clicks > 0, observed.clicks < 50 {
                sparse += 1
                pooledError += abs(estimate - trueCVR)
                rawError += abs(observed.conversions / Double(observed.clicks) - trueCVR)
            }
            if observed.conversions >= 150, decision.identity.campaign != changedCampaign, let newBid = decision.newBid {
                rich += 1
                let ideal = 25.0 * trueCVR
                if abs(newBid.units - ideal) <= 0.10 * ideal { richWithin10Percent += 1 }
            }
        }
        let pooledMAE = pooledError / Double(sparse)
        let rawMAE = rawError / Double(sparse)
        print("fitted conversion lag: \(outcome.plan.conversionLag.meanDays) days (truth: 2)")
        #expect(abs(outcome.plan.conversionLag.meanDays - 2) < 1)
        print("sparse keywords: \(sparse), pooled CVR MAE \(pooledMAE), raw CVR MAE \(rawMAE)")
        print("data-rich keywords: \(rich), bid within 10 % of target CPA × true CVR: \(richWithin10Percent)")
        #expect(sparse > 500)
        #expect(pooledMAE < 0.75 * rawMAE)
        // At ≥ 150 conversions the sampling error alone is about 8 %, so a few may miss by chance.
        #expect(rich >= 5)
        #expect(Double(richWithin10Percent) >= 0.8 * Double(rich))

        // 3. The landing-page change is detected within a few days, and the job says so.
        let changed = outcome.plan.decisions.filter { $0.identity.campaign == changedCampaign && $0.drop != nil }
        #expect(!changed.isEmpty)
        for decision in changed.prefix(20) {
            let drop = try #require(decision.drop)
            #expect(abs(drop.changeDay.distance(to: GeneratedHistory.landingPageDay)) <= 4)
            #expect(drop.alarmDay.distance(to: GeneratedHistory.landingPageDay) <= 0)
            #expect(drop.alarmDay.distance(to: GeneratedHistory.landingPageDay) >= -10)
        }
    }
}
