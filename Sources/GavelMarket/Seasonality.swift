public import GavelCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Search volume over the calendar: a weekday pattern times a pre-Christmas peak.
///
/// Only volume is seasonal: the brief's pitfall is that volume (and so cost) rises before
/// Christmas, and a bidder that reads the December surge as a lasting change overreacts.
public struct Seasonality: Sendable, Hashable, Codable {
    /// Factors for Monday … Sunday (ISO order); they should average about 1.
    public var weekdayFactors: [Double]
    /// Extra volume at the peak: 0.6 means +60 % on the peak day.
    public var decemberPeak: Double
    /// The peak's day in December.
    public var peakDayOfDecember: Int
    /// Standard deviation of the Gaussian bump around the peak, in days.
    public var peakWidthDays: Double

    public init(
        weekdayFactors: [Double],
        decemberPeak: Double,
        peakDayOfDecember: Int = 14,
        peakWidthDays: Double = 10
    ) {
        self.weekdayFactors = weekdayFactors
        self.decemberPeak = decemberPeak
        self.peakDayOfDecember = peakDayOfDecember
        self.peakWidthDays = peakWidthDays
    }

    /// Busy early in the week, quiet on Saturday; +60 % in mid-December.
    public static let standard = Seasonality(
        weekdayFactors: [1.06, 1.08, 1.05, 1.02, 0.95, 0.86, 0.98],
        decemberPeak: 0.6
    )

    /// No seasonality at all: every day looks the same.
    public static let flat = Seasonality(weekdayFactors: Array(repeating: 1, count: 7), decemberPeak: 0)

    /// The volume multiplier on `day`.
    public func factor(on day: CalendarDay) -> Double {
        weekdayFactors[day.weekday - 1] * (1 + decemberPeak * peakBump(on: day))
    }

    /// 1 on the peak day, falling as a Gaussian with the distance to the nearest peak (this or last year's).
    func peakBump(on day: CalendarDay) -> Double {
        guard decemberPeak != 0 else { return 0 }
        let year = day.components.year
        let distance = [year - 1, year].map { peakYear in
            abs(Double(day.distance(to: CalendarDay(year: peakYear, month: 12, day: peakDayOfDecember)!)))
        }.min()!
        let z = distance / peakWidthDays
        return exp(-0.5 * z * z)
    }

    func validate() throws(MarketSpecError) {
        guard weekdayFactors.count == 7, weekdayFactors.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw MarketSpecError(field: "seasonality.weekdayFactors", reason: "needs 7 finite factors ≥ 0 (Mon…Sun)")
        }
        guard decemberPeak > -1, (1...31).contains(peakDayOfDecember), peakWidthDays > 0 else {
            throw MarketSpecError(
                field: "seasonality.decemberPeak",
                reason: "needs peak > -1, a December day 1…31 and a width > 0"
            )
        }
    }
}

/// The delay between a click and its conversion, in whole days: geometric with the given mean.
///
/// A geometric lag is memoryless, one parameter, and matches the short-heavy, long-tailed delays
/// of retail conversions well enough for the estimators to have something real to recover.
public struct ConversionLag: Sendable, Hashable, Codable {
    /// Mean days from click to conversion.
    public var meanDays: Double

    public init(meanDays: Double) { self.meanDays = meanDays }

    /// P(lag > k) = ratio^(k+1).
    var ratio: Double { meanDays / (1 + meanDays) }

    /// The share of a click day's conversions already reported `days` days later (the lag CDF):
    /// a report on `asOf` shows `reportedFraction(daysAfterClick: asOf − clickDay)` of them.
    public func reportedFraction(daysAfterClick days: Int) -> Double {
        days < 0 ? 0 : 1 - pow(ratio, Double(days + 1))
    }
}
