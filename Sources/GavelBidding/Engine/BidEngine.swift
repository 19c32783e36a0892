public import GavelCore

/// The nightly rule-based bid job's brain: history in, one explained decision per keyword out.
///
/// Linear in keywords × days: group look-ups are hashed once per keyword, every later pass indexes arrays, and
/// each rule condition runs as a compiled program over one reused value buffer.
public struct BidEngine: Sendable {
    public let ruleSet: RuleSet
    /// The last complete day of data; new bids run from the day after.
    public let asOf: CalendarDay

    public init(ruleSet: RuleSet, asOf: CalendarDay) {
        self.ruleSet = ruleSet
        self.asOf = asOf
    }

    /// Which decisions carry a reason trace.
    public enum Explanation: Sendable {
        /// Every decision, unchanged keywords included.
        case all
        /// Raised, lowered and skipped keywords only — what a run stores, exports and shows; unchanged keywords
        /// get an empty trace. Formatting a trace costs more than deciding, and a nightly run over a million
        /// keywords leaves nine in ten of them unchanged.
        case changes
        /// The changes and every keyword `alsoExplain` accepts, changed or not: a specialist asking why a keyword
        /// did not move.
        case changesAnd(_ alsoExplain: @Sendable (KeywordIdentity) -> Bool)
    }

