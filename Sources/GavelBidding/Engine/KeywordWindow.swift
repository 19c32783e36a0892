import GavelCore

/// One keyword's history folded into the sums the estimators and rules need, in one pass over its days.
struct KeywordWindow {
    // Conversion-rate window (from its start or the detected drop, excluded days left out).
    var clicks = 0.0
    /// Clicks weighted by the share of their conversions already reported.
    var effectiveClicks = 0.0
    /// Conversions divided by the seasonal factor of their day, so a sale does not inflate the normal rate.
    var conversions = 0.0
    var value = 0.0
    var impressions = 0.0
    // Metrics window: raw reported figures for rules and the forecast.
    var metrics = PerformanceTotals()
    var topImpressionRate = WeightedMean()
    var absoluteTopImpressionRate = WeightedMean()
    var searchImpressionShare = WeightedMean()

    init(_ points: [DailyPoint], calendar: HistoryCalendar, conversionRateFrom start: Int) {
        for point in points {
            guard let index = calendar.index(of: point.day), !calendar.excluded[index] else { continue }
            if index >= start {
                let clicks = Double(point.clicks)
                self.clicks += clicks
                effectiveClicks += clicks * calendar.lagShare[index]
                conversions += point.conversions / calendar.seasonFactor[index]
                value += point.value.units / calendar.seasonFactor[index]
                impressions += Double(point.impressions)
            }
            if index >= calendar.metricsStart {
                metrics.impressions += point.impressions
                metrics.clicks += point.clicks
                metrics.cost = metrics.cost + point.cost
                metrics.conversions += point.conversions
                metrics.conversionValue = metrics.conversionValue + point.value
                let weight = Double(point.impressions)
                topImpressionRate.add(point.topImpressionRate, weight: weight)
                absoluteTopImpressionRate.add(point.absoluteTopImpressionRate, weight: weight)
                searchImpressionShare.add(point.searchImpressionShare, weight: weight)
            }
        }
    }
}

/// An impression-weighted average of a share that some days do not report.
struct WeightedMean {
    private var sum = 0.0
    private var weight = 0.0

    mutating func add(_ value: Double?, weight pointWeight: Double) {
        guard let value, pointWeight > 0 else { return }
        sum += value * pointWeight
        weight += pointWeight
    }

    /// NaN when no day reported it (the expression language's "missing").
    var mean: Double { weight > 0 ? sum / weight : .nan }
}
