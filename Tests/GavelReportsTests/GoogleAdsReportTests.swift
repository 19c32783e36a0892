import GavelCore
import GavelReports
import Testing

/// Google Ads UI "Search keyword report" downloads, one test per quirk of real files.
@Suite struct GoogleAdsReportTests {
    /// A minimal download: title, date range, `header`, then `rows`.
    private func report(_ header: String, _ rows: String..., range: String = "1 May 2026 - 8 May 2026") -> String {
        (["Search keyword report", range, header] + rows).joined(separator: "\n") + "\n"
    }

    private let minimalHeader = "Keyword,Campaign,Ad group,Impr.,Clicks,Cost,Conversions"

    @Test func csvFixtureTotalsMatchHandSums() throws {
        let (rows, summary) = try Fixture.read("google-search-keywords.csv")
        #expect(summary.format == .googleAdsCSV)
        #expect(summary.records == 4)
        #expect(summary.skippedTotalRows == 3)
        #expect(summary.period == range("2026-05-01", "2026-05-08"))
        let totals = Report.totals(rows)
        // 10,708 + 981 + 35 + 1,002; 412 + 77 + 0 + 31; 1,234.56 + 88.40 + 0 + 25.11; 12.50 + 3.47.
        #expect(totals.impressions == 12_726)
        #expect(totals.clicks == 520)
        #expect(totals.cost == Micros(1_348_070_000))
        #expect(abs(totals.conversions - 15.97) < 1e-9)
        #expect(totals.conversionValue == Micros(2_910_200_000))
    }

