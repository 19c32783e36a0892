public import GavelCore
public import GavelRTB

/// The bidder's brain as the HTTP layer sees it: a valid request in, a response out.
///
/// The server owns the wire (size limits, gzip, decoding and validation with GavelRTB's
/// ``BidRequestValidator``, deadlines, notice URLs, status codes); the responder owns the
/// decision. Keeping the seam this narrow lets the engine be tested without sockets and the
/// server be tested with a stand-in engine.
public protocol BidResponder: Sendable {
    /// Decides on one validated request.
    ///
    /// - Parameters:
    ///   - request: A request that passed ``BidRequestValidator``.
    ///   - personalData: What the server's ``PrivacyPolicy`` (``ServerConfiguration/tcfVendorID``)
    ///     decided from the request's privacy signals. When it is denied, the engine must treat
    ///     the user as anonymous: no user ids, no segments, nothing looked up or counted by user.
    ///     Decided once by the server, so a consent string is decoded once per request and the
    ///     decision is counted on `/metrics` whatever engine answers.
    ///   - deadline: When the answer must be on its way. An engine with optional work (more
    ///     candidates, finer shading) should stop at the deadline; the server turns an answer
    ///     that arrives later into a no-bid with *insufficient auction time*, never a late bid.
    /// - Returns: Bids in `seatBid`, each with its campaign in `cid` (the win notice charges
    ///   that campaign), or no seat bids and the reason in `nbr`. The server fills in `nurl`,
    ///   `burl` and `lurl`, overwriting any the engine set.
    func respond(
        to request: OpenRTB.BidRequest,
        personalData: PersonalDataPermission,
        deadline: ContinuousClock.Instant
    ) -> OpenRTB.BidResponse

    /// How much of each request the server decodes for ``respond(to:deadline:)``. An engine
    /// that reads only what GavelRTB's bidder reads answers ``OpenRTBDecoder/Scope/bidding``
    /// and saves the allocations of every member it would ignore.
    var requestScope: OpenRTBDecoder.Scope { get }
}

extension BidResponder {
    /// The whole request, since a responder may read any member.
    public var requestScope: OpenRTBDecoder.Scope { .complete }
}

/// Where notice outcomes go so budgets and pacing see them: GavelRTB's `BudgetLedger`, adapted
/// (the adapter maps a bid id to the reservation the engine made when it bid).
///
/// The server persists spend itself (``SpendStore``) and is the source of truth across
/// restarts; the ledger is the in-memory view the engine paces with. Each method is called at
/// most once per bid and notice kind: replays never reach it.
public protocol SpendLedger: Sendable {
    /// Called once at start-up with the spend persisted so far, before any request is served.
    func restore(_ spend: [CampaignDaySpend])
    /// A charged notice was persisted.
    /// - Parameters:
    ///   - cost: What the impression cost: the clearing CPM's `costPerImpression`.
    ///   - day: The UTC day the notice arrived, the day the spend is booked on.
    func commit(bidID: String, campaign: String, cost: Micros, on day: CalendarDay)
    /// A loss notice was persisted: the bid will never be charged, its reservation can go back.
    func release(bidID: String, campaign: String)
    /// The state `/metrics` publishes for each campaign.
    func pacing() -> [CampaignPacing]
}

/// Confirmed spend of one campaign on one UTC day, as persisted.
public struct CampaignDaySpend: Hashable, Sendable {
    public var campaign: String
    public var day: CalendarDay
    public var spent: Micros
    public var impressions: Int64

    public init(campaign: String, day: CalendarDay, spent: Micros, impressions: Int64) {
        self.campaign = campaign
        self.day = day
        self.spent = spent
        self.impressions = impressions
    }
}

/// One campaign's budget position, as published on `/metrics`.
public struct CampaignPacing: Hashable, Sendable {
    public var campaign: String
    public var spent: Micros
    /// The budget of the current pacing period, when the campaign has one.
    public var budget: Micros?
    /// The engine's current throttle or bid multiplier, 0…1 (1 = not held back).
    public var pacingRate: Double

    public init(campaign: String, spent: Micros, budget: Micros?, pacingRate: Double) {
        self.campaign = campaign
        self.spent = spent
        self.budget = budget
        self.pacingRate = pacingRate
    }
}
