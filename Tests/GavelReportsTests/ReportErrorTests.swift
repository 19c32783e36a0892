import GavelCore
import GavelReports
import Testing

/// Bad input gives an error a person can act on: file, line, column and what was expected.
@Suite struct ReportErrorTests {
    private let google = """
        Search keyword report
        1 May 2026 - 8 May 2026
        Keyword status,Keyword,Match type,Campaign,Ad group,Impr.,Clicks,Cost,Conversions
        Enabled,shoes,Broad match,C,A,10,2,1.00,0

        """

    @Test func badNumberNamesFileLineColumnAndValue() throws {
        let text = google + "Enabled,boots,Broad match,C,A,10,abc,1.00,0\n"
        let error = try #require(Report.error(text))
        #expect(error.description == #"keywords.csv:5:7: expected a number in column "Clicks", found "abc""#)
    }

    @Test func lineNumbersCountLinesInsideQuotedFields() throws {
        let text = google + "Enabled,\"two\nline\",Broad match,C,A,10,2,1.00,0\nEnabled,x,Broad match,C,A,1,2,zz,0\n"
        let error = try #require(Report.error(text))
        #expect(error.line == 7)
        #expect(error.column == 8)
        #expect(error.message == #"expected a number in column "Cost", found "zz""#)
    }

    @Test func missingRequiredColumnNamesItAndItsAlternatives() throws {
        let text = "Title\n1 May 2026 - 2 May 2026\nKeyword,Campaign,Ad group,Impr.,Cost,Conversions\nx,C,A,1,1,0\n"
        let error = try #require(Report.error(text))
        #expect(
            error
                == ReportError(
                    file: "keywords.csv", line: 3, message: #"missing required column "Clicks" (or "Interactions")"#))
    }

    @Test func badMatchTypeDeviceDateAndQualityScore() throws {
        let header = "Day,Keyword,Match type,Device,Quality Score,Campaign,Ad group,Impr.,Clicks,Cost,Conversions"
        let cases: [(String, Int, String)] = [
            ("2026-05-01,x,Fuzzy,Computers,5,C,A,1,1,1,0", 3, "a match type (Broad, Phrase or Exact)"),
            ("2026-05-01,x,Exact,Toaster,5,C,A,1,1,1,0", 4, "a device (e.g. Computers, Mobile phones, Tablets)"),
            ("2026-02-30,x,Exact,Computers,5,C,A,1,1,1,0", 1, "a date"),
            ("2026-05-01,x,Exact,Computers,11,C,A,1,1,1,0", 5, "a Quality Score from 1 to 10"),
        ]
        for (row, column, expected) in cases {
            let error = try #require(Report.error("T\nAll time\n\(header)\n\(row)\n"))
            #expect(error.line == 4)
            #expect(error.column == column)
            #expect(error.message.hasPrefix("expected \(expected) in column"), "\(error)")
        }
    }

    @Test func shortRowSaysHowManyFieldsWereExpected() throws {
        let error = try #require(Report.error(google + "Enabled,boots,Broad match\n"))
        #expect(error.line == 5)
        #expect(error.message == "expected 9 fields as in the header on line 3, found 3")
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() throws {
        let error = try #require(Report.error(google + "Enabled,\"boots,Broad match,C,A,1,1,1,0\n"))
        #expect(error.line == 5)
        #expect(error.column == 2)
    }

    @Test func unrecognisedAndEmptyFilesSaySo() throws {
        let unknown = try #require(Report.error("name,price\nx,1\n", fileName: "prices.csv"))
        #expect(unknown.file == "prices.csv")
        #expect(unknown.line == 1)
        #expect(unknown.message.hasPrefix("not a keyword report Gavel knows"))
        let empty = try #require(Report.error("\n\n", fileName: "empty.csv"))
        #expect(empty.message == "the file is empty")
    }

    @Test func genericBadDateHasExactPosition() throws {
        let text = """
            account,campaign,ad_group,keyword,match_type,date,device,impressions,clicks,cost,conversions,conversion_value
            A,C,G,k,broad,2026-05-01,desktop,1,1,1,0,0
            A,C,G,k,broad,05/2026,desktop,1,1,1,0,0
            """
        let error = try #require(Report.error(text, fileName: "generic.csv"))
        #expect(error.description == #"generic.csv:3:6: expected a date in column "date", found "05/2026""#)
    }
}
