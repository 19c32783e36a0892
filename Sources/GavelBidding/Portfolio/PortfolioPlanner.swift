public import GavelCore

/// What the whole portfolio is bid for, replacing the rule file's per-keyword goal.
public enum PortfolioObjective: Hashable, Sendable {
    /// Most conversions for at most this spend per day.
    case budget(Micros)
    /// Most conversions at an overall CPA of at most this.
    case targetCPA(Micros)
    /// Most conversion value at an overall ROAS of at least this (4.0 = 400 %).
    case targetROAS(Double)

    /// Whether the portfolio maximises conversion value (ROAS) rather than conversions.
    var maximisesValue: Bool { if case .targetROAS = self { true } else { false } }
}

/// One keyword as the portfolio sees it: the history the rule engine reads, the bid it had on each day, and the
/// platform's bid simulation where the account has one.
public struct PortfolioKeyword: Sendable {
    public var history: KeywordHistory
    /// The bids in force, at least on each change day; days in between keep the last bid.
    public var bids: [DailyBid]
    /// The platform's replay of recent auctions at other bids; when recent enough, the keyword is bid on it
    /// instead of on the curve fitted from ``history``.
    public var simulation: BidSimulation?

    public init(history: KeywordHistory, bids: [DailyBid], simulation: BidSimulation? = nil) {
        self.history = history
        self.bids = bids
        self.simulation = simulation
    }
}

/// A portfolio run: the plan in the rule engine's shape (so storage, reports and exports are shared) and what the
/// portfolio settled at.
public struct PortfolioPlan: Sendable {
    public var plan: BidPlan
    public var objective: PortfolioObjective
    public var status: PortfolioOptimizer.Solution.Status
    /// The marginal CPA every free keyword settled at (for a ROAS objective: see ``marginalROAS``).
    public var marginalCPA: Micros?
    /// The marginal ROAS every free keyword settled at (ROAS objective only).
    public var marginalROAS: Double?
    /// Keywords whose bid the portfolio chose; the others are held by rules, minimum data or skips.
    public var optimised: Int
    /// Keywords in the optimiser at a bid it did not choose (rules, too little data), counted in the totals.
    public var fixed: Int
    /// Per decision (same order as `plan.decisions`), the landscape fitted from history, if one could be.
    public var landscapes: [LandscapeFit?]
    /// Keywords bid on the platform's bid simulation rather than a fitted landscape.
    public var simulated: Int
    /// How far those simulations reach: the medians, over the keywords bid on one, of the lowest and the highest
    /// simulated bid ÷ the bid in force; `nil` when none is. A plan bids a keyword only between its simulated bids,
    /// and in simulated auctions replays reaching 3 × lost to the rules where replays reaching 20 × beat them
    /// (Docs/portfolio.md, "One plan in simulated auctions"): the specialist needs to see how far theirs go.
    public var simulationReach: ClosedRange<Double>?
    /// How the landscapes were held to what the bids in force bought lately; `nil` when calibration is off or the
    /// window forecast nothing.
    public var calibration: ForecastCalibration.Factors?
    /// Set when the last days overspent the budget and this run planned below it (``SpendBrake``).
    public var braking: SpendBrake.Engagement?
}

/// Plans a portfolio run: the rule engine's conversion-rate estimates, fitted bid landscapes held to what the bids
/// in force bought over the last week (``ForecastCalibration``), one equal-marginal optimisation under the
/// objective, then the rule file's guardrails and rounding on every bid.
///
/// The rule file still decides which keywords are in scope, the bid limits, the per-run change band (the
/// optimiser works inside it, so the budget holds after the guardrails), and the keywords a specialist's rule
/// holds, caps or sets: those keep the rule engine's bid and count against the budget.
public struct PortfolioPlanner: Sendable {
    public let ruleSet: RuleSet
    public let asOf: CalendarDay
    public let objective: PortfolioObjective
    public let estimator: LandscapeEstimator
    public let optimizer: PortfolioOptimizer
    /// Holds each landscape to the last days' reported clicks and cost (``ForecastCalibration/days`` 0: off).
    public let calibration: ForecastCalibration
    /// Holds a budget back after days that overspent it (``SpendBrake/days`` 0: off).
    public let brake: SpendBrake
    /// A bid simulation whose last day is more days than this before the run's is not used: the auctions it
    /// replayed no longer say what tonight's bids buy.
    public let simulationMaxAgeDays: Int

