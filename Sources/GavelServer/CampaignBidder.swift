import Foundation
public import GavelCore
public import GavelRTB
import Synchronization

/// The live GavelRTB bidder behind the server: campaigns that can be swapped while serving,
/// the budget ledger, frequency counters and pacing, shared by ``CampaignResponder`` (bids) and
/// ``CampaignSpendLedger`` (notices).
///
/// Each request reads one immutable snapshot (index, pricer, audiences, caps), so a reload
/// never shows a request half the old campaigns and half the new; ledger, counters and pacing
/// outlive reloads, so a campaign keeps its spend when its file is edited.
public final class CampaignBidder: Sendable {
    /// A class so that taking the current snapshot per request is one retain, not one per field.
    private final class Snapshot: Sendable {
        let bidder: Bidder
        let audiences: AudienceBook
        let caps: [String: FrequencyCap]
        let dailyBudgets: [String: Micros]
        let campaignIDs: [String]

        init(
            bidder: Bidder,
            audiences: AudienceBook,
            caps: [String: FrequencyCap],
            dailyBudgets: [String: Micros],
            campaignIDs: [String]
        ) {
            self.bidder = bidder
            self.audiences = audiences
            self.caps = caps
            self.dailyBudgets = dailyBudgets
            self.campaignIDs = campaignIDs
        }

        /// The bidder's answer, through a method so that `bidder` is borrowed in place: read off
        /// a snapshot held in a local, the whole `Bidder` (index, pricer, ledger) was copied and
        /// retained field by field on every request.
        func respond(
            to request: OpenRTB.BidRequest,
            at unixTime: Int64,
            on day: CalendarDay,
            context: BidContext
        ) -> BidDecision {
            bidder.respond(to: request, at: unixTime, on: day, context: context)
        }

        func replacingAudiences(_ audiences: AudienceBook) -> Snapshot {
            Snapshot(
                bidder: bidder,
                audiences: audiences,
                caps: caps,
                dailyBudgets: dailyBudgets,
                campaignIDs: campaignIDs
            )
        }
    }

    public let ledger: BudgetLedger
    public let frequency: FrequencyCapper
    public let pacer: BudgetPacer
    private let snapshot: Mutex<Snapshot>
    /// Who each open bid was for, so its win counts towards that user's frequency caps.
    private let usersByBid = Mutex(BidUsers())
    let wallClock: @Sendable () -> Int64

    /// - Parameters:
    ///   - pricer: click and conversion models, currencies and first-price shading.
    ///   - wallClock: seconds since 1970; tests move it.
    public init(
        campaigns: [Campaign],
        pricer: Pricer,
        audiences: AudienceBook = AudienceBook(),
        pacer: BudgetPacer = BudgetPacer(),
        wallClock: (@Sendable () -> Int64)? = nil
    ) {
        let ledger = BudgetLedger(budgets: [:])
        self.ledger = ledger
        frequency = FrequencyCapper()
        self.pacer = pacer
        self.wallClock = wallClock ?? { Int64(Date().timeIntervalSince1970) }
        snapshot = Mutex(Self.snapshot(campaigns: campaigns, pricer: pricer, audiences: audiences, ledger: ledger))
    }

    private static func snapshot(
        campaigns: [Campaign],
        pricer: Pricer,
        audiences: AudienceBook,
        ledger: BudgetLedger
    ) -> Snapshot {
        for campaign in campaigns { ledger.setBudget(campaign.budget, for: campaign.id) }
        return Snapshot(
            bidder: Bidder(index: CampaignIndex(campaigns: campaigns), pricer: pricer, ledger: ledger),
            audiences: audiences,
            caps: Dictionary(
                campaigns.compactMap { campaign in campaign.frequencyCap.map { (campaign.id, $0) } },
                uniquingKeysWith: { first, _ in first }
            ),
            dailyBudgets: Dictionary(
                campaigns.compactMap { campaign in campaign.budget.daily.map { (campaign.id, $0) } },
                uniquingKeysWith: { first, _ in first }
            ),
            campaignIDs: campaigns.map(\.id)
        )
    }

    /// Serves `campaigns` from the next request on; spend and budgets carry over by campaign id.
    /// - Parameter currencies: new exchange rates, or `nil` to keep the current ones.
    public func replaceCampaigns(_ campaigns: [Campaign], currencies: CurrencyTable? = nil) {
        let current = snapshot.withLock { $0 }
        var pricer = current.bidder.pricer
        if let currencies { pricer.currencies = currencies }
        let next = Self.snapshot(
            campaigns: campaigns,
            pricer: pricer,
            audiences: current.audiences,
            ledger: ledger
        )
        snapshot.withLock { $0 = next }
    }

    public func replaceAudiences(_ audiences: AudienceBook) {
        snapshot.withLock { $0 = $0.replacingAudiences(audiences) }
    }

    public var campaigns: [Campaign] { snapshot.withLock { $0.bidder.index.campaigns } }

