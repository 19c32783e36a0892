public import GavelCore
import Synchronization

/// A campaign's spending limits in the account currency; `nil` means no limit of that kind.
public struct Budget: Hashable, Sendable {
    public var daily: Micros?
    public var total: Micros?

    public init(daily: Micros? = nil, total: Micros? = nil) {
        self.daily = daily
        self.total = total
    }
}

/// Money set aside for one bid until the auction's outcome is known.
public struct Reservation: Hashable, Sendable {
    public let id: UInt64
    public let campaign: String
    public let amount: Micros
    public let day: CalendarDay
}

/// Why a bid could not reserve its price.
public enum ReservationRefusal: Error, Hashable, Sendable {
    case unknownCampaign(String)
    case nonPositiveAmount
    /// The day's budget minus spend and open reservations is below the amount.
    case dailyBudgetExhausted(remaining: Micros)
    case totalBudgetExhausted(remaining: Micros)
}

/// Spend and open reservations of one campaign, read atomically.
public struct BudgetStatus: Hashable, Sendable {
    public var budget: Budget
    public var spentToday: Micros
    public var reservedToday: Micros
    public var spentTotal: Micros
    public var reservedTotal: Micros

    /// The invariant the ledger keeps: spend plus reservations never exceed either budget.
    public var isWithinBudget: Bool {
        (budget.daily.map { spentToday + reservedToday <= $0 } ?? true)
            && (budget.total.map { spentTotal + reservedTotal <= $0 } ?? true)
    }
}

/// Per-campaign daily and total budgets that concurrent bids cannot overspend.
///
/// A bid reserves its price before it is sent; a win notice commits the clearing price (at
/// most the reservation: an exchange never charges more than the bid) and a loss or timeout
/// releases it. Because a reservation is only granted when spend plus all open reservations
/// stay within budget, no interleaving of bids and notices can overspend — the same rule
/// RTBkit's banker applied to budget slices. Commit and release are idempotent, as exchanges
/// repeat notices. One `Mutex` guards the whole ledger: each operation is a few dictionary
/// updates, far below the cost of the request that triggers it.
public final class BudgetLedger: Sendable {
    private struct Account {
        var budget: Budget
        var spentTotal: Micros = .zero
        var reservedTotal: Micros = .zero
        var spentByDay: [CalendarDay: Micros] = [:]
        var reservedByDay: [CalendarDay: Micros] = [:]
    }

    private struct State {
        var accounts: [String: Account]
        var open: [UInt64: Reservation] = [:]
        /// Open reservations by creation time, so ``releaseExpired(before:)`` never scans young ones.
        var expiry = ExpiryQueue()
        var nextID: UInt64 = 1
    }

    private let state: Mutex<State>

    /// - Parameter budgets: budget by campaign id.
    public init(budgets: [String: Budget]) {
        state = Mutex(State(accounts: budgets.mapValues { Account(budget: $0) }))
    }

    /// Sets or replaces a campaign's budget; spend so far is kept.
    public func setBudget(_ budget: Budget, for campaign: String) {
        state.withLock { state in
            state.accounts[campaign, default: Account(budget: budget)].budget = budget
        }
    }

    /// Books spend that no open reservation covers: spend persisted before a restart, or a win
    /// notice for a bid whose reservation was made by an earlier process or already expired.
    /// A campaign not yet known gets an account without limits until ``setBudget(_:for:)``.
    public func recordSpend(_ amount: Micros, for campaign: String, on day: CalendarDay) {
        guard amount > .zero else { return }
        state.withLock { state in
            var account = state.accounts[campaign] ?? Account(budget: Budget())
            account.spentByDay[day, default: .zero] = account.spentByDay[day, default: .zero] + amount
            account.spentTotal = account.spentTotal + amount
            state.accounts[campaign] = account
        }
    }

    /// Sets `amount` aside for a bid on `day` if both budgets still allow it.
    /// - Parameter time: when the bid was made, for ``releaseExpired(before:)``.
    public func reserve(
        _ amount: Micros,
        for campaign: String,
        on day: CalendarDay,
        at time: Int64
    ) -> Result<Reservation, ReservationRefusal> {
        guard amount > .zero else { return .failure(.nonPositiveAmount) }
        return state.withLock { state in
            guard let position = state.accounts.index(forKey: campaign) else {
                return .failure(.unknownCampaign(campaign))
            }
            // One in-place access to the account: each `values[position].member` read copied the
            // whole account (retaining and releasing its day dictionaries), ten times per bid.
            if let refusal = Self.setAside(amount, on: day, in: &state.accounts.values[position]) {
                return .failure(refusal)
            }
            let reservation = Reservation(id: state.nextID, campaign: campaign, amount: amount, day: day)
            state.nextID += 1
            state.open[reservation.id] = reservation
            state.expiry.append(reservation.id, createdAt: time)
            return .success(reservation)
        }
    }

