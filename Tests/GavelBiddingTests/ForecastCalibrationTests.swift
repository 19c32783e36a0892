import Testing

@testable import GavelBidding

/// The calibration of landscapes against the last week's reported clicks and cost.
struct ForecastCalibrationTests {
    /// 10 clicks a day at €1 before calibration.
    static let landscape = SaturatingLandscape(
        maxClicks: 20,
        halfSaturationBid: 1,
        steepness: 2,
        discount: 0.3,
        priceShare: 0.9
    )

    static func fit(_ landscape: SaturatingLandscape = landscape) -> LandscapeFit {
        LandscapeFit(
            landscape: landscape,
            referenceBid: 1,
            clicksPerDay: landscape.clicks(atBid: 1),
            elasticity: 1,
            ownElasticity: nil,
            poolingWeight: 1,
            placement: .impressionShare,
            bidLevels: 1,
            clicks: 100
        )
    }

    /// A week at €1 that reported `clicks` clicks at `costPerClick` of the landscape's CPC.
    static func week(clicks: Double, costPerClick: Double = 1) -> [BidLevel] {
        [BidLevel(bid: 1, days: 7, clicks: clicks, cost: clicks * costPerClick * landscape.costPerClick(atBid: 1))]
    }

    @Test func eachLevelMovesTowardItsOwnRatioShrunkTowardThePortfolios() throws {
        #expect(abs(Self.landscape.clicks(atBid: 1) - 10) < 1e-12)
        // Forecast 70 clicks each; one keyword reported 35, the other 70: the portfolio's ratio is 0.75.
        let (fits, factors) = ForecastCalibration(days: 7, priorClicks: 20).calibrate(
            [Self.fit(), Self.fit(), nil],
            recent: [Self.week(clicks: 35), Self.week(clicks: 70), []]
        )
        let factorsFound = try #require(factors)
        #expect(abs(factorsFound.clicks - 0.75) < 1e-12)
        // (35 + 20 × 0.75) ÷ (70 + 20) and (70 + 15) ÷ 90; every click then cost what it was forecast to.
        let low = try #require(fits[0])
        let high = try #require(fits[1])
        #expect(abs(low.landscape.clicks(atBid: 1) - 10 * 50 / 90) < 1e-9)
        #expect(abs(high.landscape.clicks(atBid: 1) - 10 * 85 / 90) < 1e-9)
        #expect(abs(low.clicksPerDay - low.landscape.clicks(atBid: 1)) < 1e-9)
        #expect(abs(low.calibratedLevel - 50.0 / 90) < 1e-12)
        #expect(abs(low.calibratedPrice - 1) < 1e-9)
        #expect(abs(factorsFound.costPerClick - 1) < 1e-9)
        #expect(fits[2] == nil)
    }

    @Test func aPortfolioThatPaidLessPerClickGetsCheaperPrices() throws {
        let (fits, factors) = ForecastCalibration(days: 7, priorClicks: 20).calibrate(
            [Self.fit(), Self.fit()],
            recent: [Self.week(clicks: 70, costPerClick: 0.8), Self.week(clicks: 70)]
        )
        #expect(abs(try #require(factors).costPerClick - 0.9) < 1e-9)
        let fit = try #require(fits[0])
        #expect(abs(fit.landscape.clicks(atBid: 1) - 10) < 1e-9)
        #expect(abs(fit.landscape.cost(atBid: 3) - 0.9 * Self.landscape.cost(atBid: 3)) < 1e-9)
    }

    @Test func factorsStayInTheirRangeAndThePriceShareAtMostOne() throws {
        let (fits, factors) = ForecastCalibration(days: 7, priorClicks: 1).calibrate(
            [Self.fit()],
            recent: [Self.week(clicks: 700, costPerClick: 3)]
        )
        #expect(try #require(factors) == .init(clicks: 2, costPerClick: 2))
        let landscape = try #require(fits[0]).landscape
        #expect(abs(landscape.maxClicks - 40) < 1e-9)
        #expect(landscape.priceShare == 1)
        #expect(abs(try #require(fits[0]).calibratedPrice - 1 / 0.9) < 1e-12)
        #expect(landscape.costPerClick(atBid: 0.5) <= 0.5)
    }

    @Test func withoutAWindowOrAForecastNothingChanges() {
        let off = ForecastCalibration(days: 0).calibrate([Self.fit()], recent: [Self.week(clicks: 7)])
        #expect(off.fits == [Self.fit()])
        #expect(off.factors == nil)
        let quiet = ForecastCalibration().calibrate([Self.fit(), nil], recent: [[], Self.week(clicks: 7)])
        #expect(quiet.fits == [Self.fit(), nil])
        #expect(quiet.factors == nil)
    }
}