    /// Plans new bids for every keyword in the rule set's scope.
    ///
    /// - Parameters:
    ///   - keywords: All keywords the caller has for the run's accounts (those outside the scope are counted and
    ///     ignored). All keywords of the scope must be given together: sparse ones borrow from their groups.
    ///   - force: Apply the plan even when the portfolio stop fires (the plan still says why it fired).
    ///   - explaining: Which decisions get a reason trace; the bids are the same either way.
    public func plan(_ keywords: [KeywordHistory], force: Bool = false, explaining: Explanation = .all) -> BidPlan {
        var calendar = HistoryCalendar(ruleSet: ruleSet, asOf: asOf)
        var summary = BidSummary()
        var groups = GroupIndex()
        var members: [Int] = []
        var adGroupOf: [Int32] = []
        members.reserveCapacity(keywords.count)
        adGroupOf.reserveCapacity(keywords.count)
        // Through the buffer: `keywords[index].identity` would copy each identity (four strings retained and
        // released) on this serial pass.
        keywords.withUnsafeBufferPointer { keywords in
            for index in keywords.indices {
                guard ruleSet.applies(to: keywords[index].identity, labels: keywords[index].labels) else {
                    summary.outOfScope += 1
                    continue
                }
                members.append(index)
                adGroupOf.append(groups.adGroup(of: keywords[index].identity))
            }
        }

        // A conversion-rate drop in the recent weeks looks exactly like a long conversion lag, so the lag is
        // fitted, drops are detected with it, and when some group dropped the lag is fitted again without
        // that group's keywords (and drops re-detected with the cleaner curve).
        // Both read one pass's sums per drop group and day: the lag share and the age depend only on the day.
        let dropGroupOf = dropGroups(adGroupOf: adGroupOf, groups: groups)
        let daySums = groupDaySums(
            keywords, members: members, dropGroupOf: dropGroupOf, groups: groups, calendar: calendar)
        var lag = fitLag(daySums, calendar: calendar) { _ in true }
        calendar.use(lag)
        var drops = detectDrops(daySums, calendar: calendar)
        if drops.contains(where: { $0 != nil }) {
            lag = fitLag(daySums, calendar: calendar) { [drops] group in drops[group] == nil }
            calendar.use(lag)
            drops = detectDrops(daySums, calendar: calendar)
        }

        let detectedDrops = drops
        let drop: @Sendable (Int) -> ConversionDrop? = { member in
            dropGroupOf.map { detectedDrops[Int($0[member])] } ?? nil
        }
        let frozenCalendar = calendar
        let windows = Parallel.map(count: members.count) { [members] range, output in
            for member in range {
                var start = frozenCalendar.conversionRateStart
                if let drop = drop(member), let changed = frozenCalendar.index(of: drop.changeDay) { start = changed }
                output.append(
                    KeywordWindow(
                        keywords[members[member]].daily, calendar: frozenCalendar, conversionRateFrom: start))
            }
        }

        let pooling = ruleSet.estimation.pooling
        let bounds = pooling.minPriorStrength...max(pooling.minPriorStrength, pooling.maxPriorStrength)
        let conversionRates = PooledRates(
            successes: windows.map(\.conversions), trials: windows.map(\.effectiveClicks), adGroupOfKeyword: adGroupOf,
            groups: groups, fixedStrength: pooling.priorStrength, bounds: bounds)
        var clickRates: PooledRates?
        var conversionValues: PooledRates?
        switch ruleSet.goal {
        case .maxCPM:
            clickRates = PooledRates(
                successes: windows.map(\.clicks), trials: windows.map(\.impressions), adGroupOfKeyword: adGroupOf,
                groups: groups, fixedStrength: nil, bounds: 100...1_000_000)
        case .targetROAS:
            // Order values vary less than conversion rates; five conversions' worth of the group's value is enough.
            conversionValues = PooledRates(
                successes: windows.map(\.value), trials: windows.map(\.conversions), adGroupOfKeyword: adGroupOf,
                groups: groups, fixedStrength: 5, bounds: 5...5)
        default:
            break
        }

        let format = TraceFormat(currencySymbol: ruleSet.currencySymbol)
        let decider = KeywordDecider(
            ruleSet: ruleSet, calendar: calendar, conversionRates: conversionRates,
            clickRates: clickRates, conversionValues: conversionValues,
            strategy: BidStrategy(goal: ruleSet.goal, format: format),
            guardrails: BidGuardrails(limits: ruleSet.limits, format: format), format: format)
        let (explainsAll, alsoExplain): (Bool, (@Sendable (KeywordIdentity) -> Bool)?) =
            switch explaining {
            case .all: (true, nil)
            case .changes: (false, nil)
            case .changesAnd(let accepts): (false, accepts)
            }
        let decisions = Parallel.map(count: members.count) { [members, adGroupOf, windows] range, output in
            var values = [Double](repeating: .nan, count: KeywordMetric.schema.count)
            values.withUnsafeMutableBufferPointer { buffer in
                for member in range {
                    func decide(explain: Bool) -> BidDecision {
                        decider.decide(
                            keywords[members[member]], window: windows[member], adGroup: adGroupOf[member],
                            drop: drop(member), values: buffer, explain: explain)
                    }
                    var decision = decide(
                        explain: explainsAll || alsoExplain?(keywords[members[member]].identity) == true)
                    // Deciding again is cheaper than formatting every unchanged keyword's trace.
                    if decision.action != .unchanged, decision.trace.isEmpty { decision = decide(explain: true) }
                    output.append(decision)
                }
            }
        }

        // Read through the buffer: `decisions[index].x` would copy each decision (retaining and releasing its
        // strings) a million times.
        decisions.withUnsafeBufferPointer { decisions in
            for index in decisions.indices {
                switch decisions[index].action {
                case .raised: summary.raised += 1
                case .lowered: summary.lowered += 1
                case .unchanged: summary.unchanged += 1
                case .skipped: summary.skipped += 1
                }
                if let baseline = decisions[index].baseline, let forecast = decisions[index].forecast {
                    summary.baseline = summary.baseline + baseline
                    summary.forecast = summary.forecast + forecast
                }
            }
        }
        return BidPlan(
            ruleSetName: ruleSet.name, asOf: asOf, decisions: decisions, summary: summary,
            portfolioStop: ruleSet.portfolioStop?.refusal(for: decisions, suspect: "the targets", format: format),
            forced: force, conversionLag: lag,
            priorStrengths: (
                conversionRates.strengths.keyword, conversionRates.strengths.adGroup,
                conversionRates.strengths.campaign
            ),
            drops: dropLines(drops, groups: groups),
            modifiers: modifiers(keywords, members: members, adGroupOf: adGroupOf, groups: groups, calendar: calendar))
    }

