import GavelCore
import PropertyBased
import Testing

@Suite struct MicrosTests {
    @Test func parsesPlatformAmountsExactly() {
        #expect(Micros(decimal: "1.25") == Micros(1_250_000))
        #expect(Micros(decimal: "10,708") == Micros(units: 10_708))
        #expect(Micros(decimal: "1,234.56") == Micros(1_234_560_000))
        #expect(Micros(decimal: "-0.5") == Micros(-500_000))
        #expect(Micros(decimal: "0.1234565") == Micros(123_457))
        #expect(Micros(decimal: "") == nil)
        #expect(Micros(decimal: "1.2.3") == nil)
        #expect(Micros(decimal: "€1") == nil)
        #expect(Micros(decimal: "99999999999999999999") == nil)
    }

    /// At the edge of `Int64`: the whole part fits, and its fraction or rounding must not carry past it (a win
    /// notice's `price` is parsed before its signature is checked, so anyone could send one).
    @Test func amountsAtTheLimitParseOrAreRefusedNeverTrap() {
        #expect(Micros(decimal: "9223372036854.775807") == Micros(Int64.max))
        #expect(Micros(decimal: "9223372036854.775808") == nil)
        #expect(Micros(decimal: "9223372036854.9999995") == nil)
        #expect(Micros(decimal: "-9223372036854.775807") == Micros(-Int64.max))
    }

    @Test func checkedRoundingRefusesWhatMicrosCannotHold() {
        #expect(Micros(checkedRounding: 1.25) == Micros(1_250_000))
        #expect(Micros(checkedRounding: -9.2e12) == Micros(-9_200_000_000_000_000_000))
        #expect(Micros(checkedRounding: 9.3e12) == nil)
        #expect(Micros(checkedRounding: 1e308) == nil)
        #expect(Micros(checkedRounding: .infinity) == nil)
        #expect(Micros(checkedRounding: .nan) == nil)
    }

    @Test func formatsWithRounding() {
        #expect(Micros(1_250_000).description == "1.25")
        #expect(Micros(1_255_000).formatted(decimals: 2) == "1.26")
        #expect(Micros(-500_000).description == "-0.50")
        #expect(Micros(7).formatted(decimals: 6) == "0.000007")
        #expect(Micros(units: 25).formatted(decimals: 0) == "25")
    }

    @Test func briefExampleTargetCPATimesCVR() {
        // The brief: target CPA €25 at a 5 % conversion rate bids €1.25 per click.
        #expect(Micros(units: 25).scaled(by: 0.05) == Micros(1_250_000))
    }

    @Test func formattingRoundTripsThroughParsing() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { raw in
            let amount = Micros(raw)
            #expect(Micros(decimal: amount.formatted(decimals: 6)) == amount)
        }
    }
}

@Suite struct CalendarDayTests {
    @Test func knownDates() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)?.rawValue == 0)
        #expect(CalendarDay(year: 2026, month: 11, day: 25)?.description == "2026-11-25")
        #expect(CalendarDay(year: 2026, month: 11, day: 25)?.weekday == 3)  // a Wednesday
        #expect(CalendarDay(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDay(iso: "2026-12-31")?.dayOfYear == 365)
    }

    @Test func isoRoundTrip() async {
        await propertyCheck(input: Gen.int(in: -200_000...200_000)) { raw in
            let day = CalendarDay(rawValue: Int32(raw))
            #expect(CalendarDay(iso: day.description) == day)
        }
    }
}

@Suite struct TotalsTests {
    @Test func ratiosAreNilWithoutDenominator() {
        let totals = PerformanceTotals(impressions: 1000, clicks: 40, cost: Micros(units: 48), conversions: 3)
        #expect(totals.ctr == 0.04)
        #expect(totals.cvr == 0.075)
        #expect(totals.cpa == Micros(16_000_000))
        #expect(totals.averageCPC == Micros(1_200_000))
        #expect(PerformanceTotals.zero.cvr == nil)
        #expect(PerformanceTotals.zero.cpa == nil)
    }
}
