import GavelBidding
import GavelCore
import Testing

/// How rows become the categorizer's keywords: windows, device segments, keywords without rows.
@Suite struct CategorizerCollectionTests {
    static let may1 = CalendarDay(year: 2026, month: 5, day: 1)!
    static let keyword = KeywordIdentity(account: "A", campaign: "C", adGroup: "G", text: "k", matchType: .phrase)

    static func day(_ offset: Int) -> DayRange { DayRange(day: may1.advanced(by: offset)) }

    static func totals(_ impressions: Int64, _ clicks: Int64, _ conversions: Double = 0) -> PerformanceTotals {
        PerformanceTotals(
            impressions: impressions, clicks: clicks, cost: Micros(units: clicks), conversions: conversions)
    }

    static func collect(_ folder: inout KeywordRowFolder, attributes: KeywordAttributes = KeywordAttributes())
        -> [(Device, KeywordPerformance)]
    {
        var result: [(Device, KeywordPerformance)] = []
        folder.finish(attributes: attributes) { result.append(($0, $1)) }
        return result
    }

    @Test func storeRowsCombineDevicesWeightSharesAndStayInsideTheWindow() throws {
        var folder = KeywordRowFolder(
            window: DayRange(first: Self.may1, last: Self.may1.advanced(by: 6)), segmentation: .combined)
        folder.add(
            period: Self.day(0), device: .desktop, totals: Self.totals(300, 10, 1),
            shares: ShareMetrics(topImpressionRate: 0.6))
        folder.add(
            period: Self.day(0), device: .mobile, totals: Self.totals(100, 5),
            shares: ShareMetrics(topImpressionRate: 0.2))
        // A weekly row reaching past the window is left out, not prorated.
        folder.add(
            period: DayRange(first: Self.may1.advanced(by: 3), last: Self.may1.advanced(by: 9)), device: .all,
            totals: Self.totals(1000, 50), shares: ShareMetrics())
        let rows = Self.collect(&folder, attributes: KeywordAttributes(maxCPC: Micros(units: 1), qualityScore: 6))
        #expect(rows.count == 1)
        let (device, performance) = try #require(rows.first)
        #expect(device == .all)
        #expect(performance.totals == Self.totals(400, 15, 1))
        // (300 × 0.6 + 100 × 0.2) / 400 = 0.5
        #expect(performance.topImpressionRate == 0.5)
        #expect(performance.absoluteTopImpressionRate == nil)
        #expect(performance.qualityScore == 6)
        #expect(performance.maxCPC == Micros(units: 1))
        #expect(folder.notes.rowsOutsideWindow == 1)
        #expect(folder.notes.keywordsWithDeviceSegments == 1)
    }

    @Test func perSegmentKeepsDevicesApartAndUnsegmentedRowsWin() {
        var folder = KeywordRowFolder(window: nil, segmentation: .perDevice)
        // Day 0 was imported both unsegmented and by device: the device rows would count it twice.
        folder.add(period: Self.day(0), device: .all, totals: Self.totals(50, 5), shares: ShareMetrics())
        folder.add(period: Self.day(0), device: .desktop, totals: Self.totals(30, 3), shares: ShareMetrics())
        folder.add(period: Self.day(1), device: .desktop, totals: Self.totals(40, 4), shares: ShareMetrics())
        folder.add(period: Self.day(1), device: .tablet, totals: Self.totals(7, 0), shares: ShareMetrics())
        let rows = Self.collect(&folder)
        #expect(rows.map(\.0) == [.all, .desktop, .tablet])
        #expect(rows.map(\.1.totals.impressions) == [50, 40, 7])
        #expect(folder.notes.rowsDuplicatingUnsegmented == 1)
        // The next keyword starts clean and, without rows, is still one keyword with no impressions.
        let empty = Self.collect(&folder)
        #expect(empty.map(\.0) == [.all])
        #expect(empty.first?.1.totals == PerformanceTotals())
    }

    @Test func reportRecordsGroupByKeywordInFirstSeenOrder() {
        var collector = ReportKeywordCollector(segmentation: .combined)
        var other = Self.keyword
        other.text = "other"
        var bulkOnly = Self.keyword
        bulkOnly.text = "bulk only"
        func fact(_ keyword: KeywordIdentity, _ offset: Int, _ device: Device, _ totals: PerformanceTotals)
            -> PerformanceFact
        {
            PerformanceFact(
                keyword: keyword, period: Self.day(offset), device: device, impressions: totals.impressions,
                clicks: totals.clicks, cost: totals.cost, conversions: totals.conversions, conversionValue: .zero)
        }
        collector.add(fact(Self.keyword, 0, .desktop, Self.totals(10, 1)), attributes: KeywordAttributes())
        collector.add(fact(other, 0, .desktop, Self.totals(5, 0)), attributes: KeywordAttributes())
        collector.add(attributes: KeywordAttributes(qualityScore: 3), of: bulkOnly)
        collector.add(
            fact(Self.keyword, 1, .mobile, Self.totals(20, 2, 1)), attributes: KeywordAttributes(qualityScore: 8))
        let collected = collector.collected()
        #expect(collected.segments.map(\.identity.text) == ["k", "other", "bulk only"])
        #expect(collected.performances.map(\.totals.impressions) == [30, 5, 0])
        #expect(collected.performances.map(\.qualityScore) == [8, nil, 3])
        #expect(collected.notes.keywordsWithDeviceSegments == 1)

        var perDevice = ReportKeywordCollector(segmentation: .perDevice)
        perDevice.add(fact(Self.keyword, 0, .desktop, Self.totals(10, 1)), attributes: KeywordAttributes())
        perDevice.add(fact(Self.keyword, 1, .mobile, Self.totals(20, 2)), attributes: KeywordAttributes())
        perDevice.add(fact(Self.keyword, 2, .desktop, Self.totals(1, 0)), attributes: KeywordAttributes())
        #expect(perDevice.collected().segments.map(\.device) == [.desktop, .mobile])
        #expect(perDevice.collected().performances.map(\.totals.impressions) == [11, 20])
    }
}
