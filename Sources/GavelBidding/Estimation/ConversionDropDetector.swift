import Foundation
public import GavelCore

/// A detected fall in the conversion rate: from which day the old rate no longer holds.
public struct ConversionDrop: Hashable, Sendable {
    /// First day of the new, lower regime (the CUSUM's last reset before its alarm).
    public var changeDay: CalendarDay
    /// The day the CUSUM crossed its threshold.
    public var alarmDay: CalendarDay
    public var rateBefore: Double
    public var rateAfter: Double
}

/// A one-sided Bernoulli CUSUM on daily conversions against the rate seen so far.
///
/// Each day adds the log-likelihood ratio of "the rate fell by `drop`" against "it did not":
/// `y·ln(p₁/p₀) + (n − y)·ln((1 − p₁)/(1 − p₀))`, with `p₀` the rate since the last change and `p₁ = p₀(1 − drop)`.
/// The sum is floored at 0 and alarms above `threshold`. The baseline grows day by day (no look-ahead), so a
/// stable series drifts down and stays quiet, while a halved rate at ~200 clicks a day alarms in about five days.
public struct ConversionDropDetector: Sendable {
    public let settings: DropDetectionSettings

    public init(settings: DropDetectionSettings) { self.settings = settings }

    /// - Parameters:
    ///   - firstDay: The day of index 0.
    ///   - clicks: Lag-weighted clicks per day (expected-conversion denominators).
    ///   - conversions: Conversions per day.
    /// - Returns: The most recent confirmed drop, or `nil`.
    public func detect(firstDay: CalendarDay, clicks: [Double], conversions: [Double]) -> ConversionDrop? {
        precondition(clicks.count == conversions.count, "one conversion count per click count")
        var prefixClicks = [0.0]
        var prefixConversions = [0.0]
        prefixClicks.reserveCapacity(clicks.count + 1)
        prefixConversions.reserveCapacity(clicks.count + 1)
        for day in clicks.indices {
            prefixClicks.append(prefixClicks[day] + clicks[day])
            prefixConversions.append(prefixConversions[day] + conversions[day])
        }
        func rate(_ range: Range<Int>) -> Double {
            let trials = prefixClicks[range.upperBound] - prefixClicks[range.lowerBound]
            return trials > 0 ? (prefixConversions[range.upperBound] - prefixConversions[range.lowerBound]) / trials : 0
        }

        var baselineStart = 0
        var sum = 0.0
        var candidate = 0
        var found: (start: Int, change: Int, alarm: Int)?
        for day in clicks.indices {
            let baselineConversions = prefixConversions[day] - prefixConversions[baselineStart]
            guard day - baselineStart >= settings.burnInDays, baselineConversions >= 10 else {
                candidate = day + 1
                continue
            }
            let p0 = min(rate(baselineStart..<day), 0.999)
            let p1 = p0 * (1 - settings.drop)
            let n = clicks[day]
            let y = min(conversions[day], n)
            sum = max(0, sum + y * log(p1 / p0) + (n - y) * log((1 - p1) / (1 - p0)))
            if sum == 0 { candidate = day + 1 }
            if sum > settings.threshold {
                let change = min(candidate, day)
                if rate(change..<(day + 1)) < rate(baselineStart..<change) {
                    found = (baselineStart, change, day)
                }
                baselineStart = change
                sum = 0
                candidate = day + 1
            }
        }
        guard let found else { return nil }
        return ConversionDrop(
            changeDay: firstDay.advanced(by: found.change), alarmDay: firstDay.advanced(by: found.alarm),
            rateBefore: rate(found.start..<found.change), rateAfter: rate(found.change..<clicks.count))
    }
}
