import Foundation
import GavelCore
import GavelReports
import Testing

/// The documented generic CSV (Docs/generic-csv.md).
@Suite struct GenericCSVTests {
    private let header =
        "account,campaign,ad_group,keyword,match_type,date,device,impressions,clicks,cost,conversions,conversion_value"

    @Test func fixtureTotalsMatchHandSums() throws {
        let (rows, summary) = try Fixture.read("generic.csv")
        #expect(summary.format == .generic)
        #expect(summary.records == 5)
        #expect(summary.period == range("2026-05-01", "2026-05-03"))
        let totals = Report.totals(rows)
        // 1000 + 800 + 900 + 100 + 50; 50 + 40 + 45 + 3; 42.50 + 30 + 39.15 + 2.01; 2.5 + 1 + 0.33.
        #expect(totals.impressions == 2_850)
        #expect(totals.clicks == 138)
        #expect(totals.cost == Micros(113_660_000))
        #expect(abs(totals.conversions - 3.83) < 1e-9)
        #expect(totals.conversionValue == Micros(194_990_000))
    }

    @Test func fixtureOptionalColumnsAreFractionsAndAttributes() throws {
        let (rows, _) = try Fixture.read("generic.csv")
        #expect(rows[0].fact.shares.topImpressionRate == 0.45)
        #expect(rows[0].fact.shares.searchImpressionShare == ShareMetrics.below(0.1))
        #expect(rows[3].fact.shares.searchImpressionShare == ShareMetrics.above(0.9))
        #expect(rows[0].attributes == KeywordAttributes(maxCPC: Micros(1_100_000), qualityScore: 8, status: "enabled"))
        #expect(rows[3].fact.keyword.text == "car wash, cheap")
        #expect(rows[3].fact.keyword.matchType == .exact)
        #expect(rows[4].fact.device == .all)
        #expect(rows.map(\.fact.period.isSingleDay).allSatisfy { $0 })
    }

    @Test func columnOrderIsFreeAndCRLFWorks() throws {
        let text =
            "date,keyword,account,campaign,ad_group,match_type,device,clicks,impressions,cost,conversions,"
            + "conversion_value\r\n2026-01-31,shoes,A,C,G,EXACT,mobile,3,30,1.5,0.5,10\r\n"
        let (rows, _) = try Report.read(text)
        #expect(rows[0].fact.clicks == 3)
        #expect(rows[0].fact.impressions == 30)
        #expect(rows[0].fact.keyword.matchType == .exact)
        #expect(rows[0].fact.period == DayRange(day: day("2026-01-31")))
    }

    @Test func missingRequiredColumnIsNamed() throws {
        let text = header.replacingOccurrences(of: ",device", with: "") + "\n"
        let error = try #require(Report.error(text, fileName: "g.csv"))
        #expect(error == ReportError(file: "g.csv", line: 1, message: "missing required column \"device\""))
    }

    @Test func streamingStopsWithTheCallersErrorUnchanged() throws {
        struct Stop: Error, Equatable {}
        let text = header + "\nA,C,G,k,broad,2026-05-01,desktop,1,1,1,0,0\nA,C,G,k,broad,2026-05-02,desktop,1,1,1,0,0\n"
        var seen = 0
        #expect(throws: Stop()) {
            _ = try ReportReader.read(Array(text.utf8), fileName: "g.csv", defaultAccount: "") { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }

    @Test func factsWrittenByGenericCSVWriterReadBackUnchanged() throws {
        let identity = KeywordIdentity(
            account: "A, Inc.", campaign: "C", adGroup: "G", text: "say \"hi\"", matchType: .phrase)
        let fact = PerformanceFact(
            keyword: identity, period: DayRange(day: day("2026-05-01")), device: .mobile, impressions: 1_000,
            clicks: 37, cost: Micros(12_345_678), conversions: 1.25, conversionValue: Micros(99_990_000),
            shares: ShareMetrics(topImpressionRate: 0.45, absoluteTopImpressionRate: 0.2, searchImpressionShare: 0.0999)
        )
        let attributes = KeywordAttributes(maxCPC: Micros(1_100_000), qualityScore: 8, status: "enabled")
        var text = GenericCSVWriter.header + "\n"
        GenericCSVWriter().append(fact, attributes: attributes, to: &text)
        let (rows, _) = try Report.read(text)
        #expect(rows.count == 1)
        #expect(rows.first?.fact == fact)
        #expect(rows.first?.attributes == attributes)
    }
}
