import Foundation
import GavelCore

/// Decides one keyword's bid from its folded history and the run-wide estimates, in the order Docs/rules.md
/// documents: skip checks → estimate → minimum data → strategy → conditional rules and headroom → guardrails.
struct KeywordDecider {
    let ruleSet: RuleSet
    let calendar: HistoryCalendar
    let conversionRates: PooledRates
    let clickRates: PooledRates?
    let conversionValues: PooledRates?
    let strategy: BidStrategy
    let guardrails: BidGuardrails
    let format: TraceFormat

    private static let inactiveStatuses: Set<String> = ["paused", "removed", "deleted", "disabled"]

    /// - Parameters:
    ///   - values: A reusable buffer of ``KeywordMetric/schema`` size, overwritten here.
    ///   - explain: Whether to write the reason trace. The numbers are the same either way; a nightly run over a
    ///     million keywords decides quietly and explains again only the keywords whose bid changes.
    func decide(
        _ keyword: KeywordHistory, window: KeywordWindow, adGroup: Int32, drop: ConversionDrop?,
        values: UnsafeMutableBufferPointer<Double>, explain: Bool
    ) -> BidDecision {
        var decision = BidDecision(
            identity: keyword.identity, oldBid: keyword.attributes.maxCPC, newBid: nil, action: .unchanged, trace: "",
            estimatedCVR: nil, matchedRules: [], drop: drop, baseline: nil, forecast: nil)
        if let automated = keyword.attributes.automatedBidStrategy, !automated.isEmpty {
            return skipped(decision, .automatedStrategy(automated))
        }
        if let status = keyword.attributes.status, Self.inactiveStatuses.contains(status.lowercased()) {
            return skipped(decision, .inactive(status))
        }
        guard let old = keyword.attributes.maxCPC, old > .zero else { return skipped(decision, .noKeywordBid) }

        var trace = TraceBuilder(enabled: explain)
        let cvr =
            conversionRates.keywordRate(
                successes: window.conversions, trials: window.effectiveClicks, adGroup: adGroup) * calendar.bidDayFactor
        let ctr = clickRates?.keywordRate(successes: window.clicks, trials: window.impressions, adGroup: adGroup) ?? 0
        let valuePerConversion = conversionValues.map { pool in
            Micros(rounding: pool.keywordRate(successes: window.value, trials: window.conversions, adGroup: adGroup))
        }
        decision.estimatedCVR = cvr
        if explain { estimateTrace(window: window, adGroup: adGroup, drop: drop, cvr: cvr, ctr: ctr, into: &trace) }

        let enoughData =
            window.clicks >= Double(ruleSet.limits.minClicks)
            && window.impressions >= Double(ruleSet.limits.minImpressions)
        let proposal =
            enoughData
            ? strategy.propose(.init(cvr: cvr, ctr: ctr, valuePerConversion: valuePerConversion)) : nil
        if !enoughData {
            let limits = ruleSet.limits
            trace.add(
                window.clicks < Double(limits.minClicks)
                    ? "\(format.count(window.clicks)) clicks < \(limits.minClicks) minimum: bid held"
                    : "\(format.count(window.impressions)) impressions < \(limits.minImpressions) minimum: bid held")
        } else if let proposal {
            trace.add(proposal.trace)
        } else {
            trace.add("no conversion value yet: bid held")
        }

        fill(values, keyword: keyword, window: window, old: old, cvr: cvr, proposal: proposal?.bid)
        let outcome = applyRules(values: UnsafeBufferPointer(values), old: old, window: window, trace: &trace)
        decision.matchedRules = outcome.matched

        var proposed = proposal?.bid ?? old
        if outcome.hold { proposed = old } else if let replacement = outcome.replacement { proposed = replacement }
        var ceiling = outcome.ceiling
        if let goalCap = strategy.ceiling, ceiling == nil || goalCap.amount < ceiling!.amount { ceiling = goalCap }
        let guarded = guardrails.apply(proposed: proposed, current: old, ceiling: ceiling, floor: outcome.floor)
        trace.add(
            guarded.note ?? (guarded.bid == old ? "unchanged \(format.money(old))" : "→ \(format.money(guarded.bid))"))

        decision.newBid = guarded.bid
        decision.action = guarded.bid > old ? .raised : guarded.bid < old ? .lowered : .unchanged
        decision.trace = trace.text
        (decision.baseline, decision.forecast) = forecast(
            window: window, old: old, new: guarded.bid, cvr: cvr, valuePerConversion: valuePerConversion)
        return decision
    }

    private func skipped(_ decision: BidDecision, _ reason: BidDecision.SkipReason) -> BidDecision {
        var result = decision
        result.action = .skipped(reason)
        result.trace = "skipped: \(reason)"
        return result
    }

