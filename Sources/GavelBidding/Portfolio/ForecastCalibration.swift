/// Holds each fitted landscape to what the bids in force bought over the last week.
///
/// A landscape's level comes from the whole history, and most of a keyword's days are often at one old bid: after
/// the portfolio moves a bid, the forecast at the new bid rests on the fitted shape, not on what the new bid was
/// seen to buy. In the closed loop the landscapes forecast CPCs up to 20 % above what the bids in force paid, so
/// the portfolio believed its budget was spent when it was not (85–93 % of it spent) and favoured the keywords
/// whose curves were most optimistic (Docs/portfolio.md, "Closed loop"). Portfolio platforms pace the same way:
/// the last days' forecast against the last days' spend corrects tonight's plan. The history says which bid was
/// in force on which day, so this needs no state between runs: a rerun of the same night plans the same bids.
///
/// For the last ``days`` days, each keyword's forecast clicks at the bids then in force are compared with the
/// clicks reported; its level (clicks and cost alike) is scaled by the ratio, shrunk toward the portfolio's ratio
/// with ``priorClicks`` forecast clicks' weight (the Gamma–Poisson posterior mean: a keyword with a click or two
/// keeps nearly the portfolio's ratio). Then the portfolio's cost per click is held to what it paid in the same
/// days, as one factor on every keyword's price share (per keyword it measured no better in the closed loop).
/// One pass over each keyword's window: linear in keywords.
public struct ForecastCalibration: Sendable {
    /// Days counted back from the planning day; 0 turns calibration off. A whole week, so the weekly cycle of
    /// searches cancels (3 days calibrated the closed loop, which has no weekly cycle, a little better, and made
    /// the evidence market's plan spend 7 % less than planned).
    public var days: Int
    /// Weight of the portfolio's ratio in each keyword's, in forecast clicks.
    public var priorClicks: Double
    /// Each factor is kept within this range, so one odd week cannot swing the plan.
    public var factorRange: ClosedRange<Double>

    public init(days: Int = 7, priorClicks: Double = 20, factorRange: ClosedRange<Double> = 0.5...2) {
        precondition(days >= 0 && priorClicks > 0, "calibration needs a window of zero or more days and a prior")
        self.days = days
        self.priorClicks = priorClicks
        self.factorRange = factorRange
    }

    /// The portfolio-wide factors a calibration applied, for the run summary.
    public struct Factors: Hashable, Sendable {
        /// Reported ÷ forecast clicks over the window, all keywords with a landscape together.
        public var clicks: Double
        /// Reported ÷ forecast cost after the click levels were calibrated: the factor on every price share.
        public var costPerClick: Double
    }

    /// - Parameters:
    ///   - fits: Each keyword's landscape (``LandscapeEstimator/fit(_:groupOf:)``).
    ///   - recent: Each keyword's bid levels over the last ``days`` days
    ///     (``BidLevel/levels(daily:bids:window:)``).
    /// - Returns: The fits with their landscapes scaled, and the portfolio's factors (`nil` when calibration is off
    ///   or the window forecast no clicks).
    public func calibrate(
        _ fits: [LandscapeFit?],
        recent: [[BidLevel]]
    ) -> (
        fits: [LandscapeFit?], factors: Factors?
    ) {
        precondition(fits.count == recent.count, "one window per fit")
        guard days > 0 else { return (fits, nil) }
        var forecast = [Double](repeating: 0, count: fits.count)
        var reported = [Double](repeating: 0, count: fits.count)
        var total = (forecast: 0.0, reported: 0.0)
        for index in fits.indices {
            guard let landscape = fits[index]?.landscape else { continue }
            for level in recent[index] {
                forecast[index] += level.days * landscape.clicks(atBid: level.bid)
                reported[index] += level.clicks
            }
            total.forecast += forecast[index]
            total.reported += reported[index]
        }
        guard total.forecast > 0 else { return (fits, nil) }
        let portfolioRatio = clamped(total.reported / total.forecast)
        var scaled = fits
        var cost = (forecast: 0.0, reported: 0.0)
        for index in fits.indices {
            guard var fit = fits[index] else { continue }
            let factor = clamped(
                (reported[index] + priorClicks * portfolioRatio) / (forecast[index] + priorClicks)
            )
            fit.landscape.maxClicks *= factor
            fit.clicksPerDay *= factor
            fit.calibratedLevel = factor
            for level in recent[index] {
                cost.forecast += level.days * fit.landscape.cost(atBid: level.bid)
                cost.reported += level.cost
            }
            scaled[index] = fit
        }
        let price = cost.forecast > 0 && cost.reported > 0 ? clamped(cost.reported / cost.forecast) : 1
        // The price share stays within its maximum: CPC ≤ bid is the landscape's contract.
        for index in scaled.indices {
            guard let landscape = scaled[index]?.landscape else { continue }
            let share = min(landscape.maximumPriceShare, landscape.priceShare * price)
            scaled[index]?.landscape.priceShare = share
            scaled[index]?.calibratedPrice = share / landscape.priceShare
        }
        return (scaled, Factors(clicks: portfolioRatio, costPerClick: price))
    }

    private func clamped(_ value: Double) -> Double {
        min(max(value, factorRange.lowerBound), factorRange.upperBound)
    }
}
