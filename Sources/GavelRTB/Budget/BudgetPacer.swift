import GavelAuction
public import GavelCore
import Synchronization

/// Spreads each campaign's daily budget evenly over the (UTC) day with the simulator's
/// ``MultiplicativePacer``.
///
/// Every control step (a few seconds of wall time) the pacer compares the spend committed
/// since the last step with the even share of what is left of the day's budget, and feeds the
/// ratio to the campaign's pacer as the spend of one "auction" whose target is 1. The pacer's
/// multiplier μ then scales every bid by 1/(1 + μ): over-spending raises μ and bids fall,
/// under-spending lowers μ back towards 0 (full value). The budget itself is never at risk —
/// ``BudgetLedger`` refuses reservations that would exceed it — pacing only decides how fast
/// it is spent, so a campaign still has money in the evening.
public final class BudgetPacer: Sendable {
    private struct CampaignState {
        var pacer: MultiplicativePacer
        var day: CalendarDay
        var lastTime: Int64
        var lastSpent: Micros
    }

    private struct State {
        var campaigns: [String: CampaignState] = [:]
        var multipliers: [String: Double] = [:]
    }

    private let step: Double
    private let state = Mutex(State())

    /// - Parameter step: η of the additive dual update, per unit of relative spend error.
    public init(step: Double = 0.2) {
        self.step = step
    }

    /// One control step at `unixTime` for the campaigns with a daily budget (campaign id → budget).
    public func update(dailyBudgets: [String: Micros], ledger: BudgetLedger, at unixTime: Int64) {
        let day = CalendarDay(rawValue: Int32(Self.floorDivide(unixTime, 86_400)))
        let endOfDay = Int64(day.rawValue + 1) * 86_400
        let spentToday = dailyBudgets.keys.reduce(into: [String: Micros]()) { spent, campaign in
            spent[campaign] = ledger.status(of: campaign, on: day)?.spentToday ?? .zero
        }
        state.withLock { state in
            var multipliers: [String: Double] = [:]
            for (campaign, daily) in dailyBudgets {
                let spent = spentToday[campaign] ?? .zero
                guard var current = state.campaigns[campaign], current.day == day else {
                    let pacer =
                        state.campaigns[campaign]?.pacer
                        ?? MultiplicativePacer(targetSpendPerAuction: 1, step: step, update: .additive)
                    state.campaigns[campaign] = CampaignState(
                        pacer: pacer,
                        day: day,
                        lastTime: unixTime,
                        lastSpent: spent
                    )
                    multipliers[campaign] = Self.rate(pacer)
                    continue
                }
                let elapsed = unixTime - current.lastTime
                guard elapsed > 0 else {
                    multipliers[campaign] = Self.rate(current.pacer)
                    continue
                }
                let remaining = max(0, (daily - current.lastSpent).units)
                let target = remaining * Double(elapsed) / Double(max(endOfDay - current.lastTime, 1))
                let delta = (spent - current.lastSpent).units
                let ratio = target > 0 ? min(delta / target, 10) : (delta > 0 ? 10 : 1)
                current.pacer.record(spend: ratio)
                current.lastTime = unixTime
                current.lastSpent = spent
                state.campaigns[campaign] = current
                multipliers[campaign] = Self.rate(current.pacer)
            }
            state.campaigns = state.campaigns.filter { dailyBudgets[$0.key] != nil }
            state.multipliers = multipliers
        }
    }

    /// Bid multiplier per campaign id, 0…1 (campaigns without a daily budget are absent: 1).
    public var multipliers: [String: Double] { state.withLock { $0.multipliers } }

    private static func rate(_ pacer: MultiplicativePacer) -> Double { 1 / (1 + pacer.multiplier) }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}