    public init(
        ruleSet: RuleSet, asOf: CalendarDay, objective: PortfolioObjective,
        estimator: LandscapeEstimator = LandscapeEstimator(),
        optimizer: PortfolioOptimizer = PortfolioOptimizer(),
        calibration: ForecastCalibration = ForecastCalibration(),
        brake: SpendBrake = SpendBrake(),
        simulationMaxAgeDays: Int = 14
    ) {
        self.ruleSet = ruleSet
        self.asOf = asOf
        self.objective = objective
        self.estimator = estimator
        self.optimizer = optimizer
        self.calibration = calibration
        self.brake = brake
        self.simulationMaxAgeDays = simulationMaxAgeDays
    }

    /// - Parameters:
    ///   - keywords: Every keyword of the accounts, as for ``BidEngine/plan(_:force:)``.
    ///   - force: Apply even when the portfolio stop fires.
    ///   - recentPlans: What the runs that set the last days' bids forecast for those days (for ``SpendBrake``;
    ///     none: no brake).
    public func plan(
        _ keywords: [PortfolioKeyword], force: Bool = false, recentPlans: [SpendBrake.PlannedDay] = []
    ) -> PortfolioPlan {
        let rulePlan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(
            keywords.map(\.history), force: true)
        let members = keywords.indices.filter { index in
            ruleSet.applies(to: keywords[index].history.identity, labels: keywords[index].history.labels)
        }
        let window = DayRange(first: asOf.advanced(by: 1 - ruleSet.historyDays), last: asOf)
        var campaignIndex: [String: Int] = [:]
        let groupOf = members.map { member -> Int in
            let identity = keywords[member].history.identity
            let key = identity.account + "\u{1F}" + identity.campaign
            if let index = campaignIndex[key] { return index }
            campaignIndex[key] = campaignIndex.count
            return campaignIndex.count - 1
        }
        let levels = members.map { member in
            BidLevel.levels(
                daily: keywords[member].history.daily, bids: keywords[member].bids, window: window)
        }
        let recent = DayRange(first: asOf.advanced(by: 1 - max(calibration.days, 1)), last: asOf)
        let (fits, calibrated) = calibration.calibrate(
            estimator.fit(levels, groupOf: groupOf),
            recent: members.map { member in
                calibration.days > 0
                    ? BidLevel.levels(
                        daily: keywords[member].history.daily, bids: keywords[member].bids, window: recent)
                    : []
            })
        let oldestSimulation = asOf.advanced(by: -simulationMaxAgeDays)
        var simulated = members.map { member -> GridLandscape? in
            guard let simulation = keywords[member].simulation, simulation.days.last >= oldestSimulation,
                simulation.days.last <= asOf
            else { return nil }
            return simulation.landscape
        }
        let valuePerConversion =
            objective.maximisesValue
            ? Self.valuePerConversion(members.map { keywords[$0].history }, window: window) : []

        let braking: SpendBrake.Engagement?
        if case .budget(let amount) = objective {
            // The keywords a plan forecasts: those with a landscape.
            let planned = members.indices.lazy.filter { fits[$0] != nil }.map { keywords[members[$0]].history }
            braking = brake.engagement(planned, plans: recentPlans, asOf: asOf, budget: amount)
        } else {
            braking = nil
        }

        // The optimiser's items: free keywords within their guardrail band, fixed ones at the rule engine's bid.
        var items: [PortfolioOptimizer.Item<KeywordLandscape>] = []
        var landscapes = [KeywordLandscape?](repeating: nil, count: members.count)
        var itemOf = [Int?](repeating: nil, count: members.count)
        var isFree = [Bool](repeating: false, count: members.count)
        var valuePerClick = [Double](repeating: 0, count: members.count)
        let limits = ruleSet.limits
        for (position, decision) in rulePlan.decisions.enumerated() {
            if case .skipped = decision.action { continue }
            guard let fit = fits[position], let old = decision.oldBid, let ruleBid = decision.newBid
            else { continue }
            let cvr = decision.estimatedCVR ?? 0
            valuePerClick[position] =
                objective.maximisesValue ? cvr * valuePerConversion[position].units : cvr
            let enoughData = fit.clicks >= Double(limits.minClicks)
            let free = enoughData && decision.matchedRules.isEmpty
            var range: ClosedRange<Double>
            if free {
                let band = Self.band(old: old, limits: limits)
                range = band.lowerBound.units...band.upperBound.units
            } else {
                range = ruleBid.units...ruleBid.units
            }
            // A simulation knows only the bids it replayed: the grid holds its end values beyond them, which would
            // make a bid far below the lowest look as good. A free keyword is bid within them; one whose band
            // misses them all is bid on its fitted curve.
            if free, let grid = simulated[position] {
                let lower = max(range.lowerBound, grid.bids[0])
                let upper = min(range.upperBound, grid.bids[grid.bids.count - 1])
                if lower <= upper { range = lower...upper } else { simulated[position] = nil }
            }
            // The whole grid's hull, the band clamping the bid on it: tonight's move heads for the bid the replay
            // says pays, however far. The band's own hull sees only the ±25 % around today's bid, where a GSP's
            // price is often flat, and left keywords on such plateaus night after night: in the closed loop with
            // every keyword free, −7.2 % against the rules where the whole hull gains +3.1 % (Docs/portfolio.md,
            // "Landscapes from the platform's bid simulator").
            let landscape = simulated[position].map(KeywordLandscape.simulated) ?? .fitted(fit.landscape)
            landscapes[position] = landscape
            isFree[position] = free
            itemOf[position] = items.count
            items.append(
                .init(landscape: landscape, valuePerClick: valuePerClick[position], bids: range))
        }
        let constraint: PortfolioOptimizer.Constraint
        switch objective {
        case .budget(let amount): constraint = .budget((braking?.plannedBudget ?? amount).units)
        case .targetCPA(let target): constraint = .costPerValue(target.units)
        case .targetROAS(let target): constraint = .costPerValue(1 / target)
        }
        let solution = optimizer.solve(items, subjectTo: constraint)
        // Unconstrained, the bisection's top end is only a bound (up to 10¹² per conversion), not a price anyone
        // pays.
        let multiplier = solution.status != .unconstrained && solution.multiplier.isFinite ? solution.multiplier : nil

        let format = TraceFormat(currencySymbol: ruleSet.currencySymbol)
        let guardrails = BidGuardrails(limits: limits, format: format)
        let explainer = PortfolioTrace(
            objective: objective, multiplier: multiplier, calibrationDays: calibration.days, braking: braking,
            format: format)
        var summary = BidSummary()
        summary.outOfScope = rulePlan.summary.outOfScope
        var decisions: [BidDecision] = []
        decisions.reserveCapacity(rulePlan.decisions.count)
        for (position, ruleDecision) in rulePlan.decisions.enumerated() {
            var decision = ruleDecision
            if let item = itemOf[position], let fit = fits[position], let landscape = landscapes[position],
                let old = decision.oldBid
            {
                if isFree[position] {
                    let proposed = Micros(rounding: solution.bids[item])
                    // A simulated point is the least bid the platform saw buy its clicks: rounding it down to a cent
                    // can lose the slot or the reserve it bought (seen in the closed loop: a €0.050986 point bid at
                    // €0.05 lost its keyword's 959 clicks a day).
                    let onPoints = if case .simulated = landscape { true } else { false }
                    let guarded = guardrails.apply(
                        proposed: proposed, current: old, rounding: onPoints ? .up : .nearest)
                    decision.newBid = guarded.bid
                    decision.action = guarded.bid > old ? .raised : guarded.bid < old ? .lowered : .unchanged
                    let edge = Self.edge(
                        of: solution.bids[item], in: items[item].bids, simulated: simulated[position])
                    decision.trace = explainer.trace(
                        cvr: decision.estimatedCVR ?? 0, valuePerClick: valuePerClick[position], fit: fit,
                        landscape: landscape, simulation: keywords[members[position]].simulation,
                        bid: guarded.bid, old: old,
                        note: guarded.note ?? edge.map { "\($0) → \(format.money(guarded.bid))" })
                } else {
                    decision.trace += " · held out of the portfolio, counted in its totals"
                }
                let perConversion = objective.maximisesValue ? valuePerConversion[position] : .zero
                let cvr = decision.estimatedCVR ?? 0
                decision.baseline = Self.forecast(
                    landscape, bid: old, cvr: cvr, valuePerConversion: perConversion)
                decision.forecast = Self.forecast(
                    landscape, bid: decision.newBid ?? old, cvr: cvr, valuePerConversion: perConversion)
            }
            switch decision.action {
            case .raised: summary.raised += 1
            case .lowered: summary.lowered += 1
            case .unchanged: summary.unchanged += 1
            case .skipped: summary.skipped += 1
            }
            if let baseline = decision.baseline, let forecast = decision.forecast {
                summary.baseline = summary.baseline + baseline
                summary.forecast = summary.forecast + forecast
            }
            decisions.append(decision)
        }

        var plan = rulePlan
        plan.decisions = decisions
        plan.summary = summary
        plan.forced = force
        plan.portfolioStop = ruleSet.portfolioStop?.refusal(for: decisions, suspect: "the objective", format: format)
        let optimised = isFree.filter { $0 }.count
        var lowestReach: [Double] = []
        var highestReach: [Double] = []
        for position in members.indices {
            guard case .simulated = landscapes[position], let grid = simulated[position],
                let old = rulePlan.decisions[position].oldBid, old > .zero
            else { continue }
            lowestReach.append(grid.bids[0] / old.units)
            highestReach.append(grid.bids[grid.bids.count - 1] / old.units)
        }
        return PortfolioPlan(
            plan: plan, objective: objective, status: solution.status,
            marginalCPA: objective.maximisesValue ? nil : multiplier.map { Micros(rounding: $0) },
            marginalROAS: objective.maximisesValue ? multiplier.map { 1 / $0 } : nil,
            optimised: optimised, fixed: items.count - optimised, landscapes: fits,
            simulated: landscapes.lazy.filter { if case .simulated = $0 { true } else { false } }.count,
            simulationReach: lowestReach.isEmpty ? nil : Self.median(lowestReach)...Self.median(highestReach),
            calibration: calibrated,
            braking: braking)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The bids the guardrails allow this run: hard limits intersected with the change band.
    static func band(old: Micros, limits: BidLimits) -> ClosedRange<Micros> {
        let low = max(limits.minBid, old.scaled(by: 1 - limits.maxLower))
        let high = min(limits.maxBid, old.scaled(by: 1 + limits.maxRaise))
        if low <= high { return low...high }
        // The current bid lies outside the hard limits: only they count (as in BidGuardrails).
        let bound = high < limits.minBid ? limits.minBid : limits.maxBid
        return bound...bound
    }

    /// Value per conversion per keyword, shrunk toward its ad group's with five conversions' weight (as the rule
    /// engine does for target ROAS).
    static func valuePerConversion(_ histories: [KeywordHistory], window: DayRange) -> [Micros] {
        var groupSums: [String: (value: Double, conversions: Double)] = [:]
        let sums = histories.map { history -> (key: String, value: Double, conversions: Double) in
            var value = 0.0
            var conversions = 0.0
            for point in history.daily where window.contains(point.day) {
                value += point.value.units
                conversions += point.conversions
            }
            let identity = history.identity
            let key = identity.account + "\u{1F}" + identity.campaign + "\u{1F}" + identity.adGroup
            groupSums[key, default: (0, 0)].value += value
            groupSums[key, default: (0, 0)].conversions += conversions
            return (key, value, conversions)
        }
        let total = groupSums.values.reduce((value: 0.0, conversions: 0.0)) {
            ($0.value + $1.value, $0.conversions + $1.conversions)
        }
        let portfolioMean = total.conversions > 0 ? total.value / total.conversions : 0
        return sums.map { sum in
            let group = groupSums[sum.key]!
            let groupMean = group.conversions > 0 ? group.value / group.conversions : portfolioMean
            return Micros(rounding: (sum.value + 5 * groupMean) / (sum.conversions + 5))
        }
    }

    /// Why a free keyword's bid stands at an end of its range, if it does: the run's limits and change band, or
    /// the end of the bids the platform simulated (see the range's cut in ``plan(_:force:recentPlans:)``).
    static func edge(of solved: Double, in range: ClosedRange<Double>, simulated grid: GridLandscape?) -> String? {
        guard range.lowerBound < range.upperBound else { return nil }
        let (side, end, simulatedEnd): (String, Double, Double?)
        if solved <= range.lowerBound {
            (side, end, simulatedEnd) = ("lowest", range.lowerBound, grid?.bids.first)
        } else if solved >= range.upperBound {
            (side, end, simulatedEnd) = ("highest", range.upperBound, grid?.bids.last)
        } else {
            return nil
        }
        return end == simulatedEnd
            ? "the \(side) bid the platform simulated" : "the \(side) bid this run allows (limits and change band)"
    }

    static func forecast(
        _ landscape: some BidLandscape, bid: Micros, cvr: Double, valuePerConversion: Micros
    )
        -> DailyForecast
    {
        let clicks = landscape.clicks(atBid: bid.units)
        let conversions = clicks * cvr
        return DailyForecast(
            clicks: clicks, cost: Micros(rounding: landscape.cost(atBid: bid.units)),
            conversions: conversions,
            value: valuePerConversion.scaled(by: conversions))
    }
}

/// The reason line of a portfolio bid: the estimate, the landscape, the multiplier the portfolio settled at, and
/// why the bid is not simply marginal CPA × CVR (the price of the clicks already bought rises with the bid).
struct PortfolioTrace {
    let objective: PortfolioObjective
    let multiplier: Double?
    let calibrationDays: Int
    let braking: SpendBrake.Engagement?
    let format: TraceFormat