    private func estimateTrace(
        window: KeywordWindow, adGroup: Int32, drop: ConversionDrop?, cvr: Double, ctr: Double,
        into parts: inout TraceBuilder
    ) {
        if let drop {
            let level = ruleSet.estimation.dropDetection?.level == .campaign ? "campaign" : "ad group"
            let days = calendar.asOf.rawValue - drop.changeDay.rawValue + 1
            parts.add(
                "\(level) CVR fell \(format.percent(drop.rateBefore)) → \(format.percent(drop.rateAfter)) "
                    + "from \(drop.changeDay): using the \(days) days since")
        }
        if case .maxCPM = ruleSet.goal, let clickRates {
            parts.add(
                "CTR \(format.percent(ctr, decimals: 2)) (\(format.count(window.clicks))/"
                    + "\(format.count(window.impressions)) impr. pooled with ad group "
                    + "\(format.percent(clickRates.adGroupRate[Int(adGroup)], decimals: 2)))")
            return
        }
        if case .maxCPC = ruleSet.goal { return }
        let lag = window.effectiveClicks > 0 ? window.clicks / window.effectiveClicks - 1 : 0
        let seasonless = cvr / calendar.bidDayFactor
        parts.add(
            "CVR \(format.percent(seasonless)) (\(format.count(window.conversions))/\(format.count(window.clicks))"
                + " pooled with ad group \(format.percent(conversionRates.adGroupRate[Int(adGroup)])))")
        // The estimate already counts recent clicks by their reported share; this says by how much.
        if lag >= 0.005 { parts.add("lag \(format.change(lag))") }
        for season in calendar.bidDaySeasons {
            parts.add("season '\(season.name)' \(format.change(season.cvrChange))")
        }
        if !calendar.bidDaySeasons.isEmpty { parts.add("CVR \(format.percent(cvr))") }
    }

    /// Writes every ``KeywordMetric`` into its slot (raw metrics-window figures, NaN where undefined).
    private func fill(
        _ values: UnsafeMutableBufferPointer<Double>, keyword: KeywordHistory, window: KeywordWindow, old: Micros,
        cvr: Double, proposal: Micros?
    ) {
        KeywordMetric.fillTotals(values, from: window.metrics)
        func set(_ metric: KeywordMetric, _ number: Double) { values[metric.rawValue] = number }
        set(.bid, old.units)
        set(.qualityScore, keyword.attributes.qualityScore.map(Double.init) ?? .nan)
        set(.topImpressionRate, window.topImpressionRate.mean)
        set(.absoluteTopImpressionRate, window.absoluteTopImpressionRate.mean)
        set(.searchImpressionShare, window.searchImpressionShare.mean)
        set(.daysSinceBidChange, keyword.daysSinceBidChange.map(Double.init) ?? .nan)
        set(.estimatedCVR, cvr)
        set(.strategyBid, proposal?.units ?? .nan)
        var goal: (cpa: Double, roas: Double, cpc: Double, cpm: Double) = (.nan, .nan, .nan, .nan)
        switch ruleSet.goal {
        case .targetCPA(let target): goal.cpa = target.units
        case .targetROAS(let target): goal.roas = target
        case .maxCPC(let cap): goal.cpc = cap.units
        case .maxCPM(let cap): goal.cpm = cap.units
        }
        set(.targetCPA, goal.cpa)
        set(.targetROAS, goal.roas)
        set(.maxCPC, goal.cpc)
        set(.maxCPM, goal.cpm)
    }

    private struct RuleOutcome {
        var hold = false
        var replacement: Micros?
        var ceiling: BidGuardrails.Bound?
        var floor: BidGuardrails.Bound?
        var matched: [String] = []
    }