    /// A win: turns the reservation into spend of `clearingPrice`, capped at the amount reserved.
    /// - Returns: the amount spent, or `nil` if the reservation was already settled.
    @discardableResult
    public func commit(_ reservation: Reservation, clearingPrice: Micros) -> Micros? {
        commit(reservationID: reservation.id, clearingPrice: clearingPrice)
    }

    /// ``commit(_:clearingPrice:)`` by id, as a win notice carries it (the bid id).
    @discardableResult
    public func commit(reservationID: UInt64, clearingPrice: Micros) -> Micros? {
        state.withLock { state in
            guard let open = state.open.removeValue(forKey: reservationID) else { return nil }
            let spent = min(max(clearingPrice, .zero), open.amount)
            Self.settle(open, spending: spent, in: &state)
            return spent
        }
    }

    /// A loss or a timeout: gives the reservation back.
    /// - Returns: `false` if the reservation was already settled.
    @discardableResult
    public func release(_ reservation: Reservation) -> Bool {
        release(reservationID: reservation.id)
    }

    @discardableResult
    public func release(reservationID: UInt64) -> Bool {
        state.withLock { state in
            guard let open = state.open.removeValue(forKey: reservationID) else { return false }
            Self.settle(open, spending: .zero, in: &state)
            return true
        }
    }

    /// Releases reservations made before `time` whose outcome never arrived (no win or loss
    /// notice within the exchange's window). Returns how many were released.
    ///
    /// Works through the expired ones oldest first, ``releaseBatch`` at a time, letting go of the
    /// lock between batches: bids waiting to reserve wait for one batch, not for the whole sweep.
    public func releaseExpired(before time: Int64) -> Int {
        var released = 0
        while true {
            let (taken, settled) = state.withLock { state in
                let expired = state.expiry.takeExpired(before: time, limit: Self.releaseBatch)
                var settled = 0
                for id in expired {
                    // Already committed or released by a notice: nothing left to give back.
                    guard let open = state.open.removeValue(forKey: id) else { continue }
                    Self.settle(open, spending: .zero, in: &state)
                    settled += 1
                }
                return (expired.count, settled)
            }
            released += settled
            if taken < Self.releaseBatch { return released }
        }
    }

    /// Reservations released per hold of the lock by ``releaseExpired(before:)``: a few tens of
    /// microseconds of work.
    static let releaseBatch = 256

    public func status(of campaign: String, on day: CalendarDay) -> BudgetStatus? {
        state.withLock { state in
            state.accounts[campaign].map { account in
                BudgetStatus(
                    budget: account.budget,
                    spentToday: account.spentByDay[day] ?? .zero,
                    reservedToday: account.reservedByDay[day] ?? .zero,
                    spentTotal: account.spentTotal,
                    reservedTotal: account.reservedTotal
                )
            }
        }
    }

    /// Adds `amount` to the account's reservations if both budgets allow it, else says why not.
    private static func setAside(
        _ amount: Micros,
        on day: CalendarDay,
        in account: inout Account
    ) -> ReservationRefusal? {
        let spentToday = account.spentByDay[day] ?? .zero
        let reservedToday = account.reservedByDay[day] ?? .zero
        if let daily = account.budget.daily, spentToday + reservedToday + amount > daily {
            return .dailyBudgetExhausted(remaining: max(.zero, daily - spentToday - reservedToday))
        }
        if let total = account.budget.total, account.spentTotal + account.reservedTotal + amount > total {
            return .totalBudgetExhausted(remaining: max(.zero, total - account.spentTotal - account.reservedTotal))
        }
        account.reservedByDay[day] = reservedToday + amount
        account.reservedTotal = account.reservedTotal + amount
        return nil
    }

    /// Moves a reservation out of "reserved" and `spent` of it into "spent".
    private static func settle(_ reservation: Reservation, spending spent: Micros, in state: inout State) {
        guard let position = state.accounts.index(forKey: reservation.campaign) else { return }
        Self.settle(reservation, spending: spent, in: &state.accounts.values[position])
    }

    private static func settle(_ reservation: Reservation, spending spent: Micros, in account: inout Account) {
        account.reservedByDay[reservation.day, default: .zero] =
            account.reservedByDay[reservation.day, default: .zero]
            - reservation.amount
        account.reservedTotal = account.reservedTotal - reservation.amount
        if spent > .zero {
            account.spentByDay[reservation.day, default: .zero] =
                account.spentByDay[reservation.day, default: .zero] + spent
            account.spentTotal = account.spentTotal + spent
        }
    }
}

extension OpenRTB.CPM {
    /// What one impression costs at this CPM, rounded up to the micro so that a reservation
    /// made from a bid is never smaller than the charge for it.
    public var costPerImpression: Micros {
        Micros((micros.rawValue + 999) / 1000)
    }
}
