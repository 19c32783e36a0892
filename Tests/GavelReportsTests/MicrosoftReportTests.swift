import GavelCore
import GavelReports
import Testing

/// Microsoft Advertising keyword performance reports and bulk files.
@Suite struct MicrosoftReportTests {
    @Test func keywordPerformanceFixtureTotalsMatchHandSums() throws {
        let (rows, summary) = try Fixture.read("microsoft-keyword-performance.csv")
        #expect(summary.format == .microsoftKeywordPerformance)
        #expect(summary.records == 4)
        #expect(summary.period == range("2026-05-01", "2026-05-02"))
        let totals = Report.totals(rows)
        // 1200 + 900 + 150 + 1,010; 45 + 30 + 4 + 12; 38.25 + 21.90 + 3.60 + 9.48; 3 + 1.5 + 0 + 0.5.
        #expect(totals.impressions == 3_260)
        #expect(totals.clicks == 91)
        #expect(totals.cost == Micros(73_230_000))
        #expect(totals.conversions == 5)
        #expect(totals.conversionValue == Micros(334_990_000))
    }

    @Test func keywordPerformanceRowsCarryIdsDevicesAndBidMatchType() throws {
        let (rows, _) = try Fixture.read("microsoft-keyword-performance.csv")
        let first = rows[0]
        #expect(
            first.fact.keyword
                == KeywordIdentity(
                    account: "Contoso", campaign: "Shoes", adGroup: "Red", text: "red shoes", matchType: .exact))
        // The second row was delivered as phrase, but the keyword is the exact one that was bid on.
        #expect(rows[1].fact.keyword == first.fact.keyword)
        #expect(rows.map(\.fact.device) == [.desktop, .mobile, .desktop, .tablet])
        #expect(
            rows.map(\.fact.period.first) == [
                day("2026-05-01"), day("2026-05-01"), day("2026-05-02"), day("2026-05-02"),
            ])
        #expect(
            first.attributes
                == KeywordAttributes(
                    maxCPC: Micros(850_000), qualityScore: 7, status: "Active", platformKeywordID: "1001",
                    platformAdGroupID: "501"))
        #expect(rows[2].attributes.qualityScore == nil)
        #expect(rows[3].attributes.maxCPC == nil)
        #expect(first.fact.shares.searchImpressionShare == 0.455)
        #expect(rows[1].fact.shares.searchImpressionShare == ShareMetrics.below(0.10))
        #expect(rows[3].fact.shares.searchImpressionShare == 0.12)  // a bare Percent column value
    }

    @Test func summaryReportWithoutTimePeriodCoversTheReportTime() throws {
        let text = """
            "Report Name:","Keyword Performance Report"
            "Report Time:","8/1/2026 - 8/14/2026"
            "Report Aggregation:","Summary"

            "CampaignName","AdGroupName","Keyword","Impressions","Clicks","Spend","Conversions"
            "C","A","shoes","100","5","2.50","1"
            "@2026 Microsoft Corporation. All rights reserved. "
            """
        let (rows, summary) = try Report.read(text, account: "Acct")
        #expect(rows.count == 1)
        #expect(rows[0].fact.period == range("2026-08-01", "2026-08-14"))
        #expect(rows[0].fact.keyword.account == "Acct")
        #expect(summary.period == range("2026-08-01", "2026-08-14"))
    }

    @Test func monthlyAggregationGivesMonthPeriodsCutToTheReportRange() throws {
        let text = """
            "Report Name: Keywords"
            "Report Time: 4/1/2026 - 5/10/2026"
            "Report Aggregation: Monthly"

            "TimePeriod","CampaignName","AdGroupName","Keyword","Impressions","Clicks","Spend","Conversions"
            "2026-04-01","C","A","shoes","100","5","2.50","1"
            "2026-05-01","C","A","shoes","100","5","2.50","1"
            """
        let (rows, _) = try Report.read(text)
        #expect(rows.map(\.fact.period) == [range("2026-04-01", "2026-04-30"), range("2026-05-01", "2026-05-10")])
    }

    @Test func hourlyAggregationIsRefused() throws {
        let text = """
            "Report Name: Keywords"
            "Report Aggregation: Hourly"

            "TimePeriod","CampaignName","AdGroupName","Keyword","Impressions","Clicks","Spend","Conversions"
            "2026-04-01","C","A","shoes","100","5","2.50","1"
            """
        let error = try #require(Report.error(text))
        #expect(error.line == 2)
        #expect(error.message.contains("Hourly"))
    }

    @Test func bulkFileGivesKeywordAttributesOnly() throws {
        var records: [ReportRecord] = []
        let bytes = try Fixture.bytes("microsoft-bulk.csv")
        let summary = try ReportReader.read(bytes, fileName: "bulk.csv", defaultAccount: "Contoso") {
            records.append($0)
        }
        #expect(summary == ReportSummary(format: .microsoftBulk, period: nil, records: 3, skippedTotalRows: 0))
        let attributes = records.compactMap { record -> (KeywordIdentity, KeywordAttributes)? in
            guard case .attributes(let identity, let attributes) = record else { return nil }
            return (identity, attributes)
        }
        #expect(attributes.count == 3)
        #expect(
            attributes[0].0
                == KeywordIdentity(
                    account: "Contoso", campaign: "Shoes", adGroup: "Red", text: "red shoes", matchType: .exact))
        #expect(
            attributes[0].1
                == KeywordAttributes(
                    maxCPC: Micros(850_000), qualityScore: 7, status: "Active", platformKeywordID: "1001",
                    platformAdGroupID: "501"))
        #expect(attributes[1].1.maxCPC == nil)  // inherits the ad group bid
        #expect(attributes[1].1.automatedBidStrategy == nil)  // InheritFromParent names no strategy
        #expect(attributes[1].0.matchType == .phrase)
        #expect(attributes[2].0.text == "blue shoes, cheap")
        #expect(attributes[2].1.maxCPC == Micros(1_250_000))
        #expect(attributes[2].1.automatedBidStrategy == "MaxConversions")
        // Bids sum by hand: 0.85 + 1.25.
        #expect(attributes.compactMap(\.1.maxCPC).reduce(.zero, +) == Micros(2_100_000))
    }

    @Test func bulkFileColumnsAreFoundByNameInAnyOrder() throws {
        let text = """
            Keyword,Match Type,Type,Ad Group,Campaign,Parent Id,Id,Bid
            ,,Format Version,,,,,
            boots,Broad,Keyword,A,C,77,88,0.40
            """
        var identities: [KeywordIdentity] = []
        _ = try ReportReader.read(Array(text.utf8), fileName: "b.csv", defaultAccount: "X") { record in
            if case .attributes(let identity, let attributes) = record {
                identities.append(identity)
                #expect(attributes.platformAdGroupID == "77")
                #expect(attributes.maxCPC == Micros(400_000))
            }
        }
        #expect(
            identities == [KeywordIdentity(account: "X", campaign: "C", adGroup: "A", text: "boots", matchType: .broad)]
        )
    }

    @Test func uiGridDownloadWithFriendlyNamesAndDateRangeLine() throws {
        let text = """
            Keywords
            "Date range: May 1, 2026 - May 7, 2026"
            "Keyword","Campaign","Ad group","Match type","Bid","Impr.","Clicks","Spend","Conv.","Revenue"
            "running shoes","Shoes","Run","Phrase","$0.75","1,200","40","$31.20","2","$180.00"
            "Total","","","","","1,200","40","$31.20","2","$180.00"
            """
        let (rows, summary) = try Report.read(text, account: "Contoso")
        #expect(summary.format == .microsoftKeywordPerformance)
        #expect(summary.skippedTotalRows == 1)
        #expect(summary.period == range("2026-05-01", "2026-05-07"))
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(
            row.fact.keyword
                == KeywordIdentity(
                    account: "Contoso", campaign: "Shoes", adGroup: "Run", text: "running shoes", matchType: .phrase))
        #expect(row.fact.cost == Micros(31_200_000))
        #expect(row.fact.conversionValue == Micros(units: 180))
        #expect(row.attributes.maxCPC == Micros(750_000))
    }
}
