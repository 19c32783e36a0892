import GavelBidding
import GavelCore
import PropertyBased
import Testing

/// Categories, sub-categories and saved filters on hand-built keywords whose answers are worked out in comments.
@Suite struct CategorizerTests {
    static func keyword(
        _ impressions: Int64, _ clicks: Int64, cost: Double = 0, conversions: Double = 0, value: Double = 0,
        top: Double? = nil, absoluteTop: Double? = nil, position: Double? = nil, qualityScore: Int? = nil
    ) -> KeywordPerformance {
        KeywordPerformance(
            totals: PerformanceTotals(
                impressions: impressions, clicks: clicks, cost: Micros(rounding: cost), conversions: conversions,
                conversionValue: Micros(rounding: value)),
            topImpressionRate: top, absoluteTopImpressionRate: absoluteTop, averagePosition: position,
            qualityScore: qualityScore)
    }

    /// Only the checks a test names are on.
    static func settings(
        targets: CategorizerTargets = CategorizerTargets(), highVolume: HighVolumeSettings = HighVolumeSettings(),
        inefficiency: InefficiencySettings = InefficiencySettings(cpaAbove: nil, cpcAbove: nil, roasBelow: nil),
        lowQualityScoreAtMost: Int? = nil,
        lowPosition: LowPositionSettings = LowPositionSettings(
            topImpressionRateBelow: nil, absoluteTopImpressionRateBelow: nil, averagePositionAbove: nil),
        savedFilters: [SavedFilter] = []
    ) -> CategorizerSettings {
        var settings = CategorizerSettings(fileName: "test")
        settings.targets = targets
        settings.highVolume = highVolume
        settings.inefficiency = inefficiency
        settings.lowQualityScoreAtMost = lowQualityScoreAtMost
        settings.lowPosition = lowPosition
        settings.savedFilters = savedFilters
        return settings
    }

