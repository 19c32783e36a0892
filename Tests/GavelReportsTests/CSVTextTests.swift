import GavelReports
import Testing

@Suite struct CSVTextTests {
    @Test func quotesOnlyFieldsThatNeedItAndEndsEveryRow() {
        var csv = CSVText(header: ["Campaign", "Keyword", "Max CPC"])
        csv.append("Shoes, DE")
        csv.append("say \"hi\"")
        csv.append("1.25")
        csv.endRow()
        csv.appendRow(["plain", "", "0.50"])
        #expect(csv.text == "Campaign,Keyword,Max CPC\n\"Shoes, DE\",\"say \"\"hi\"\"\",1.25\nplain,,0.50\n")
    }

    @Test func emptyFieldsKeepTheirCommas() {
        var csv = CSVText(header: ["a", "b", "c"])
        csv.appendRow(["", "", ""])
        #expect(csv.text == "a,b,c\n,,\n")
    }
}
