import GavelCore

/// Sorts keywords into the brief's keyword filters: one category each, sub-categories on top, saved filters.
///
/// Pure and deterministic: performances in, labels and group totals out. Two passes: the first finds the
/// portfolio's totals (for default targets) and the high-volume cut-offs (which need every keyword's volume); the
/// second labels each keyword independently, in parallel chunks.
public struct Categorizer: Sendable {
    public let settings: CategorizerSettings

    public init(settings: CategorizerSettings) { self.settings = settings }

    public func categorize(_ performances: [KeywordPerformance]) -> Categorization {
        var portfolio = PerformanceTotals()
        for performance in performances { portfolio += performance.totals }
        let targets = EffectiveTargets(configured: settings.targets, portfolio: portfolio)
        let cutoffs = highVolumeCutoffs(performances)
        let rules = KeywordLabeller(settings: settings, targets: targets, cutoffs: cutoffs)
        let labels = Parallel.map(count: performances.count) { range in
            rules.labels(performances, range)
        }
        var result = Categorization(
            labels: labels,
            savedFilters: [GroupTotals](repeating: GroupTotals(), count: settings.savedFilters.count),
            targets: targets, highVolumeCutoffs: cutoffs)
        for (performance, keyword) in zip(performances, labels) {
            let totals = performance.totals
            result.total.add(totals)
            result.categories[keyword.category.rawValue].add(totals)
            for subCategory in KeywordSubCategory.allCases where keyword.has(subCategory) {
                result.subCategories[subCategory.rawValue].add(totals)
            }
            var bits = keyword.savedFilterBits
            while bits != 0 {
                result.savedFilters[bits.trailingZeroBitCount].add(totals)
                bits &= bits - 1
            }
        }
        return result
    }

    /// The measure that makes a keyword of `category` high volume: what its category is defined by.
    static func volume(_ totals: PerformanceTotals, in category: KeywordCategory) -> Double {
        switch category {
        case .converting: totals.conversions
        case .clicksNoConversions: Double(totals.clicks)
        case .impressionsNoClicks: Double(totals.impressions)
        case .noImpressions: 0
        }
    }

    /// For each category, the smallest volume among the fewest keywords whose volumes add up to `top_share` of the
    /// category's total. Keywords at or above it are high volume, so equal volumes are never split by input order.
    private func highVolumeCutoffs(_ performances: [KeywordPerformance]) -> [Double?] {
        guard let share = settings.highVolume.topShare else {
            return [Double?](repeating: nil, count: KeywordCategory.allCases.count)
        }
        var volumes = [[Double]](repeating: [], count: KeywordCategory.allCases.count)
        for performance in performances {
            let category = KeywordCategory(performance.totals)
            guard category != .noImpressions else { continue }
            volumes[category.rawValue].append(Self.volume(performance.totals, in: category))
        }
        return volumes.map { values in
            let total = values.reduce(0, +)
            guard total > 0 else { return nil }
            let sorted = values.sorted(by: >)
            var running = 0.0
            for value in sorted {
                running += value
                // A relative tolerance, so 50 % of a total that sums to 0.30000000000000004 is reached at 0.15.
                if running >= share * total * (1 - 1e-12) { return value }
            }
            return sorted.last
        }
    }
}

/// The per-keyword half of the categorizer: everything it needs is fixed before the first keyword.
struct KeywordLabeller: Sendable {
    let settings: CategorizerSettings
    let targets: EffectiveTargets
    let cutoffs: [Double?]

    func labels(_ performances: [KeywordPerformance], _ range: Range<Int>) -> [KeywordLabels] {
        var result: [KeywordLabels] = []
        result.reserveCapacity(range.count)
        var values = [Double](repeating: .nan, count: CategorizerSettings.schema.count)
        values.withUnsafeMutableBufferPointer { buffer in
            for index in range { result.append(labels(performances[index], values: buffer)) }
        }
        return result
    }