    @Test func csvFixtureRowsCarryIdentityAttributesAndShares() throws {
        let (rows, _) = try Fixture.read("google-search-keywords.csv", account: "Acme")
        let first = rows[0]
        #expect(
            first.fact.keyword
                == KeywordIdentity(
                    account: "Acme", campaign: "Brand", adGroup: "Wash", text: "car wash", matchType: .phrase))
        #expect(first.fact.period == range("2026-05-01", "2026-05-08"))
        #expect(first.fact.device == .all)
        #expect(first.attributes == KeywordAttributes(maxCPC: Micros(1_200_000), qualityScore: 7, status: "Enabled"))
        #expect(abs(first.fact.shares.topImpressionRate! - 0.4512) < 1e-12)
        #expect(abs(first.fact.shares.absoluteTopImpressionRate! - 0.20) < 1e-12)
        #expect(first.fact.shares.searchImpressionShare == ShareMetrics.below(0.10))
        #expect(first.fact.shares.searchTopImpressionShare == ShareMetrics.above(0.90))
        #expect(abs(first.fact.shares.clickShare! - 0.1234) < 1e-12)
        #expect(rows[1].fact.keyword.matchType == .exact)
        #expect(rows[1].fact.keyword.text == "car wash near me")
        #expect(rows[1].attributes.qualityScore == nil)
        #expect(rows[1].attributes.automatedBidStrategy == "Target CPA")
        #expect(rows[1].fact.shares == ShareMetrics())
        #expect(rows[2].attributes.maxCPC == nil)
        #expect(rows[2].attributes.status == "Paused")
        #expect(rows[3].attributes.automatedBidStrategy == nil)
    }

    @Test func excelCSVFixtureIsUTF16TabSeparatedWithDevices() throws {
        let bytes = try Fixture.bytes("google-search-keywords-excel.csv")
        #expect(Array(bytes.prefix(2)) == [0xFF, 0xFE])
        let (rows, summary) = try Report.read(bytes, fileName: "excel.csv", account: "Acme")
        #expect(summary.format == .googleAdsExcelCSV)
        #expect(summary.period == range("2020-08-08", "2020-08-14"))
        #expect(summary.skippedTotalRows == 2)
        #expect(rows.map(\.fact.device) == [.desktop, .mobile, .tablet, .desktop])
        #expect(rows[0].fact.keyword.campaign == "Café Über")
        #expect(rows[0].fact.keyword.adGroup == "Wäsche")
        #expect(rows[0].fact.keyword.displayText == "\"car wash\"")
        #expect(rows[3].fact.keyword.displayText == "[car wash]")
        let totals = Report.totals(rows)
        #expect(totals.impressions == 2_400)
        #expect(totals.clicks == 135)  // read from "Interactions"
        #expect(totals.cost == Micros(97_750_000))
        #expect(abs(totals.conversions - 4.5) < 1e-9)
        #expect(totals.conversionValue == Micros(215_000_000))
    }

    @Test func excelCSVWrittenFromTheTestDecodesSurrogatePairs() throws {
        let text = report(
            "Keyword\tCampaign\tAd group\tImpr.\tClicks\tCost\tConversions", "[car 🚗 wash]\tC\tA\t5\t1\t0.50\t0")
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (rows, summary) = try Report.read(bytes, fileName: "k.csv", account: "A")
        #expect(summary.format == .googleAdsExcelCSV)
        #expect(rows.first?.fact.keyword.text == "car 🚗 wash")
        #expect(rows.first?.fact.keyword.matchType == .exact)
    }

    @Test func dailyFixtureWithAllTimeUsesDayColumnAndAccountColumn() throws {
        let (rows, summary) = try Fixture.read("google-search-keywords-daily.csv", account: "Ignored")
        #expect(summary.period == range("2026-05-01", "2026-05-03"))
        #expect(
            rows.map(\.fact.period.first) == [
                day("2026-05-01"), day("2026-05-02"), day("2026-05-01"), day("2026-05-03"),
            ])
        #expect(rows.allSatisfy { $0.fact.period.isSingleDay && $0.fact.keyword.account == "Acme GmbH" })
        #expect(rows.map(\.fact.keyword.matchType) == [.phrase, .phrase, .exact, .broad])
        #expect(Set(rows.map(\.fact.keyword.text)) == ["car wash"])
        let totals = Report.totals(rows)
        #expect(totals.impressions == 1_270)
        #expect(totals.clicks == 67)
        #expect(totals.cost == Micros(34_600_000))
        #expect(abs(totals.conversions - 4.25) < 1e-9)
        #expect(totals.conversionValue == Micros(150_000_000))
    }

    @Test func utf8ByteOrderMarkIsIgnored() throws {
        let text = report(minimalHeader, "shoes,C,A,1,1,1,0")
        let (rows, _) = try Report.read([0xEF, 0xBB, 0xBF] + Array(text.utf8), fileName: "k.csv", account: "A")
        #expect(rows.count == 1)
    }

    @Test func titleAndLocalizedDateRangeLinesBeforeTheHeader() throws {
        for (line, expected) in [
            ("1 May 2026 - 8 May 2026", range("2026-05-01", "2026-05-08")),
            ("August 8, 2020 - August 14, 2020", range("2020-08-08", "2020-08-14")),
            ("Aug 8, 2020 – Aug 14, 2020", range("2020-08-08", "2020-08-14")),
            ("1. Mai 2026 - 8. Mai 2026", range("2026-05-01", "2026-05-08")),
            ("Custom (2026-05-01 - 2026-05-31)", range("2026-05-01", "2026-05-31")),
        ] {
            let (rows, summary) = try Report.read(report(minimalHeader, "shoes,C,A,1,1,1,0", range: line))
            #expect(summary.period == expected, "\(line)")
            #expect(rows.first?.fact.period == expected, "\(line)")
        }
    }

    @Test func totalRowsAreSkippedIncludingThoseWithABlankFirstColumn() throws {
        let (rows, summary) = try Report.read(
            report(
                "Keyword,Keyword status,Campaign,Ad group,Impr.,Clicks,Cost,Conversions",
                "shoes,Enabled,C,A,10,2,1.00,0",
                "Total: Keywords,,,,10,2,1.00,0",
                ",Total: Search,,,10,2,1.00,0",
                ",,Total: Account,,10,2,1.00,0",
                "total gym,Enabled,C,A,10,2,1.00,0"))
        #expect(rows.map(\.fact.keyword.text) == ["shoes", "total gym"])
        #expect(summary.skippedTotalRows == 3)
    }

    @Test func thousandsSeparatorsInsideQuotes() throws {
        let (rows, _) = try Report.read(report(minimalHeader, #"shoes,C,A,"10,708","1,001","1,234.56","1,234.50""#))
        #expect(rows[0].fact.impressions == 10_708)
        #expect(rows[0].fact.clicks == 1_001)
        #expect(rows[0].fact.cost == Micros(1_234_560_000))
        #expect(rows[0].fact.conversions == 1_234.5)
    }

    @Test func nullsWrittenAsDashesMeanZeroForCountsAndUnknownForAttributes() throws {
        let (rows, _) = try Report.read(
            report(
                minimalHeader + ",Max. CPC,Quality Score,Conv. value,Search impr. share",
                "shoes,C,A,--, --,--, --,--, --,--, --", "boots,C,A,,,,,,,,"))
        for row in rows {
            #expect(row.fact.totals == .zero)
            #expect(row.attributes == KeywordAttributes())
            #expect(row.fact.shares.searchImpressionShare == nil)
        }
    }

    @Test func censoredPercentagesBecomeBounds() throws {
        let (rows, _) = try Report.read(
            report(minimalHeader + ",Search impr. share,Click share", "shoes,C,A,1,1,1,0,< 10%,> 90%"))
        #expect(rows[0].fact.shares.searchImpressionShare == 0.0999)
        #expect(rows[0].fact.shares.clickShare == 0.9001)
    }

    @Test func phraseAndExactSpellingsAreStrippedAndInferredWithoutMatchTypeColumn() throws {
        let (rows, _) = try Report.read(
            report(minimalHeader, #""""car wash""",C,A,1,1,1,0"#, "[car wash],C,A,1,1,1,0", "car wash,C,A,1,1,1,0"))
        #expect(rows.map(\.fact.keyword.text) == ["car wash", "car wash", "car wash"])
        #expect(rows.map(\.fact.keyword.matchType) == [.phrase, .exact, .broad])
    }

    @Test func matchTypeColumnWinsAndMarksAreStrippedAnyway() throws {
        let (rows, _) = try Report.read(
            report(
                "Keyword,Match type,Campaign,Ad group,Impr.,Clicks,Cost,Conversions",
                #""""car wash""",Phrase match,C,A,1,1,1,0"#, "car wash,Exact match (close variant),C,A,1,1,1,0"))
        #expect(rows.map(\.fact.keyword.text) == ["car wash", "car wash"])
        #expect(rows.map(\.fact.keyword.matchType) == [.phrase, .exact])
    }

    @Test func interactionsStandsInForClicksButClicksWins() throws {
        let interactions = try Report.read(
            report("Keyword,Campaign,Ad group,Impr.,Interactions,Cost,Conversions", "shoes,C,A,10,7,1,0"))
        #expect(interactions.facts[0].fact.clicks == 7)
        let both = try Report.read(
            report("Keyword,Campaign,Ad group,Impr.,Interactions,Clicks,Cost,Conversions", "shoes,C,A,10,7,5,1,0"))
        #expect(both.facts[0].fact.clicks == 5)
    }

    @Test func deviceColumnGivesOneRowPerKeywordAndDevice() throws {
        let (rows, _) = try Report.read(
            report(
                minimalHeader + ",Device", "shoes,C,A,10,1,1,0,Computers", "shoes,C,A,20,2,2,0,Mobile phones",
                "shoes,C,A,5,0,0,0,Tablets", "shoes,C,A,1,0,0,0,TV screens"))
        #expect(rows.map(\.fact.device) == [.desktop, .mobile, .tablet, .tv])
        #expect(Set(rows.map(\.fact.keyword)).count == 1)
    }

    @Test func dayColumnInEveryWrittenForm() throws {
        let (rows, summary) = try Report.read(
            report(
                "Day," + minimalHeader, "2026-05-01,shoes,C,A,1,1,1,0", #""Sat, May 2, 2026",shoes,C,A,1,1,1,0"#,
                "3 May 2026,shoes,C,A,1,1,1,0", #""May 4, 2026",shoes,C,A,1,1,1,0"#))
        #expect(
            rows.map(\.fact.period)
                == ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04"].map {
                    DayRange(day: day($0))
                })
        #expect(summary.period == range("2026-05-01", "2026-05-08"))
    }

    @Test func withoutDayColumnTheRowCoversTheWholeRangeAsOnePeriod() throws {
        let (rows, _) = try Report.read(report(minimalHeader, "shoes,C,A,70,7,7,0"))
        #expect(rows.count == 1)
        #expect(rows[0].fact.period.dayCount == 8)
        #expect(rows[0].fact.clicks == 7)
    }

    @Test func allTimeWithoutDayColumnIsAnErrorThatSaysWhatToDo() throws {
        let error = try #require(Report.error(report(minimalHeader, "shoes,C,A,1,1,1,0", range: "All time")))
        #expect(error.line == 2)
        #expect(error.column == nil)
        #expect(error.message.contains("\"All time\""))
        #expect(error.message.contains("Day column"))
    }

    @Test func currencyIsPlainNumbersAndMoneyIsExact() throws {
        let (rows, _) = try Report.read(
            report(minimalHeader + ",Conv. value,Max. CPC", "shoes,C,A,1,1,0.1,0,0.2,0.30"))
        #expect(rows[0].fact.cost + rows[0].fact.conversionValue == Micros(300_000))
        #expect(rows[0].attributes.maxCPC == Micros(300_000))
    }

    @Test func variantColumnNamesAreAccepted() throws {
        let (rows, _) = try Report.read(
            report(
                "Account name,Search keyword,Search keyword match type,Campaign,Ad group,Impr.,Clicks,Avg. cost,Cost,"
                    + "All conv.,Conversions value,Search Impr. share,Currency code,Bid strategy type",
                "Acme,shoes,Exact match,C,A,10,2,0.50,1.00,1.5,9.00,45%,USD,Maximize conversions"))
        let row = try #require(rows.first)
        #expect(row.fact.keyword.account == "Acme")
        #expect(row.fact.keyword.matchType == .exact)
        #expect(row.fact.conversions == 1.5)
        #expect(row.fact.conversionValue == Micros(units: 9))
        #expect(row.fact.shares.searchImpressionShare == 0.45)
        #expect(row.attributes.automatedBidStrategy == "Maximize conversions")
    }

    @Test func unknownColumnsAreIgnored() throws {
        let (rows, _) = try Report.read(
            report(
                "Labels,Keyword,Final URL,Campaign,Ad group,Impr.,Clicks,Cost,Conversions,Policy details",
                "x;y,shoes,https://a.example/?q=1,C,A,1,1,1,0,Approved"))
        #expect(rows.count == 1)
    }
}