    /// Conditional rules in file order, then the headroom rule. `hold` beats everything; the first matching
    /// `set`/`adjust` wins over later ones and over the strategy; all caps and floors apply (tightest wins).
    private func applyRules(
        values: UnsafeBufferPointer<Double>, old: Micros, window: KeywordWindow, trace: inout TraceBuilder
    ) -> RuleOutcome {
        var outcome = RuleOutcome()
        for rule in ruleSet.rules where rule.condition.isTrue(values) {
            outcome.matched.append(rule.name)
            switch rule.action {
            case .hold:
                outcome.hold = true
                trace.add("rule '\(rule.name)': hold")
            case .set(let amount), .adjust(let amount):
                let number = amount.value(values)
                guard number.isFinite else {
                    trace.add("rule '\(rule.name)': amount undefined, ignored")
                    continue
                }
                guard outcome.replacement == nil, !outcome.hold else {
                    trace.add("rule '\(rule.name)' also matched (an earlier rule decides)")
                    continue
                }
                if case .adjust = rule.action {
                    let bid = old.scaled(by: 1 + number)
                    outcome.replacement = bid
                    trace.add(
                        "rule '\(rule.name)': \(format.change(number)) of \(format.money(old)) = \(format.money(bid))")
                } else {
                    let bid = Micros(rounding: max(0, number))
                    outcome.replacement = bid
                    trace.add("rule '\(rule.name)': set \(format.money(bid))")
                }
            case .cap(let amount):
                let number = amount.value(values)
                guard number.isFinite else { continue }
                // A bound's reason is read only for the trace.
                let bound = BidGuardrails.Bound(
                    amount: Micros(rounding: max(0, number)),
                    reason: trace.isEnabled ? "cap (rule '\(rule.name)')" : "")
                if outcome.ceiling == nil || bound.amount < outcome.ceiling!.amount { outcome.ceiling = bound }
            case .floor(let amount):
                let number = amount.value(values)
                guard number.isFinite else { continue }
                let bound = BidGuardrails.Bound(
                    amount: Micros(rounding: max(0, number)),
                    reason: trace.isEnabled ? "floor (rule '\(rule.name)')" : "")
                if outcome.floor == nil || bound.amount > outcome.floor!.amount { outcome.floor = bound }
            }
        }
        if let headroom = ruleSet.headroom,
            let cap = headroomCap(headroom, old: old, window: window, explain: trace.isEnabled)
        {
            if outcome.ceiling == nil || cap.amount < outcome.ceiling!.amount { outcome.ceiling = cap }
        }
        return outcome
    }

    /// Caps the bid at `old × (1 − lowerBy)` (never below the CPC actually paid) when the keyword pays far less
    /// than it bids and already shows on top: the extra bid buys nothing.
    private func headroomCap(
        _ rule: HeadroomRule, old: Micros, window: KeywordWindow, explain: Bool
    ) -> BidGuardrails.Bound? {
        guard let averageCPC = window.metrics.averageCPC else { return nil }
        let top = window.topImpressionRate.mean
        guard !top.isNaN, top >= rule.topImpressionRateAbove,
            Double(averageCPC.rawValue) <= Double(old.rawValue) * rule.cpcBelow
        else { return nil }
        let cap = max(old.scaled(by: 1 - rule.lowerBy), averageCPC)
        guard explain else { return BidGuardrails.Bound(amount: cap, reason: "") }
        let reason =
            "headroom (avg CPC \(format.money(averageCPC)) ≤ \(format.percent(rule.cpcBelow, decimals: 0)) "
            + "of bid at \(format.percent(top, decimals: 0)) top impr.) cap"
        return BidGuardrails.Bound(amount: cap, reason: reason)
    }

    /// Per-day figures at the old bid (the metrics window's averages) and at the new one, clicks and CPC scaling
    /// with `(new ÷ old) ^ clickElasticity`, the CPC never above the new bid.
    private func forecast(
        window: KeywordWindow, old: Micros, new: Micros, cvr: Double, valuePerConversion: Micros?
    ) -> (DailyForecast, DailyForecast) {
        let days = Double(calendar.metricsDayCount)
        let clicks = Double(window.metrics.clicks) / days
        let averageCPC = window.metrics.averageCPC ?? old
        let perConversion =
            valuePerConversion
            ?? (window.metrics.conversions > 0
                ? Micros(rounding: window.metrics.conversionValue.units / window.metrics.conversions) : .zero)
        func at(_ scale: Double, cpcLimit: Micros) -> DailyForecast {
            let scaledClicks = clicks * scale
            let cpc = min(averageCPC.scaled(by: scale), cpcLimit)
            let conversions = scaledClicks * cvr
            return DailyForecast(
                clicks: scaledClicks, cost: cpc.scaled(by: scaledClicks), conversions: conversions,
                value: perConversion.scaled(by: conversions))
        }
        let ratio = Double(new.rawValue) / Double(old.rawValue)
        let scale = pow(ratio, ruleSet.forecast.clickElasticity)
        return (at(1, cpcLimit: max(old, averageCPC)), at(scale, cpcLimit: new))
    }
}

/// One trace line built in place: parts joined by " · " without an intermediate array. When disabled, the parts
/// are not even formatted (each is an autoclosure).
struct TraceBuilder {
    private(set) var text = ""
    let isEnabled: Bool

    init(enabled: Bool = true) {
        isEnabled = enabled
        if enabled { text.reserveCapacity(192) }
    }

    mutating func add(_ part: @autoclosure () -> String) {
        guard isEnabled else { return }
        if !text.isEmpty { text += " · " }
        text += part()
    }
}
