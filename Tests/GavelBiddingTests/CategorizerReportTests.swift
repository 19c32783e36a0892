import Foundation
import GavelBidding
import GavelCore
import GavelReports
import Testing

/// `gavel categorize report.csv`: report downloads read by the importers, categorized without a database.
/// Expected counts are worked out by hand from the files, row by row.
@Suite struct CategorizerReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GavelReportsTests/Fixtures")

    static func categorize(
        _ bytes: [UInt8], segmentation: Segmentation = .combined, settings: CategorizerSettings = .builtIn
    ) throws -> (CollectedKeywords, Categorization) {
        var collector = ReportKeywordCollector(segmentation: segmentation)
        _ = try ReportReader.read(bytes, fileName: "report.csv", defaultAccount: "Acme") { record in
            switch record {
            case .fact(let fact, let attributes): collector.add(fact, attributes: attributes)
            case .attributes(let keyword, let attributes): collector.add(attributes: attributes, of: keyword)
            case .simulation: Issue.record("a keyword report read as a bid simulation")
            }
        }
        let collected = collector.collected()
        return (collected, Categorizer(settings: settings).categorize(collected.performances))
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func counts(_ categorization: Categorization) -> [Int] {
        KeywordCategory.allCases.map { categorization.category($0).keywords }
    }

    @Test func googleAdsKeywordReport() throws {
        // "car wash" 12.50 conv and [car wash near me] 3.47 conv; "touchless car wash" 31 clicks, 0 conv;
        // car wash prices 35 impressions, 0 clicks. Total rows are skipped.
        let (collected, result) = try Self.categorize(Self.fixture("google-search-keywords.csv"))
        #expect(Self.counts(result) == [2, 1, 1, 0])
        #expect(result.category(.converting).totals.cost == Micros(1_322_960_000))
        #expect(result.total.totals.cost == Micros(1_348_070_000))
        // Quality scores 7, –, –, 5: none at or below 4. Impr. (Top) % of car wash prices is 0 %: low position.
        #expect(result.subCategory(.lowQualityScore).keywords == 0)
        #expect(result.labels.map { $0.has(.lowPosition) } == [false, false, true, false])
        #expect(collected.segments.map(\.identity.account) == ["Acme", "Acme", "Acme", "Acme"])
    }

    @Test func deviceRowsAreCombinedUnlessAskedPerSegment() throws {
        // "car wash" phrase on desktop (2.5 + 0 conv) and mobile (1 conv), "car wash, cheap" exact on a tablet
        // (0.33 conv), car wash prices on all devices (50 impressions, no clicks).
        let bytes = try Self.fixture("generic.csv")
        let (combined, result) = try Self.categorize(bytes)
        #expect(combined.segments.count == 3)
        #expect(Self.counts(result) == [2, 0, 1, 0])
        #expect(combined.notes.keywordsWithDeviceSegments == 1)
        #expect(combined.performances[0].totals.clicks == 135)
        let (perDevice, segmented) = try Self.categorize(bytes, segmentation: .perDevice)
        #expect(perDevice.segments.map(\.device) == [.desktop, .mobile, .tablet, .all])
        #expect(Self.counts(segmented) == [3, 0, 1, 0])
    }

    @Test func bulkFileKeywordsWithoutPerformanceAreRemovalCandidates() throws {
        let (collected, result) = try Self.categorize(Self.fixture("microsoft-bulk.csv"))
        #expect(collected.segments.count == 3)
        #expect(Self.counts(result) == [0, 0, 0, 3])
    }

    @Test func reportWrittenHereWithKnownAnswers() throws {
        // "a" (two devices): 10 clicks, cost 60, no conversion; "b": 10 clicks, cost 45, no conversion;
        // "c" converts; "d" is only shown; "e" has a row with nothing in it.
        let report = """
            Search keyword report
            1 May 2026 - 7 May 2026
            Keyword,Match type,Campaign,Ad group,Device,Impr.,Clicks,Cost,Conversions,Conv. value,Quality Score
            a,Exact match,Shop,Shoes,Computers,400,6,36.00,0.00,0.00,3
            a,Exact match,Shop,Shoes,Mobile phones,300,4,24.00,0.00,0.00,3
            b,Phrase match,Shop,Shoes,Computers,100,10,45.00,0.00,0.00,6
            c,Broad match,Shop,Boots,Computers,2000,80,100.00,5.00,400.00,8
            d,Broad match,Shop,Boots,Computers,900,0,0.00,0.00,0.00,8
            e,Broad match,Shop,Boots,Computers,0,0,0.00,0.00,0.00,2
            """
        var settings = CategorizerSettings.builtIn
        settings.targets = CategorizerTargets(cpa: Micros(units: 25))
        let (collected, result) = try Self.categorize(Array(report.utf8), settings: settings)
        #expect(collected.segments.map(\.identity.text) == ["a", "b", "c", "d", "e"])
        #expect(Self.counts(result) == [1, 2, 1, 1])
        // wasted-spend: "a" cost 60 > 50; "b" cost 45 is not.
        let wasted = try #require(settings.savedFilters.firstIndex { $0.name == "wasted-spend" })
        #expect(result.labels.map { $0.matches(savedFilter: wasted) } == [true, false, false, false, false])
        // low-quality-spenders: quality score ≤ 4 and cost > 25: "a" (3, 60); "e" has QS 2 but no cost.
        let lowQuality = try #require(settings.savedFilters.firstIndex { $0.name == "low-quality-spenders" })
        #expect(result.savedFilters[lowQuality].keywords == 1)
        #expect(result.subCategory(.lowQualityScore).keywords == 2)
        // Spend 60 + 45 + 100 = 205; clicks without conversions spent 105 of it.
        #expect(result.category(.clicksNoConversions).totals.cost == Micros(units: 105))
    }
}
