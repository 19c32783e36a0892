import GavelBidding
import GavelCore
import Testing

@Suite struct BidEngineTests {
    let asOf = EngineFixtures.asOf

    @Test func sparseKeywordBorrowsFromItsAdGroupAsInTheWorkedExample() throws {
        let plan = BidEngine(ruleSet: try EngineFixtures.ruleSet(), asOf: asOf).plan(EngineFixtures.workedExample)
        let sparse = plan.decisions[0]
        let cvr = try #require(sparse.estimatedCVR)
        #expect(abs(cvr - 6.0 / 140) < 1e-9)  // 4.29 %, not 7.5 %
        #expect(sparse.newBid == Micros(1_070_000))  // €25 × 4.2857 % = €1.0714
        #expect(sparse.action == .raised)
        #expect(sparse.trace == "CVR 4.3 % (3/40 pooled with ad group 3.0 %) · × target CPA €25.00 = €1.07 · → €1.07")
        #expect(plan.priorStrengths.keyword == 100)
    }

    @Test func rulePrecedenceHoldThenFirstAdjustThenCaps() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            extra: """
                rules:
                  - {name: No leads, when: clicks >= 100 and conversions == 0, adjust: -20%}
                  - {name: Push, when: clicks >= 100, set: 2.00}
                  - {name: Low QS, when: quality_score <= 3, cap: €0.50}
                  - {name: Hand edit, when: days_since_bid_change < 3, hold: true}
                """)
        let keywords = [
            EngineFixtures.keyword("adjusted", clicks: 120, conversions: 0, ages: 0...20),
            EngineFixtures.keyword(
                "capped", clicks: 120, conversions: 0, ages: 0...20, attributes: KeywordAttributes(qualityScore: 2)),
            EngineFixtures.keyword("held", clicks: 120, conversions: 0, ages: 0...20, daysSinceBidChange: 1),
            EngineFixtures.keyword("pushed", clicks: 120, conversions: 5, ages: 0...20),
        ]
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(keywords)
        let (adjusted, capped, held, pushed) = (
            plan.decisions[0], plan.decisions[1], plan.decisions[2], plan.decisions[3]
        )
        #expect(adjusted.newBid == Micros(800_000))
        #expect(adjusted.matchedRules == ["No leads", "Push"])
        #expect(adjusted.trace.contains("rule 'No leads': −20 % of €1.00 = €0.80"))
        #expect(adjusted.trace.contains("rule 'Push' also matched (an earlier rule decides)"))
        #expect(capped.newBid == Micros(500_000))
        #expect(capped.trace.hasSuffix("cap (rule 'Low QS') €0.50 → €0.50"))
        #expect(held.newBid == Micros(units: 1))
        #expect(held.action == .unchanged)
        #expect(pushed.newBid == Micros(units: 2))
    }

    @Test func explainingOnlyChangesDecidesTheSameAndTracesExactlyTheChangesAndSkips() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            extra: """
                rules:
                  - {name: No leads, when: clicks >= 100 and conversions == 0, adjust: -20%}
                  - {name: Low QS, when: quality_score <= 3, cap: €0.50}
                  - {name: Hand edit, when: days_since_bid_change < 3, hold: true}
                """)
        let keywords =
            EngineFixtures.workedExample + [
                EngineFixtures.keyword("adjusted", clicks: 120, conversions: 0, ages: 0...20),
                EngineFixtures.keyword(
                    "capped", clicks: 120, conversions: 5, ages: 0...20,
                    attributes: KeywordAttributes(qualityScore: 2)),
                EngineFixtures.keyword("held", clicks: 400, conversions: 20, ages: 0...20, daysSinceBidChange: 1),
                EngineFixtures.keyword(
                    "paused", clicks: 100, conversions: 3, attributes: KeywordAttributes(status: "Paused")),
            ]
        let engine = BidEngine(ruleSet: ruleSet, asOf: asOf)
        let all = engine.plan(keywords)
        let changes = engine.plan(keywords, explaining: .changes)
        #expect(all.summary == changes.summary)
        #expect(all.summary.unchanged > 0 && all.summary.raised + all.summary.lowered > 0 && all.summary.skipped == 1)
        for (full, quiet) in zip(all.decisions, changes.decisions) {
            #expect(full.newBid == quiet.newBid && full.action == quiet.action)
            #expect(full.estimatedCVR == quiet.estimatedCVR && full.matchedRules == quiet.matchedRules)
            #expect(!full.trace.isEmpty)
            #expect(quiet.trace == (full.action == .unchanged ? "" : full.trace))
        }

        // `gavel bid --explain`: an unchanged keyword asked about gets its trace, the others stay quiet.
        let asked = engine.plan(keywords, explaining: .changesAnd { $0.text == "held" })
        for (full, answered) in zip(all.decisions, asked.decisions) {
            let wanted = full.action != .unchanged || full.identity.text == "held"
            #expect(answered.trace == (wanted ? full.trace : ""))
        }
        #expect(asked.decisions.contains { $0.identity.text == "held" && $0.action == .unchanged })
    }

    @Test func automatedInactiveAndDefaultBidKeywordsAreSkippedAndListed() throws {
        let keywords = [
            EngineFixtures.keyword(
                "auto", clicks: 100, conversions: 3,
                attributes: KeywordAttributes(automatedBidStrategy: "Maximize conversions")),
            EngineFixtures.keyword(
                "paused", clicks: 100, conversions: 3, attributes: KeywordAttributes(status: "Paused")),
            EngineFixtures.keyword("inherits", bid: nil, clicks: 100, conversions: 3),
        ]
        let plan = BidEngine(ruleSet: try EngineFixtures.ruleSet(), asOf: asOf).plan(keywords)
        #expect(plan.summary.skipped == 3)
        #expect(plan.automatedKeywords.map(\.text) == ["auto"])
        #expect(plan.decisions[0].trace == "skipped: run by the platform's 'Maximize conversions' strategy")
        #expect(plan.decisions[1].action == .skipped(.inactive("Paused")))
        #expect(plan.decisions[2].action == .skipped(.noKeywordBid))
        #expect(plan.decisions.allSatisfy { $0.newBid == nil })
    }

    @Test func tooLittleDataHoldsTheBidButCapsStillApply() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            extra: """
                rules:
                  - {name: Low QS, when: quality_score <= 3, cap: 0.50}
                """)
        var limited = ruleSet
        limited.limits.minClicks = 30
        let keywords = [
            EngineFixtures.keyword("thin", clicks: 5, conversions: 1),
            EngineFixtures.keyword(
                "thin low QS", clicks: 5, conversions: 1, attributes: KeywordAttributes(qualityScore: 2)),
        ]
        let plan = BidEngine(ruleSet: limited, asOf: asOf).plan(keywords)
        #expect(plan.decisions[0].action == .unchanged)
        #expect(plan.decisions[0].trace.contains("5 clicks < 30 minimum: bid held"))
        #expect(plan.decisions[1].newBid == Micros(500_000))
    }

    @Test func portfolioStopRefusesUnlessForced() throws {
        let ruleSet = try EngineFixtures.ruleSet(extra: "portfolio_stop: {share_of_keywords: 30%, change_above: 25%}")
        // Every keyword converts at 10 %: target CPA €25 asks for €2.50 against €1.00 today.
        let keywords = (0..<4).map { EngineFixtures.keyword("k\($0)", clicks: 1_000, conversions: 100) }
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(keywords)
        #expect(plan.isRefused)
        #expect(plan.portfolioStop?.hasPrefix("4 of 4 keywords (100 %) would change by more than 25 %") == true)
        let forced = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(keywords, force: true)
        #expect(!forced.isRefused)
        #expect(forced.portfolioStop != nil)
    }

    @Test func seasonWindowOnTheBidDayRaisesTheExpectedRate() throws {
        let bidDay = asOf.advanced(by: 1)
        let ruleSet = try EngineFixtures.ruleSet(
            extra: """
                seasonality:
                  - {name: Sale, from: \(bidDay), to: \(bidDay.advanced(by: 3)), cvr_change: +30%}
                """)
        let keywords = [EngineFixtures.keyword("k", clicks: 10_000, conversions: 400)]
        let decision = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(keywords).decisions[0]
        #expect(abs(decision.estimatedCVR! - 0.04 * 1.3) < 1e-9)
        #expect(decision.newBid == Micros(1_300_000))
        #expect(decision.trace.contains("season 'Sale' +30 %"))
    }

    @Test func excludedDaysDoNotCount() throws {
        let bad = asOf.advanced(by: -40)
        let ruleSet = try EngineFixtures.ruleSet(extra: "exclusions:\n  - {name: Outage, from: \(bad), to: \(bad)}")
        var keyword = EngineFixtures.keyword("k", clicks: 3_000, conversions: 120)
        keyword.daily.append(DailyPoint(day: bad, impressions: 10_000, clicks: 1_000, cost: Micros(units: 500)))
        let decision = BidEngine(ruleSet: ruleSet, asOf: asOf).plan([keyword]).decisions[0]
        #expect(abs(decision.estimatedCVR! - 0.04) < 1e-9)
    }

    @Test func headroomCapsBidsThatPayFarLessOnTop() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            extra: "headroom: {cpc_below: 60%, top_impression_rate_above: 80%, lower_by: 10%}")
        // Converts at 8 %: the strategy wants €2.00, but the keyword pays €0.40 at 90 % top impressions.
        let keyword = EngineFixtures.keyword(
            "k", clicks: 1_000, conversions: 80, cost: Micros(units: 400), ages: 0...29, topImpressionRate: 0.9)
        let decision = BidEngine(ruleSet: ruleSet, asOf: asOf).plan([keyword]).decisions[0]
        #expect(decision.newBid == Micros(900_000))
        #expect(decision.trace.contains("headroom (avg CPC €0.40"))
    }

    @Test func conversionDropShortensTheWindowAndSaysSo() throws {
        var ruleSet = try EngineFixtures.ruleSet()
        ruleSet.estimation.dropDetection = DropDetectionSettings()
        // 300 clicks a day; 4 % until 10 days ago, then 1 %.
        var points: [DailyPoint] = []
        for age in 0..<90 {
            let conversions = age < 10 ? 3.0 : 12.0
            points.append(
                DailyPoint(
                    day: asOf.advanced(by: -age), impressions: 3_000, clicks: 300, cost: Micros(units: 150),
                    conversions: conversions))
        }
        let keyword = KeywordHistory(
            identity: KeywordIdentity(
                account: "Acme", campaign: "Leads DE", adGroup: "G", text: "k", matchType: .exact),
            attributes: KeywordAttributes(maxCPC: Micros(units: 1)), daily: points)
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan([keyword])
        let decision = plan.decisions[0]
        let drop = try #require(decision.drop)
        #expect(abs(drop.changeDay.distance(to: asOf.advanced(by: -9))) <= 2)
        #expect(decision.estimatedCVR! < 0.015)
        #expect(decision.trace.hasPrefix("ad group CVR fell 4.0 % → 1.0 %"))
        #expect(plan.drops.count == 1)
    }

    @Test func outOfScopeKeywordsAreCountedNotDecided() throws {
        var ruleSet = try EngineFixtures.ruleSet()
        ruleSet.scope.campaigns = [GlobPattern("Leads *")]
        let plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan([
            EngineFixtures.keyword("in", clicks: 100, conversions: 4),
            EngineFixtures.keyword("out", campaign: "Brand", clicks: 100, conversions: 4),
        ])
        #expect(plan.decisions.map(\.identity.text) == ["in"])
        #expect(plan.summary.outOfScope == 1)
    }

    @Test func forecastScalesClicksWithTheBid() throws {
        let keywords = [EngineFixtures.keyword("k", clicks: 3_000, conversions: 150, ages: 0...29)]
        // 5 % CVR → €1.25 against €1.00: clicks scale by 1.25^0.5.
        let decision = BidEngine(ruleSet: try EngineFixtures.ruleSet(), asOf: asOf).plan(keywords).decisions[0]
        #expect(decision.newBid == Micros(1_250_000))
        let baseline = try #require(decision.baseline)
        let forecast = try #require(decision.forecast)
        #expect(abs(baseline.clicks - 100) < 1e-9)
        #expect(abs(forecast.clicks - 100 * 1.25.squareRoot()) < 1e-9)
        #expect(abs(forecast.conversions - forecast.clicks * 0.05) < 1e-9)
    }
}

