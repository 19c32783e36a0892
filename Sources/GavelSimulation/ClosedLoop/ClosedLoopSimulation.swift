import GavelAuction
public import GavelBidding
public import GavelCore

/// Who sets the bids each simulated night.
public enum ClosedLoopBidder: Sendable {
    /// Nobody: the starting bids stay. The baseline a re-bidding strategy is judged against.
    case hold
    /// The nightly rule-based job: ``BidEngine`` with this rule set, on the simulated history.
    case rules(RuleSet)
    /// The portfolio job: ``PortfolioPlanner`` with this rule set (scope, limits, rules) and objective.
    case portfolio(RuleSet, PortfolioObjective)
}

/// A search account run day by day with Gavel re-bidding it every night: the same code as the nightly job, fed
/// the simulated history instead of imported reports, so its feedback on its own bids is part of the result.
///
/// Each day every keyword gets Poisson(query volume) searches; each search is a position auction (GSP or VCG with
/// quality scores, ``SearchAuctionSetup``) against freshly drawn rival bids at the keyword's current bid. The day
/// becomes one report row per keyword (impressions, clicks, cost, top and absolute-top rates, impression share),
/// and conversions join their click's row only once their geometric reporting lag has passed, as in a real
/// report. Each night the bidder plans on everything reported so far and its new bids run the next day.
///
/// The warm-up days run at the starting bids and are not counted: they are the account's history before Gavel
/// takes over, so the first night already has data to bid on.
public struct ClosedLoopSimulation: Sendable {
    public var keywords: [SimulatedKeyword]
    public var setup: SearchAuctionSetup
    /// Multiplies every rival's bid.
    public var aggressiveness: Double
    public var bidder: ClosedLoopBidder
    /// Apply plans the portfolio stop refuses, as `gavel bid --force` does; otherwise a refused night keeps every bid.
    public var force: Bool
    /// The first warm-up day.
    public var firstDay: CalendarDay
    public var warmupDays: Int
    /// Simulated (counted) days after the warm-up.
    public var days: Int
    /// Mean days between a click and the report showing its conversion.
    public var conversionLagMeanDays: Double
    /// The platform's bid simulator, whose points the portfolio job bids on (``BidSimulation``); `nil`: none, the
    /// portfolio fits its landscapes from the history alone. The rules job never reads it.
    public var bidSimulator: BidSimulatorSetup?

    public init(
        keywords: [SimulatedKeyword],
        setup: SearchAuctionSetup = SearchAuctionSetup(),
        aggressiveness: Double = 1,
        bidder: ClosedLoopBidder,
        force: Bool = false,
        firstDay: CalendarDay,
        warmupDays: Int = 0,
        days: Int,
        conversionLagMeanDays: Double = 0,
        bidSimulator: BidSimulatorSetup? = nil
    ) {
        precondition(!keywords.isEmpty && days > 0 && warmupDays >= 0, "need keywords and at least one day")
        self.keywords = keywords
        self.setup = setup
        self.aggressiveness = aggressiveness
        self.bidder = bidder
        self.force = force
        self.firstDay = firstDay
        self.warmupDays = warmupDays
        self.days = days
        self.conversionLagMeanDays = conversionLagMeanDays
        self.bidSimulator = bidSimulator
    }