    /// The conversion lag fitted to the groups `includes` accepts (the configured one when the data cannot tell).
    private func fitLag(
        _ sums: GroupDaySums?, calendar: HistoryCalendar, includes: (Int) -> Bool
    ) -> ConversionLagCurve {
        let lagSettings = ruleSet.estimation.conversionLag
        let configured = ConversionLagCurve(meanDays: lagSettings.meanDays, source: .configured)
        guard lagSettings.estimate, let sums else { return configured }
        // Each group's clicks count at its own mature conversion rate relative to the account's: the lag is read
        // from how far recent days fall short of the mature rate, and a recent shift of clicks toward groups that
        // convert less (one big keyword whose bid crossed its rivals', say) would otherwise read as a longer lag —
        // which raised that keyword's bid further, night after night (Docs/rules.md, "Conversion lag").
        let matureAfter = lagSettings.matureAfterDays
        var mature = [(clicks: Double, conversions: Double)](repeating: (0, 0), count: sums.groupCount)
        var account = (clicks: 0.0, conversions: 0.0)
        for group in 0..<sums.groupCount where includes(group) {
            for offset in 0..<sums.days where calendar.age(of: sums.start + offset) >= matureAfter {
                mature[group].clicks += sums.clicks[group * sums.days + offset]
                mature[group].conversions += sums.conversions[group * sums.days + offset]
            }
            account.clicks += mature[group].clicks
            account.conversions += mature[group].conversions
        }
        let accountRate = account.clicks > 0 ? account.conversions / account.clicks : 0
        // Five conversions' worth of the account's clicks.
        let priorClicks = accountRate > 0 ? 5 / accountRate : 0
        var clicksByAge = [Double](repeating: 0, count: ruleSet.lookback.conversionRateDays)
        var conversionsByAge = clicksByAge
        for group in 0..<sums.groupCount where includes(group) {
            // The group's mature rate ÷ the account's, shrunk toward 1 with five conversions' weight.
            let weight =
                accountRate > 0
                ? (mature[group].conversions + 5) / ((mature[group].clicks + priorClicks) * accountRate) : 1
            for offset in 0..<sums.days {
                let age = calendar.age(of: sums.start + offset)
                clicksByAge[age] += sums.clicks[group * sums.days + offset] * weight
                conversionsByAge[age] += sums.conversions[group * sums.days + offset]
            }
        }
        return ConversionLagCurve.fit(
            clicksByAge: clicksByAge, conversionsByAge: conversionsByAge,
            matureAfterDays: lagSettings.matureAfterDays) ?? configured
    }

    /// Device and weekday modifiers per campaign, for goals measured in conversions or conversion value.
    private func modifiers(
        _ keywords: [KeywordHistory], members: [Int], adGroupOf: [Int32], groups: GroupIndex,
        calendar: HistoryCalendar
    ) -> [BidModifier] {
        let settings = ruleSet.modifiers
        let valueIsRevenue: Bool
        switch ruleSet.goal {
        case .targetCPA: valueIsRevenue = false
        case .targetROAS: valueIsRevenue = true
        case .maxCPC, .maxCPM: return []
        }
        guard settings.devices || settings.weekdays else { return [] }
        let campaignOfAdGroup = groups.campaignOfAdGroup
        let sums = Parallel.reduce(count: members.count) { [campaignCount = groups.campaignCount] range in
            var sums = ModifierAccumulator(campaignCount: campaignCount)
            for member in range {
                let campaign = campaignOfAdGroup[Int(adGroupOf[member])]
                for point in keywords[members[member]].daily {
                    guard let day = calendar.index(of: point.day), day >= calendar.metricsStart,
                        !calendar.excluded[day]
                    else { continue }
                    sums.add(point, campaign: campaign, value: valueIsRevenue ? point.value.units : point.conversions)
                }
            }
            return sums
        } combine: { sums, partial in
            sums.add(partial)
        }
        return sums.modifiers(
            settings: settings, campaignNames: groups.campaignNames,
            format: TraceFormat(currencySymbol: ruleSet.currencySymbol))
    }

