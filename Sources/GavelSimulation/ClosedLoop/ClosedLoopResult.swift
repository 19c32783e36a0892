public import GavelCore

/// What the simulated account bought on one day, or over several, as the advertiser sees it once every conversion
/// is in: a conversion counts on the day of its click, however late the report shows it.
public struct ClosedLoopTotals: Hashable, Sendable {
    public var queries = 0
    /// Queries entered with a positive bid.
    public var bids = 0
    public var impressions = 0
    public var clicks = 0
    public var conversions = 0
    public var cost = Micros.zero
    public var value = Micros.zero

    public init() {}

    public static func + (lhs: ClosedLoopTotals, rhs: ClosedLoopTotals) -> ClosedLoopTotals {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout ClosedLoopTotals, rhs: ClosedLoopTotals) {
        lhs.queries += rhs.queries
        lhs.bids += rhs.bids
        lhs.impressions += rhs.impressions
        lhs.clicks += rhs.clicks
        lhs.conversions += rhs.conversions
        lhs.cost += rhs.cost
        lhs.value += rhs.value
    }

    /// Cost per conversion in currency units; `nil` without conversions.
    public var costPerAcquisition: Double? { conversions > 0 ? cost.units / Double(conversions) : nil }

    /// The totals in a sweep's terms: a query is an auction.
    public var metrics: RunMetrics {
        RunMetrics(
            auctions: queries,
            bids: bids,
            impressions: impressions,
            clicks: clicks,
            conversions: conversions,
            cost: cost.units,
            conversionValue: value.units
        )
    }
}

/// One closed-loop run: the simulated period day by day, and what the nightly job did.
public struct ClosedLoopResult: Sendable {
    /// The first simulated day after the warm-up: `days[0]`.
    public var firstDay: CalendarDay
    /// One entry per simulated day (warm-up days are not counted).
    public var days: [ClosedLoopTotals]
    /// Each keyword's bid after the last night, in the simulation's keyword order.
    public var finalBids: [Micros]
    /// Nights the bid job ran.
    public var nights: Int
    /// Nights whose plan the portfolio stop refused, so every bid stayed.
    public var refusedNights: Int

    public init(firstDay: CalendarDay, days: [ClosedLoopTotals], finalBids: [Micros], nights: Int, refusedNights: Int) {
        self.firstDay = firstDay
        self.days = days
        self.finalBids = finalBids
        self.nights = nights
        self.refusedNights = refusedNights
    }

    /// The whole simulated period.
    public var totals: ClosedLoopTotals { totals(days: days.indices) }

    /// The days at `range` (indices into ``days``), e.g. `0..<7` for the first week.
    public func totals(days range: Range<Int>) -> ClosedLoopTotals {
        days[range].reduce(ClosedLoopTotals(), +)
    }
}