    /// Decides on one validated request at the current wall-clock time.
    /// - Parameter personalData: the privacy decision for `request`; when denied, the user's
    ///   audiences and frequency counts are neither looked up nor recorded.
    public func decide(_ request: OpenRTB.BidRequest, personalData: PersonalDataPermission) -> BidDecision {
        let now = wallClock()
        let current = snapshot.withLock { $0 }
        let user = personalData.isPermitted ? request.userKey : nil
        let context = BidContext(
            audiences: current.audiences.audiences(of: user),
            cappedCampaigns: user.map { frequency.cappedCampaigns(for: $0, caps: current.caps, at: now) } ?? [],
            pacing: current.dailyBudgets.isEmpty ? [:] : pacer.multipliers,
            personalData: personalData
        )
        let decision = current.respond(to: request, at: now, on: Self.day(now), context: context)
        if let user, !current.caps.isEmpty, !decision.reservations.isEmpty {
            usersByBid.withLock { users in
                for reservation in decision.reservations where current.caps[reservation.campaign] != nil {
                    users.insert(user, for: reservation.id, at: now)
                }
            }
        }
        return decision
    }

    /// A win or billing notice was persisted: the bid's reservation becomes spend.
    func commit(bidID: String, campaign: String, cost: Micros, on day: CalendarDay) {
        guard let id = UInt64(bidID), ledger.commit(reservationID: id, clearingPrice: cost) != nil else {
            // A bid from before a restart, or whose reservation expired: the spend still happened.
            ledger.recordSpend(cost, for: campaign, on: day)
            return
        }
        if let user = usersByBid.withLock({ $0.removeValue(forKey: id) }) {
            frequency.record(user: user, campaign: campaign, at: wallClock())
        }
    }

    func release(bidID: String) {
        guard let id = UInt64(bidID) else { return }
        ledger.release(reservationID: id)
        usersByBid.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// Periodic upkeep: gives back reservations whose outcome never came, takes a pacing step and
    /// forgets frequency data older than any cap.
    /// - Parameter reservationTimeout: how long a bid's money stays set aside without a notice.
    public func housekeeping(reservationTimeout: Int64) {
        let now = wallClock()
        let current = snapshot.withLock { $0 }
        _ = ledger.releaseExpired(before: now - reservationTimeout)
        while usersByBid.withLock({ $0.forgetBatch(before: now - reservationTimeout) }) {}
        pacer.update(dailyBudgets: current.dailyBudgets, ledger: ledger, at: now)
        let longestCap = current.caps.values.map(\.seconds).max() ?? 0
        frequency.forget(before: now - longestCap)
    }

    func pacing() -> [CampaignPacing] {
        let current = snapshot.withLock { $0 }
        let today = Self.day(wallClock())
        let rates = pacer.multipliers
        return current.campaignIDs.map { campaign in
            let status = ledger.status(of: campaign, on: today)
            return CampaignPacing(
                campaign: campaign,
                spent: status?.spentToday ?? .zero,
                budget: status?.budget.daily,
                pacingRate: rates[campaign] ?? 1
            )
        }
    }

    /// The UTC day of `unixTime`, the day spend is booked on (as ``SpendLedger`` defines it).
    static func day(_ unixTime: Int64) -> CalendarDay {
        CalendarDay(rawValue: Int32(unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400))
    }
}

/// The user of each open bid on a frequency-capped campaign, forgotten with the bid's reservation.
/// Like ``BudgetLedger``'s reservations, entries expire oldest first in small batches, so the
/// sweep never holds the lock bids take for longer than one batch.
struct BidUsers {
    private var users: [UInt64: String] = [:]
    private var expiry = ExpiryQueue()

    mutating func insert(_ user: String, for bidID: UInt64, at time: Int64) {
        users[bidID] = user
        expiry.append(bidID, createdAt: time)
    }

    mutating func removeValue(forKey bidID: UInt64) -> String? { users.removeValue(forKey: bidID) }

    /// Forgets one batch of the bids made before `time`; `true` while more may remain.
    mutating func forgetBatch(before time: Int64) -> Bool {
        let expired = expiry.takeExpired(before: time, limit: Self.batch)
        for id in expired { users[id] = nil }
        return expired.count == Self.batch
    }

    private static let batch = 256
}

/// ``BidResponder`` over a ``CampaignBidder``: what `gavel serve` answers bids with.
public struct CampaignResponder: BidResponder {
    public let bidder: CampaignBidder

    public init(bidder: CampaignBidder) { self.bidder = bidder }

    /// ``CampaignBidder`` reads only what GavelRTB's ``Bidder`` reads.
    public var requestScope: OpenRTBDecoder.Scope { .bidding }

    public func respond(
        to request: OpenRTB.BidRequest,
        personalData: PersonalDataPermission,
        deadline: ContinuousClock.Instant
    ) -> OpenRTB.BidResponse {
        let decision = bidder.decide(request, personalData: personalData)
        if let reason = decision.noBidReason { return .noBid(id: request.id, reason: reason) }
        return decision.response
    }
}

/// ``SpendLedger`` over a ``CampaignBidder``'s ``BudgetLedger``: notices settle reservations,
/// persisted spend is restored at start-up.
public struct CampaignSpendLedger: SpendLedger {
    public let bidder: CampaignBidder

    public init(bidder: CampaignBidder) { self.bidder = bidder }

    public func restore(_ spend: [CampaignDaySpend]) {
        for entry in spend { bidder.ledger.recordSpend(entry.spent, for: entry.campaign, on: entry.day) }
    }

    public func commit(bidID: String, campaign: String, cost: Micros, on day: CalendarDay) {
        bidder.commit(bidID: bidID, campaign: campaign, cost: cost, on: day)
    }

    public func release(bidID: String, campaign: String) {
        bidder.release(bidID: bidID)
    }

    public func pacing() -> [CampaignPacing] { bidder.pacing() }
}
