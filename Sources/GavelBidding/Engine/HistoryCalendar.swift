import GavelCore

/// The run's days as array indices, with what each day means: excluded or not, its seasonal CVR factor, and how
/// much of its conversions the lag curve says are in. Looked up per daily point, so these are plain arrays.
struct HistoryCalendar {
    let asOf: CalendarDay
    let firstDay: CalendarDay
    let dayCount: Int
    /// Index of the first day of the conversion-rate window and of the metrics window.
    let conversionRateStart: Int
    let metricsStart: Int
    private(set) var excluded: [Bool]
    /// Expected CVR relative to normal on each day (1.3 inside a `+30%` window).
    private(set) var seasonFactor: [Double]
    /// `F(age)` of each day under the run's lag curve.
    private(set) var lagShare: [Double]
    /// The seasonal factor for the day the new bids will run (the day after as-of), and the windows behind it.
    let bidDayFactor: Double
    let bidDaySeasons: [SeasonalAdjustment]
    /// Non-excluded days in the metrics window: the divisor for per-day forecasts.
    let metricsDayCount: Int

    init(ruleSet: RuleSet, asOf: CalendarDay) {
        self.asOf = asOf
        dayCount = ruleSet.historyDays
        firstDay = asOf.advanced(by: 1 - dayCount)
        conversionRateStart = dayCount - ruleSet.lookback.conversionRateDays
        metricsStart = dayCount - ruleSet.lookback.metricsDays
        excluded = [Bool](repeating: false, count: dayCount)
        seasonFactor = [Double](repeating: 1, count: dayCount)
        lagShare = [Double](repeating: 1, count: dayCount)
        for index in 0..<dayCount {
            let day = firstDay.advanced(by: index)
            excluded[index] = ruleSet.exclusions.contains { $0.days.contains(day) }
            for season in ruleSet.seasonality where season.days.contains(day) {
                seasonFactor[index] *= 1 + season.cvrChange
            }
        }
        let bidDay = asOf.advanced(by: 1)
        bidDaySeasons = ruleSet.seasonality.filter { $0.days.contains(bidDay) }
        bidDayFactor = bidDaySeasons.reduce(1) { $0 * (1 + $1.cvrChange) }
        let metricsStart = self.metricsStart
        metricsDayCount = max(1, (metricsStart..<dayCount).count { [excluded] in !excluded[$0] })
    }

    /// The day's index, or `nil` when it lies outside the history the rule set reads.
    @inline(__always)
    func index(of day: CalendarDay) -> Int? {
        let offset = Int(day.rawValue - firstDay.rawValue)
        return offset >= 0 && offset < dayCount ? offset : nil
    }

    func day(at index: Int) -> CalendarDay { firstDay.advanced(by: index) }

    /// Age in days of the day at `index` (0 = as-of day).
    func age(of index: Int) -> Int { dayCount - 1 - index }

    mutating func use(_ curve: ConversionLagCurve) {
        for index in 0..<dayCount { lagShare[index] = curve.reportedShare(age: age(of: index)) }
    }
}
