import Foundation
import GavelBidding
import GavelCore
import Testing

@Suite struct CategorizerOutputTests {
    static func output(segmentation: Segmentation = .combined) throws -> CategorizationOutput {
        var collected = CollectedKeywords(segmentation: segmentation)
        let quoted = KeywordIdentity(
            account: "Acme", campaign: "Brand, DE", adGroup: "Say \"hi\"", text: "car wash", matchType: .exact)
        let plain = KeywordIdentity(
            account: "Acme", campaign: "Generic", adGroup: "Wash", text: "car wash prices", matchType: .broad)
        collected.append(
            KeywordSegment(identity: quoted),
            KeywordPerformance(
                totals: PerformanceTotals(
                    impressions: 1000, clicks: 40, cost: Micros(30_500_000), conversions: 2,
                    conversionValue: Micros(units: 100))))
        collected.append(
            KeywordSegment(identity: plain),
            KeywordPerformance(totals: PerformanceTotals(impressions: 10, clicks: 5, cost: Micros(units: 45))))
        var settings = CategorizerSettings(fileName: "filters.yaml")
        settings.targets = CategorizerTargets(cpa: Micros(units: 20))
        settings.savedFilters = [
            try SavedFilter(
                name: "wasted-spend", when: "clicks_no_conversions and cost > 2 × target_cpa", action: "pause")
        ]
        let categorization = Categorizer(settings: settings).categorize(collected.performances)
        return CategorizationOutput(
            source: "report.csv",
            period: DayRange(
                first: CalendarDay(year: 2026, month: 5, day: 1)!, last: CalendarDay(year: 2026, month: 5, day: 8)!),
            collected: collected, categorization: categorization, settings: settings)
    }

    @Test func editorLabelImportHasTheHeaderQuotingAndCriterionTypes() throws {
        var text = ""
        try Self.output().writeEditorLabels(chunkSize: 10) { text += $0 }
        let lines = [
            "Campaign,Ad group,Keyword,Criterion Type,Labels",
            #""Brand, DE","Say ""hi""",car wash,Exact,Gavel: converting;Gavel: high-volume"#,
            // CPC 45 / 5 = 9 is above 1.5 × the portfolio's 75.50 / 45: inefficient too.
            "Generic,Wash,car wash prices,Broad,Gavel: clicks-no-conversions;Gavel: high-volume;Gavel: inefficient;"
                + "Gavel: wasted-spend",
        ]
        #expect(text == lines.joined(separator: "\n") + "\n")
    }

    @Test func jsonHasGroupsThenKeywordsWithLabels() throws {
        var text = ""
        try Self.output().writeJSON(chunkSize: 64) { text += $0 }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["source"] as? String == "report.csv")
        #expect((object["period"] as? [String: Any])?["first_day"] as? String == "2026-05-01")
        #expect(object["segmentation"] as? String == "combined")
        let targets = try #require(object["targets"] as? [String: Any])
        #expect(targets["cpa"] as? Double == 20)
        #expect(targets["cpa_source"] as? String == "filters_file")
        #expect(targets["roas_source"] as? String == "portfolio_average")
        let categories = try #require(object["categories"] as? [[String: Any]])
        #expect(categories.map { $0["name"] as? String } == [
            "converting", "clicks_no_conversions", "impressions_no_clicks", "no_impressions",
        ])
        #expect(categories.map { $0["keywords"] as? Int } == [1, 1, 0, 0])
        #expect(categories[0]["cost"] as? Double == 30.5)
        #expect(categories[0]["cpa"] as? Double == 15.25)
        // 45 of 75.50 spent on clicks without conversions.
        #expect(abs(try #require(categories[1]["share_of_spend"] as? Double) - 45 / 75.5) < 1e-12)
        #expect(categories[2]["cpa"] is NSNull)
        let subCategories = try #require(object["sub_categories"] as? [[String: Any]])
        #expect(subCategories.count == 4)
        let filters = try #require(object["saved_filters"] as? [[String: Any]])
        #expect(filters.first?["name"] as? String == "wasted-spend")
        #expect(filters.first?["label"] as? String == "Gavel: wasted-spend")
        #expect(filters.first?["action"] as? String == "pause")
        #expect(filters.first?["keywords"] as? Int == 1)
        let keywords = try #require(object["keywords"] as? [[String: Any]])
        #expect(keywords.count == 2)
        #expect(keywords[0]["ad_group"] as? String == "Say \"hi\"")
        #expect(keywords[0]["category"] as? String == "converting")
        #expect(keywords[0]["device"] == nil)
        #expect(
            keywords[1]["labels"] as? [String] == [
                "Gavel: clicks-no-conversions", "Gavel: high-volume", "Gavel: inefficient", "Gavel: wasted-spend",
            ])
        #expect((object["totals"] as? [String: Any])?["conversion_value"] as? Double == 100)
    }

    @Test func jsonNamesTheDeviceOfEachSegment() throws {
        var text = ""
        try Self.output(segmentation: .perDevice).writeJSON { text += $0 }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["segmentation"] as? String == "per_device")
        #expect((object["keywords"] as? [[String: Any]])?.first?["device"] as? String == "all")
    }
}