@Suite struct BidEngineLagTests {
    @Test func recentClicksCountByTheirReportedShare() throws {
        var ruleSet = try EngineFixtures.ruleSet()
        ruleSet.estimation.conversionLag = ConversionLagSettings(estimate: false, meanDays: 2)
        ruleSet.estimation.pooling.priorStrength = 0
        let curve = ConversionLagCurve(meanDays: 2, source: .configured)
        // 100 clicks a day for the last 3 days at a true 5 %, reported so far by F(age).
        let points = (0..<3).map { age in
            DailyPoint(
                day: EngineFixtures.asOf.advanced(by: -age), impressions: 1_000, clicks: 100,
                cost: Micros(units: 50), conversions: 5 * curve.reportedShare(age: age))
        }
        let keyword = KeywordHistory(
            identity: KeywordIdentity(account: "A", campaign: "C", adGroup: "G", text: "k", matchType: .exact),
            attributes: KeywordAttributes(maxCPC: Micros(units: 1)), daily: points)
        let plan = BidEngine(ruleSet: ruleSet, asOf: EngineFixtures.asOf).plan([keyword])
        let decision = plan.decisions[0]
        #expect(abs(decision.estimatedCVR! - 0.05) < 1e-9)  // naive 2.65 %
        #expect(decision.trace.contains(" · lag +88 % · "))  // 300 clicks ÷ 159.3 effective
        #expect(plan.conversionLag == curve)
    }
}