    /// - Parameters:
    ///   - landscape: What the optimiser bid the keyword on: `fit`'s curve, or its simulation's points.
    ///   - simulation: The keyword's bid simulation, named in the trace when `landscape` is its points.
    func trace(
        cvr: Double, valuePerClick: Double, fit: LandscapeFit, landscape: KeywordLandscape,
        simulation: BidSimulation?, bid: Micros, old: Micros, note: String?
    ) -> String {
        var trace = TraceBuilder()
        trace.add("CVR \(format.percent(cvr, decimals: 2))")
        let elasticity: Double?
        switch landscape {
        case .simulated:
            if let simulation {
                let bids = simulation.points.map(\.bid)
                trace.add(
                    "bid simulator \(simulation.days): \(bids.count) bids "
                        + "\(format.money(bids[0]))–\(format.money(bids[bids.count - 1]))")
            }
            elasticity = nil
        case .fitted(let curve):
            describe(fit, into: &trace)
            elasticity = curve.elasticity(atBid: bid.units)
        }
        if let braking {
            trace.add(
                "the last \(braking.days) planned days spent \(format.percent(braking.overspend, decimals: 0)) of "
                    + "their plans: planned for \(format.money(braking.plannedBudget))")
        }
        return allowance(
            valuePerClick: valuePerClick, landscape: landscape, elasticity: elasticity, bid: bid, old: old,
            note: note, cvr: cvr, into: &trace)
    }

