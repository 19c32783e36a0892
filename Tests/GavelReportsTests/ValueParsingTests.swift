import GavelCore
import PropertyBased
import Testing

@testable import GavelReports

/// The shared building blocks: dates, cell values and the tokenizer.
@Suite struct ValueParsingTests {
    private func dates(_ text: String) -> [CalendarDay]? { DateText.dates(in: text.utf8) }

    @Test func datesInEveryFormTheFilesUse() {
        #expect(dates("1 May 2026 - 8 May 2026") == [day("2026-05-01"), day("2026-05-08")])
        #expect(dates("August 8, 2020 - August 14, 2020") == [day("2020-08-08"), day("2020-08-14")])
        #expect(dates("Mon, May 4, 2026") == [day("2026-05-04")])
        #expect(dates("1 de mayo de 2026") == [day("2026-05-01")])
        #expect(dates("3 févr. 2026") == [day("2026-02-03")])
        #expect(dates("5/1/2026 3:00:00 AM (GMT)") == [day("2026-05-01")])
        #expect(dates("01.05.2026") == [day("2026-05-01")])
        #expect(dates("2026-05-01,2026-05-08") == [day("2026-05-01"), day("2026-05-08")])
        #expect(dates("All time") == [])
        #expect(dates("Search keyword report") == [])
        #expect(dates("Feb 30, 2026") == nil)
    }

    private func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test func countsDecimalsAndShares() {
        #expect(withBytes("10,708") { FieldValues.count($0) } == 10_708)
        #expect(withBytes("12.00") { FieldValues.count($0) } == 12)
        #expect(withBytes("12.5") { FieldValues.count($0) } == nil)
        #expect(withBytes("-3") { FieldValues.count($0) } == nil)
        #expect(withBytes("99999999999999999999") { FieldValues.count($0) } == nil)
        #expect(withBytes("3.47") { FieldValues.decimal($0) } == 3.47)
        #expect(withBytes("1,234.50") { FieldValues.decimal($0) } == 1_234.5)
        #expect(withBytes("0.0000000000000000000001") { FieldValues.decimal($0) } == 0)
        #expect(withBytes("45.12%") { FieldValues.share($0, percentages: false) } == 0.4512)
        #expect(withBytes("< 10%") { FieldValues.share($0, percentages: true) } == ShareMetrics.below(0.1))
        #expect(withBytes("0.3") { FieldValues.share($0, percentages: false) } == 0.3)
        #expect(withBytes("30") { FieldValues.share($0, percentages: true) } == 0.3)
        #expect(withBytes("0.50 (enhanced)") { FieldValues.bid($0) } == .amount(Micros(500_000)))
        #expect(withBytes("auto") { FieldValues.bid($0) } == .unstated)
    }

    @Test func tokenizerHandlesQuotesDelimitersAndLineEnds() throws {
        let text = "a,\"b,\"\"c\"\"\",\r\n\"multi\nline\" \rlast"
        let rows: [[String]] = try Array(text.utf8).withUnsafeBufferPointer { buffer in
            var tokenizer = CSVTokenizer(buffer: buffer, delimiter: .comma, fileName: "t")
            var row = CSVRow(buffer: buffer)
            var rows: [[String]] = []
            var lines: [Int] = []
            while try tokenizer.next(into: &row) {
                rows.append(row.spans.indices.map(row.string))
                lines.append(row.line)
            }
            #expect(lines == [1, 2, 4])
            return rows
        }
        #expect(rows == [["a", "b,\"c\"", ""], ["multi\nline"], ["last"]])
    }

    /// The fast money path must agree with ``Micros/parse(_:)``, the authority, on every spelling.
    @Test func moneyAgreesWithMicrosParse() async {
        let characters = Array("0123456789.,-$ ".utf8)
        await propertyCheck(count: 500, input: Gen.int(in: 0..<characters.count).array(of: 0...14)) { picks in
            let bytes = picks.map { characters[$0] }
            let fast = bytes.withUnsafeBufferPointer { FieldValues.money($0) }
            if bytes.first != UInt8(ascii: "$") {
                #expect(fast == Micros.parse(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(withBytes("1.2345678") { FieldValues.money($0) } == Micros(1_234_568))
        #expect(withBytes("€ 12.50") { FieldValues.money($0) } == Micros(12_500_000))
    }
}