    /// Runs the loop once; the same seed gives the same result.
    public func run(seed: UInt64) -> ClosedLoopResult {
        let market = setup.market(keywords.map(\.truth), aggressiveness: aggressiveness)
        let lag = ConversionLagDraw(meanDays: conversionLagMeanDays)
        let topSlots = (market.auction.slotCount + 1) / 2
        var loops = keywords.indices.map { index in
            KeywordLoop(
                keyword: market.keywords[index],
                bid: keywords[index].attributes.maxCPC ?? .zero,
                firstDay: firstDay,
                random: SeededRandom(seed: seed, stream: UInt64(index)),
                bidSimulator: bidSimulator
            )
        }
        let job = NightlyJob(bidder: bidder, force: force, keywords: keywords)
        // The auction the bid simulator replays logged searches in, when there is one.
        let replayed = bidSimulator == nil ? nil : market.auction
        var counted: [ClosedLoopTotals] = []
        counted.reserveCapacity(days)
        var nights = 0
        var refused = 0
        var plans: [SpendBrake.PlannedDay] = []
        for day in 0..<(warmupDays + days) {
            let date = firstDay.advanced(by: day)
            if day >= warmupDays, day > 0, let job {
                nights += 1
                if !job.rebid(&loops, night: day - 1, asOf: date.advanced(by: -1), plans: &plans, simulator: replayed) {
                    refused += 1
                }
            }
            var totals = ClosedLoopTotals()
            for index in loops.indices {
                totals += loops[index].run(
                    day: day, date: date, auction: market.auction, topSlots: topSlots, lag: lag)
            }
            if day >= warmupDays { counted.append(totals) }
        }
        return ClosedLoopResult(
            firstDay: firstDay.advanced(by: warmupDays),
            days: counted,
            finalBids: loops.map(\.bid),
            nights: nights,
            refusedNights: refused
        )
    }
}

/// The bid job as it runs each simulated night: the reported history in, the plan's new bids out.
private struct NightlyJob {
    let ruleSet: RuleSet
    let objective: PortfolioObjective?
    let force: Bool
    let keywords: [SimulatedKeyword]
    /// The keywords in the rule set's scope, in order: the plan's decisions follow them one to one.
    let members: [Int]

    /// `nil` for a bidder that never re-bids.
    init?(bidder: ClosedLoopBidder, force: Bool, keywords: [SimulatedKeyword]) {
        switch bidder {
        case .hold: return nil
        case .rules(let ruleSet): (self.ruleSet, self.objective) = (ruleSet, nil)
        case .portfolio(let ruleSet, let objective): (self.ruleSet, self.objective) = (ruleSet, objective)
        }
        let ruleSet = self.ruleSet
        self.force = force
        self.keywords = keywords
        self.members = keywords.indices.filter { ruleSet.applies(to: keywords[$0].identity, labels: []) }
    }

    /// Plans on the history reported by the night after day `night` and sets the bids of the next day.
    /// - Parameters:
    ///   - plans: What the nights' plans forecast for the days they bid, as stored runs keep it for
    ///     ``SpendBrake``; tonight's is appended when its bids are applied.
    ///   - simulator: The auction the bid simulator replays the logged searches in; `nil`: no simulator.
    /// - Returns: `false` when the portfolio stop refused the plan (every bid stays).
    func rebid(
        _ loops: inout [KeywordLoop], night: Int, asOf: CalendarDay, plans: inout [SpendBrake.PlannedDay],
        simulator: PositionAuction?
    ) -> Bool {
        let histories = keywords.indices.map { index in
            var attributes = keywords[index].attributes
            attributes.maxCPC = loops[index].bid
            return KeywordHistory(
                identity: keywords[index].identity,
                attributes: attributes,
                daily: loops[index].points,
                daysSinceBidChange: loops[index].daysSinceBidChange(night: night)
            )
        }
        let plan: BidPlan
        if let objective {
            let portfolio = zip(histories, loops).map { history, loop in
                PortfolioKeyword(
                    history: history, bids: loop.bidChanges,
                    simulation: simulator.flatMap { loop.simulation(night: night, lastDay: asOf, auction: $0) })
            }
            plan = PortfolioPlanner(ruleSet: ruleSet, asOf: asOf, objective: objective)
                .plan(portfolio, force: force, recentPlans: plans).plan
        } else {
            plan = BidEngine(ruleSet: ruleSet, asOf: asOf).plan(histories, force: force)
        }
        guard !plan.isRefused else { return false }
        let tomorrow = asOf.advanced(by: 1)
        if objective != nil { plans.append(SpendBrake.PlannedDay(day: tomorrow, cost: plan.summary.forecast.cost)) }
        for (decision, index) in zip(plan.decisions, members) {
            assert(decision.identity == keywords[index].identity, "the plan's decisions follow the scope's keywords")
            if let newBid = decision.newBid { loops[index].rebid(newBid, from: night + 1, date: tomorrow) }
        }
        return true
    }
}