    /// The fitted curve: where it places the keyword, and how the last week's calibration held it.
    private func describe(_ fit: LandscapeFit, into trace: inout TraceBuilder) {
        let steepness = "steepness \(TraceFormat.fixed(fit.landscape.steepness, decimals: 2))"
        let pooled =
            switch fit.placement {
            case .impressionShare: "placed by impression share, \(steepness)"
            case .pagePosition:
                "placed by page position, \(steepness), "
                    + "\(format.percent(fit.landscape.clickFloor, decimals: 0)) of clicks at the bottom of the page"
            case .clickElasticity:
                fit.ownElasticity == nil ? "group's" : "\(format.percent(fit.poolingWeight, decimals: 0)) pooled"
            }
        trace.add(
            "landscape \(format.count(fit.clicksPerDay)) clicks/day at "
                + "\(format.money(Micros(rounding: fit.referenceBid)))"
                + ", elasticity \(TraceFormat.fixed(fit.elasticity, decimals: 2)) (\(fit.bidLevels) bids, \(pooled))"
        )
        if fit.calibratedLevel != 1 || fit.calibratedPrice != 1 {
            let level = TraceFormat.fixed(fit.calibratedLevel, decimals: 2)
            let price = TraceFormat.fixed(fit.calibratedPrice, decimals: 2)
            trace.add("held to the last \(calibrationDays) days: clicks × \(level), CPC × \(price)")
        }
    }