    @Test func handCountedCategoriesAndShares() {
        let keywords = [
            Self.keyword(1000, 50, cost: 40, conversions: 2),  // converting
            Self.keyword(500, 10, cost: 12),  // clicks, no conversions
            Self.keyword(300, 0),  // impressions, no clicks
            Self.keyword(0, 0),  // no impressions
            Self.keyword(0, 0, conversions: 1),  // a conversion attributed without a click: converting
            Self.keyword(200, 5, cost: 6, conversions: 0.5),  // converting
        ]
        let result = Categorizer(settings: Self.settings()).categorize(keywords)
        #expect(
            result.labels.map(\.category) == [
                .converting, .clicksNoConversions, .impressionsNoClicks, .noImpressions, .converting, .converting,
            ])
        #expect(KeywordCategory.allCases.map { result.category($0).keywords } == [3, 1, 1, 1])
        let converting = result.category(.converting)
        #expect(converting.totals.cost == Micros(units: 46))
        #expect(converting.totals.impressions == 1200)
        #expect(converting.totals.conversions == 3.5)
        // 46 of 58 spent by converting keywords.
        #expect(converting.shareOfSpend(of: result.total) == 46.0 / 58.0)
        #expect(result.category(.noImpressions).shareOfSpend(of: result.total) == 0)
        #expect(result.total.keywords == 6)
    }

    @Test func highVolumeIsTheHeadOfEachCategoryWithTiesIncluded() {
        // Converting by conversions 10, 5, 3, 1, 1 (total 20): half is 10, reached by the first keyword alone.
        let converting = [10.0, 5, 3, 1, 1].map { Self.keyword(100, 10, cost: 10, conversions: $0) }
        // Clicks without conversions 40, 40, 10, 10 (total 100): half is reached at the second 40.
        let clicking = [40, 40, 10, 10].map { Self.keyword(200, $0, cost: 5) }
        // Impressions without clicks 4 × 50 (total 200): half is reached at the second, so all four tie in.
        let shown = [Int64](repeating: 50, count: 4).map { Self.keyword($0, 0) }
        let none = [Self.keyword(0, 0)]
        let settings = Self.settings(highVolume: HighVolumeSettings(topShare: 0.5))
        let result = Categorizer(settings: settings).categorize(converting + clicking + shown + none)
        #expect(
            result.labels.map { $0.has(.highVolume) } == [
                true, false, false, false, false, true, true, false, false, true, true, true, true, false,
            ])
        #expect(result.highVolumeCutoffs == [10, 40, 50, nil])
        // 60 % of 20 is 12: 10 + 5 reaches it, so the cut-off falls to 5.
        let wider = Categorizer(settings: Self.settings(highVolume: HighVolumeSettings(topShare: 0.6)))
            .categorize(converting)
        #expect(wider.labels.map { $0.has(.highVolume) } == [true, true, false, false, false])
    }

    @Test func highVolumeThresholdsWorkWithoutTheShareRule() {
        let settings = Self.settings(
            highVolume: HighVolumeSettings(topShare: nil, minConversions: 5, minClicks: 100, minImpressions: 10_000))
        let keywords = [
            Self.keyword(500, 100, cost: 1),  // clicks at the threshold
            Self.keyword(500, 99, cost: 1),  // one click short
            Self.keyword(10_000, 0),  // impressions at the threshold
            Self.keyword(500, 20, cost: 1, conversions: 5),  // conversions at the threshold
            Self.keyword(500, 20, cost: 1, conversions: 4.9),
        ]
        let result = Categorizer(settings: settings).categorize(keywords)
        #expect(result.labels.map { $0.has(.highVolume) } == [true, false, true, true, false])
        #expect(result.highVolumeCutoffs == [nil, nil, nil, nil])
    }

    @Test func inefficiencyAgainstSetTargets() {
        let settings = Self.settings(
            targets: CategorizerTargets(cpa: Micros(units: 20), roas: 4, cpc: Micros(units: 1)),
            inefficiency: InefficiencySettings(cpaAbove: 1.5, cpcAbove: 1.5, roasBelow: 0.7))
        let keywords = [
            Self.keyword(1000, 100, cost: 60, conversions: 2, value: 300),  // CPA 30 = 1.5 × 20: not above; ROAS 5
            Self.keyword(1000, 100, cost: 62, conversions: 2, value: 300),  // CPA 31 > 30
            Self.keyword(1000, 100, cost: 100, conversions: 10, value: 270),  // ROAS 2.7 < 0.7 × 4 = 2.8
            Self.keyword(1000, 100, cost: 100, conversions: 10, value: 280),  // ROAS 2.8: not below
            Self.keyword(1000, 10, cost: 16),  // CPC 1.60 > 1.50, no conversions
            Self.keyword(1000, 10, cost: 15),  // CPC 1.50: not above; no conversions, so no CPA or ROAS
        ]
        let result = Categorizer(settings: settings).categorize(keywords)
        #expect(result.labels.map { $0.has(.inefficient) } == [false, true, true, false, true, false])
        #expect(result.targets.cpa == .init(value: Micros(units: 20), source: .filtersFile))
    }

    @Test func targetsDefaultToThePortfolioAverage() {
        // Cost 30 + 70 = 100 over 4 conversions and 50 clicks: CPA 25, CPC 2; no revenue tracked, so no ROAS.
        let keywords = [
            Self.keyword(500, 20, cost: 30, conversions: 3),  // CPA 10
            Self.keyword(500, 30, cost: 70, conversions: 1),  // CPA 70 > 1.5 × 25
        ]
        let settings = Self.settings(inefficiency: InefficiencySettings(cpaAbove: 1.5, cpcAbove: nil, roasBelow: 0.7))
        let result = Categorizer(settings: settings).categorize(keywords)
        #expect(result.targets.cpa == .init(value: Micros(units: 25), source: .portfolioAverage))
        #expect(result.targets.cpc == .init(value: Micros(units: 2), source: .portfolioAverage))
        #expect(result.targets.roas == nil)
        #expect(result.labels.map { $0.has(.inefficient) } == [false, true])
    }

    @Test func lowQualityScoreAndLowPosition() {
        let settings = Self.settings(
            lowQualityScoreAtMost: 4,
            lowPosition: LowPositionSettings(
                topImpressionRateBelow: 0.3, absoluteTopImpressionRateBelow: 0.05, averagePositionAbove: 3))
        let keywords = [
            Self.keyword(100, 1, cost: 1, top: 0.29, qualityScore: 4),  // both
            Self.keyword(100, 1, cost: 1, top: 0.30, absoluteTop: 0.05, qualityScore: 5),  // neither (at the limits)
            Self.keyword(100, 1, cost: 1, absoluteTop: 0.0499),  // abs. top 4.99 %
            Self.keyword(100, 1, cost: 1, position: 3.2),  // average position
            Self.keyword(100, 1, cost: 1),  // nothing reported: not low
            Self.keyword(0, 0, top: 0.1, qualityScore: 2),  // no impressions has no position, but a quality score
        ]
        let result = Categorizer(settings: settings).categorize(keywords)
        #expect(result.labels.map { $0.has(.lowQualityScore) } == [true, false, false, false, false, true])
        #expect(result.labels.map { $0.has(.lowPosition) } == [true, false, true, true, false, false])
        #expect(result.subCategory(.lowPosition).keywords == 3)
    }

    @Test func savedFiltersCombineCategoriesSubCategoriesAndMetrics() throws {
        let wasted = try SavedFilter(
            name: "wasted-spend", when: "clicks_no_conversions and cost > 2 × target_cpa", action: "lower 30 %")
        let stars = try SavedFilter(
            name: "stars", when: "converting and high_volume and low_position", action: "raise 15 %")
        let settings = Self.settings(
            targets: CategorizerTargets(cpa: Micros(units: 20)), highVolume: HighVolumeSettings(topShare: 0.5),
            lowPosition: LowPositionSettings(
                topImpressionRateBelow: 0.3, absoluteTopImpressionRateBelow: nil, averagePositionAbove: nil),
            savedFilters: [wasted, stars])
        let keywords = [
            Self.keyword(900, 30, cost: 41),  // wasted: 41 > 40
            Self.keyword(900, 30, cost: 40),  // not above 2 × 20
            Self.keyword(5000, 200, cost: 150, conversions: 9, top: 0.2),  // star: head of conversions, top 20 %
            Self.keyword(5000, 200, cost: 150, conversions: 1, top: 0.2),  // low position but not high volume
        ]
        let result = Categorizer(settings: settings).categorize(keywords)
        #expect(result.labels.map { $0.matches(savedFilter: 0) } == [true, false, false, false])
        #expect(result.labels.map { $0.matches(savedFilter: 1) } == [false, false, true, false])
        #expect(result.savedFilters[0] == GroupTotals(keywords: 1, totals: keywords[0].totals))
        #expect(result.savedFilters[1].totals.conversions == 9)
        let naming = LabelNaming()
        #expect(
            naming.labels(of: result.labels[2], savedFilters: settings.savedFilters) == [
                "Gavel: converting", "Gavel: high-volume", "Gavel: low-position", "Gavel: stars",
            ])
        #expect(naming.labels(of: result.labels[0], savedFilters: settings.savedFilters).last == "Gavel: wasted-spend")
    }

    @Test func savedFilterWithUnknownNameSuggestsTheNearest() {
        #expect(throws: ExpressionError(.unknownIdentifier("convertng", suggestion: "converting"), at: .start)) {
            try SavedFilter(name: "x", when: "convertng", action: "none")
        }
    }

    /// Whatever the figures, every keyword lands in exactly one category, the one the brief's definitions give,
    /// and the categories' keyword counts and spend add up to the whole.
    @Test func everyKeywordIsInExactlyOneCategory() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...26).array(of: 0...40)) { codes in
            let keywords = codes.map { code in
                let impressions: Int64 = [0, 5, 1000][code % 3]
                let clicks: Int64 = [0, 1, 40][(code / 3) % 3]
                let conversions = [0, 0.5, 3][(code / 9) % 3]
                return Self.keyword(impressions, clicks, cost: Double(clicks) * 0.7, conversions: conversions)
            }
            let result = Categorizer(settings: CategorizerSettings.builtIn).categorize(keywords)
            for (keyword, labels) in zip(keywords, result.labels) {
                let totals = keyword.totals
                let memberships = [
                    totals.conversions > 0,
                    totals.conversions <= 0 && totals.clicks > 0,
                    totals.conversions <= 0 && totals.clicks <= 0 && totals.impressions > 0,
                    totals.conversions <= 0 && totals.clicks <= 0 && totals.impressions <= 0,
                ]
                #expect(memberships.count { $0 } == 1)
                #expect(memberships[labels.category.rawValue])
            }
            #expect(result.categories.map(\.keywords).reduce(0, +) == keywords.count)
            #expect(result.categories.map(\.totals.cost).reduce(.zero, +) == result.total.totals.cost)
        }
    }
}
