import GavelCore
import GavelMarket
import Testing

@Suite struct SpecValidationTests {
    func field(_ spec: MarketSpec) -> String? {
        do {
            _ = try Market(spec: spec)
            return nil
        } catch {
            return error.field
        }
    }

    @Test func defaultsAreValid() throws {
        let market = try Market(spec: MarketSpec())
        #expect(
            market.historyRange
                == DayRange(first: CalendarDay(iso: "2026-08-27")!, last: CalendarDay(iso: "2026-11-24")!)
        )
        #expect(market.historyRange.dayCount == 90)
    }

    @Test func invalidFieldsAreNamed() {
        #expect(field(MarketSpec(keywords: 0)) == "keywords")
        #expect(field(MarketSpec(days: 0)) == "days")
        #expect(field(MarketSpec(conversionLagMeanDays: -1)) == "conversionLagMeanDays")
        var devices = DeviceMix.standard
        devices.mobile.share = 0.6
        #expect(field(MarketSpec(devices: devices)) == "devices")
        devices = .standard
        devices.tablet.costPerClickMultiplier = 1.2
        #expect(field(MarketSpec(devices: devices)) == "devices.tablet.costPerClickMultiplier")
        #expect(field(MarketSpec(volume: SearchVolumeModel(zipfExponent: 1.2))) == "volume.zipfExponent")
        #expect(
            field(MarketSpec(seasonality: Seasonality(weekdayFactors: [1], decemberPeak: 0)))
                == "seasonality.weekdayFactors"
        )
        #expect(field(MarketSpec(bidChanges: BidChangeModel(probabilityPerDay: 2))) == "bidChanges.probabilityPerDay")
        let outside = LandingPageChange(
            scope: .adGroup(500),
            from: CalendarDay(iso: "2026-10-01")!,
            conversionRateFactor: 0.5
        )
        #expect(
            field(MarketSpec(keywords: 10_000, events: [.landingPageChange(outside)]))
                == "events.landingPageChange.scope"
        )
        let error = MarketSpecError(field: "keywords", reason: "must be at least 1, got 0")
        #expect(error.description == "invalid market spec: keywords must be at least 1, got 0")
    }
}
