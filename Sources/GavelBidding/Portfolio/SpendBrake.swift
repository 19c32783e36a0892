public import GavelCore

/// Holds a budget portfolio back when its recent plans spent more than they forecast.
///
/// The plan spends the budget only as far as its landscapes forecast right, and a forecast is weakest where the
/// bids have just moved: calibration (``ForecastCalibration``) holds each landscape to what the bids in force
/// bought, not to what tonight's new bids will buy. On a simulated market whose keywords differ in auction shape
/// the landscapes under-forecast what raised bids cost by up to half, so each night's plan, on budget on paper,
/// raised bids again and the account spent 125–150 % of its budget (Docs/portfolio.md, "Closed loop").
///
/// The brake compares what the last ``days`` days spent with what the runs that set their bids forecast for them.
/// When the days spent more than `1 + tolerance` times the forecast, tonight plans for the budget divided by that
/// ratio: the forecasts' error of the last days is taken out of tonight's. It needs those runs' forecasts (the stored
/// runs' summaries; the closed loop keeps its own), so an account that spends over a new budget because of bids set
/// some other way is simply planned down to the budget, which the optimiser does by itself. Stopping raises as well
/// was measured and dropped: the forecasts' error persists, so the brake never let go and the account ended at
/// 52–101 % of its budget.
public struct SpendBrake: Sendable {
    /// Reported days compared with their plans; 0 turns the brake off.
    public var days: Int
    /// Overspend against the plans tolerated before the brake engages (0.1: 10 %).
    public var tolerance: Double

    public init(days: Int = 3, tolerance: Double = 0.1) {
        precondition(days >= 0 && tolerance >= 0, "the brake needs a window of zero or more days and a tolerance")
        self.days = days
        self.tolerance = tolerance
    }

    /// What a portfolio run forecast its bids would spend on the day they ran (the day after its as-of).
    public struct PlannedDay: Hashable, Sendable {
        public var day: CalendarDay
        public var cost: Micros

        public init(day: CalendarDay, cost: Micros) {
            self.day = day
            self.cost = cost
        }
    }

    /// The brake as one night engaged it, for the trace and the run summary.
    public struct Engagement: Hashable, Sendable {
        /// Reported ÷ planned spend over the days compared.
        public var overspend: Double
        /// Days that had a plan to compare with.
        public var days: Int
        public var budget: Micros
        /// The budget the optimiser planned for instead: budget ÷ ``overspend``.
        public var plannedBudget: Micros
    }

    /// The reported days the brake compares with their plans, the last one `asOf`; `nil` when the brake is off.
    public func window(endingOn asOf: CalendarDay) -> DayRange? {
        days > 0 ? DayRange(first: asOf.advanced(by: 1 - days), last: asOf) : nil
    }

    /// - Parameters:
    ///   - histories: The in-scope keywords' reported rows (any devices).
    ///   - plans: Earlier runs' forecasts; days of the window without one are left out of the comparison.
    ///   - asOf: The last reported day.
    /// - Returns: `nil` unless the days of the window that had a plan spent more than it plus the tolerance.
    public func engagement<Histories: Sequence<KeywordHistory>>(
        _ histories: Histories, plans: [PlannedDay], asOf: CalendarDay, budget: Micros
    ) -> Engagement? {
        guard let window = window(endingOn: asOf) else { return nil }
        var planned: [CalendarDay: Micros] = [:]
        for plan in plans where window.contains(plan.day) { planned[plan.day] = plan.cost }
        let plannedCost = planned.values.reduce(Micros.zero, +)
        guard plannedCost > .zero else { return nil }
        var spent = Micros.zero
        for history in histories {
            for point in history.daily where planned[point.day] != nil { spent = spent + point.cost }
        }
        let overspend = spent.units / plannedCost.units
        guard overspend > 1 + tolerance else { return nil }
        return Engagement(
            overspend: overspend, days: planned.count, budget: budget, plannedBudget: budget.scaled(by: 1 / overspend))
    }
}