    /// One keyword's category, sub-categories and saved filters; `values` is scratch space of the schema's size.
    func labels(_ performance: KeywordPerformance, values: UnsafeMutableBufferPointer<Double>) -> KeywordLabels {
        let totals = performance.totals
        var labels = KeywordLabels(category: KeywordCategory(totals))
        if isHighVolume(totals, category: labels.category) { labels.insert(.highVolume) }
        if isInefficient(totals) { labels.insert(.inefficient) }
        if let limit = settings.lowQualityScoreAtMost, let score = performance.qualityScore, score <= limit {
            labels.insert(.lowQualityScore)
        }
        if totals.impressions > 0, hasLowPosition(performance) { labels.insert(.lowPosition) }
        guard !settings.savedFilters.isEmpty else { return labels }
        KeywordMetricValues.fill(values, performance: performance, targets: targets)
        for category in KeywordCategory.allCases {
            values[CategorizerSettings.firstCategorySlot + category.rawValue] = labels.category == category ? 1 : 0
        }
        for subCategory in KeywordSubCategory.allCases {
            values[CategorizerSettings.firstSubCategorySlot + subCategory.rawValue] = labels.has(subCategory) ? 1 : 0
        }
        let readOnly = UnsafeBufferPointer(values)
        for (index, filter) in settings.savedFilters.enumerated() where filter.condition.isTrue(readOnly) {
            labels.savedFilterBits |= 1 << UInt64(index)
        }
        return labels
    }

    private func isHighVolume(_ totals: PerformanceTotals, category: KeywordCategory) -> Bool {
        let volume = settings.highVolume
        if let minimum = volume.minConversions, totals.conversions >= minimum { return true }
        if let minimum = volume.minClicks, totals.clicks >= minimum { return true }
        if let minimum = volume.minImpressions, totals.impressions >= minimum { return true }
        guard let cutoff = cutoffs[category.rawValue] else { return false }
        let value = Categorizer.volume(totals, in: category)
        return value > 0 && value >= cutoff
    }

    private func isInefficient(_ totals: PerformanceTotals) -> Bool {
        let factors = settings.inefficiency
        if totals.conversions > 0 {
            if let factor = factors.cpaAbove, let target = targets.cpa,
                totals.cost.units / totals.conversions > target.value.units * factor
            {
                return true
            }
            if let factor = factors.roasBelow, let target = targets.roas, let roas = totals.roas,
                roas < target.value * factor
            {
                return true
            }
        }
        if let factor = factors.cpcAbove, let target = targets.cpc, totals.clicks > 0,
            totals.cost.units / Double(totals.clicks) > target.value.units * factor
        {
            return true
        }
        return false
    }

    private func hasLowPosition(_ performance: KeywordPerformance) -> Bool {
        let limits = settings.lowPosition
        if let limit = limits.topImpressionRateBelow, let rate = performance.topImpressionRate, rate < limit {
            return true
        }
        if let limit = limits.absoluteTopImpressionRateBelow, let rate = performance.absoluteTopImpressionRate,
            rate < limit
        {
            return true
        }
        if let limit = limits.averagePositionAbove, let position = performance.averagePosition, position > limit {
            return true
        }
        return false
    }
}

/// Writes a keyword's ``KeywordMetric`` values as saved filters read them: the window's figures, NaN where a
/// ratio has no denominator or the source did not report a value, the run's targets in the goal slots. Metrics
/// only a bid run knows (estimated CVR, strategy bid, days since the bid changed, max CPM) are never written and
/// stay NaN from the buffer's start, so conditions on them are false.
enum KeywordMetricValues {
    static func fill(
        _ values: UnsafeMutableBufferPointer<Double>, performance: KeywordPerformance, targets: EffectiveTargets
    ) {
        KeywordMetric.fillTotals(values, from: performance.totals)
        func set(_ metric: KeywordMetric, _ number: Double) { values[metric.rawValue] = number }
        set(.bid, performance.maxCPC?.units ?? .nan)
        set(.qualityScore, performance.qualityScore.map(Double.init) ?? .nan)
        set(.topImpressionRate, performance.topImpressionRateOrNaN)
        set(.absoluteTopImpressionRate, performance.absoluteTopImpressionRateOrNaN)
        set(.searchImpressionShare, performance.searchImpressionShareOrNaN)
        set(.targetCPA, targets.cpa?.value.units ?? .nan)
        set(.targetROAS, targets.roas?.value ?? .nan)
        set(.maxCPC, targets.cpc?.value.units ?? .nan)
    }
}