    /// The multiplier's allowance per extra click, and what the landscape says a click costs at the bid.
    /// - Parameter elasticity: Clicks' elasticity at the bid, for a continuous landscape.
    private func allowance(
        valuePerClick: Double, landscape: KeywordLandscape, elasticity: Double?, bid: Micros, old: Micros,
        note: String?, cvr: Double, into trace: inout TraceBuilder
    ) -> String {
        guard let multiplier, valuePerClick > 0 else {
            trace.add(
                multiplier == nil
                    ? "no multiplier: the objective does not bind (every keyword at its best bid within its limits)"
                    : "no multiplier: no conversions to trade off")
            trace.add(note ?? "→ \(format.money(bid))")
            return trace.text
        }
        let allowed = Micros(rounding: multiplier * valuePerClick)
        switch objective {
        case .budget, .targetCPA:
            trace.add(
                "portfolio marginal CPA \(format.money(Micros(rounding: multiplier))) × CVR = \(format.money(allowed))"
                    + " per extra click")
        case .targetROAS:
            trace.add(
                "value/click \(format.money(Micros(rounding: valuePerClick))) ÷ portfolio marginal ROAS "
                    + "\(format.percent(1 / multiplier, decimals: 0)) = \(format.money(allowed)) per extra click"
            )
        }
        let cpc = Micros(rounding: landscape.costPerClick(atBid: bid.units))
        let marginal = landscape.marginalCostPerClick(atBid: bid.units)
        var reason = "at \(format.money(bid)) a click costs \(format.money(cpc)), the last one "
        reason += marginal.isFinite ? format.money(Micros(rounding: marginal)) : "more than any allowance"
        if let elasticity {
            reason += " (+1 % bid → +\(TraceFormat.fixed(elasticity, decimals: 2)) % clicks)"
        }
        if case .targetCPA(let target) = objective {
            reason += "; own target CPA × CVR would bid \(format.money(target.scaled(by: cvr)))"
        }
        trace.add(reason)
        trace.add(note ?? (bid == old ? "unchanged \(format.money(old))" : "→ \(format.money(bid))"))
        return trace.text
    }
}
