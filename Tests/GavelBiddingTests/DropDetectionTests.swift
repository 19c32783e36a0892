import GavelBidding
import GavelCore
import Testing

@Suite struct DropDetectionTests {
    let start = CalendarDay(year: 2026, month: 9, day: 1)!

    /// Binomial draws of daily conversions: `clicksPerDay` clicks at `rate(day)`.
    func series(days: Int, clicksPerDay: Int, seed: UInt64, rate: (Int) -> Double) -> ([Double], [Double]) {
        var random = SeededRandom(seed: seed)
        var conversions: [Double] = []
        for day in 0..<days {
            var count = 0.0
            for _ in 0..<clicksPerDay where random.nextUnit() < rate(day) { count += 1 }
            conversions.append(count)
        }
        return ([Double](repeating: Double(clicksPerDay), count: days), conversions)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func detectsAHalvedRateWithinAFewDays(seed: UInt64) throws {
        let (clicks, conversions) = series(days: 70, clicksPerDay: 200, seed: seed) { $0 < 60 ? 0.03 : 0.015 }
        let drop = try #require(
            ConversionDropDetector(settings: DropDetectionSettings()).detect(
                firstDay: start, clicks: clicks, conversions: conversions))
        let changeDay = start.advanced(by: 60)
        #expect(drop.alarmDay.distance(to: changeDay) <= 0)
        #expect(changeDay.distance(to: drop.alarmDay) <= 8, "alarm on \(drop.alarmDay)")
        #expect(abs(changeDay.distance(to: drop.changeDay)) <= 3, "change put at \(drop.changeDay)")
        #expect(drop.rateAfter < drop.rateBefore)
    }

    @Test(arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func staysQuietOnAStableSeries(seed: UInt64) {
        let (clicks, conversions) = series(days: 90, clicksPerDay: 200, seed: seed) { _ in 0.03 }
        #expect(
            ConversionDropDetector(settings: DropDetectionSettings()).detect(
                firstDay: start, clicks: clicks, conversions: conversions) == nil)
    }
}