    /// Each keyword's drop-detection group (ad group or campaign id), or `nil` when detection is off.
    private func dropGroups(adGroupOf: [Int32], groups: GroupIndex) -> [Int32]? {
        guard let settings = ruleSet.estimation.dropDetection else { return nil }
        switch settings.level {
        case .adGroup: return adGroupOf
        case .campaign: return adGroupOf.map { groups.campaignOfAdGroup[Int($0)] }
        }
    }

    /// Clicks and season-corrected conversions per drop group (one group when detection is off) and day of the
    /// conversion-rate window, excluded days left out — or `nil` when neither the lag fit nor drop detection reads
    /// them.
    private func groupDaySums(
        _ keywords: [KeywordHistory], members: [Int], dropGroupOf: [Int32]?, groups: GroupIndex,
        calendar: HistoryCalendar
    ) -> GroupDaySums? {
        let detection = ruleSet.estimation.dropDetection
        guard ruleSet.estimation.conversionLag.estimate || detection != nil else { return nil }
        let groupCount =
            dropGroupOf == nil ? 1 : detection?.level == .campaign ? groups.campaignCount : groups.adGroupCount
        let start = calendar.conversionRateStart
        let days = calendar.dayCount - start
        let (clicks, conversions) = Parallel.reduce(count: members.count) { range in
            var clicks = [Double](repeating: 0, count: groupCount * days)
            var conversions = clicks
            for member in range {
                let base = (dropGroupOf.map { Int($0[member]) } ?? 0) * days
                for point in keywords[members[member]].daily {
                    guard let day = calendar.index(of: point.day), day >= start, !calendar.excluded[day] else {
                        continue
                    }
                    clicks[base + day - start] += Double(point.clicks)
                    conversions[base + day - start] += point.conversions / calendar.seasonFactor[day]
                }
            }
            return (clicks, conversions)
        } combine: { sums, partial in
            for cell in sums.0.indices {
                sums.0[cell] += partial.0[cell]
                sums.1[cell] += partial.1[cell]
            }
        }
        return GroupDaySums(groupCount: groupCount, start: start, days: days, clicks: clicks, conversions: conversions)
    }

    /// Runs the CUSUM per group over its clicks weighted by the day's reported lag share.
    private func detectDrops(_ sums: GroupDaySums?, calendar: HistoryCalendar) -> [ConversionDrop?] {
        guard let settings = ruleSet.estimation.dropDetection, let sums else { return [] }
        let detector = ConversionDropDetector(settings: settings)
        // A hundred thousand ad groups' CUSUMs: on all cores, each group's result in its place.
        return Parallel.map(count: sums.groupCount, minimumChunk: 1_024) { groups, output in
            for group in groups {
                let range = (group * sums.days)..<((group + 1) * sums.days)
                let clicks = zip(sums.clicks[range], calendar.lagShare[sums.start...]).map { $0 * $1 }
                output.append(
                    detector.detect(
                        firstDay: calendar.day(at: sums.start), clicks: clicks,
                        conversions: Array(sums.conversions[range])))
            }
        }
    }

    private func dropLines(_ drops: [ConversionDrop?], groups: GroupIndex) -> [String] {
        let level = ruleSet.estimation.dropDetection?.level ?? .adGroup
        let format = TraceFormat(currencySymbol: ruleSet.currencySymbol)
        return drops.enumerated().compactMap { group, drop in
            guard let drop else { return nil }
            let campaign = level == .adGroup ? Int(groups.campaignOfAdGroup[group]) : group
            let names = groups.campaignNames[campaign]
            let place =
                "\(names.account) › \(names.campaign)" + (level == .adGroup ? " › \(groups.adGroupNames[group])" : "")
            return "\(place): CVR \(format.percent(drop.rateBefore)) → \(format.percent(drop.rateAfter)) "
                + "from \(drop.changeDay) (detected \(drop.alarmDay))"
        }
    }
}

/// Clicks and season-corrected conversions per group and day, `group * days + (day - start)`.
private struct GroupDaySums: Sendable {
    let groupCount: Int
    /// Calendar index of the first day summed (the conversion-rate window's start).
    let start: Int
    let days: Int
    let clicks: [Double]
    let conversions: [Double]
}
