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
    /// Bid changes during the warm-up, as the account's manager made them before Gavel took over; `nil`: the
    /// warm-up holds the starting bids, and the first night's landscapes see one bid per keyword.
    public var warmupBidChanges: WarmupBidChanges?

    /// Every `every` warm-up days each keyword's bid moves to its starting bid × a log-normal factor of σ `spread`,
    /// drawn from a stream of its own, so the auctions' draws of a warm-up without changes stay as they were.
    public struct WarmupBidChanges: Hashable, Sendable {
        public var every: Int
        public var spread: Double

        public init(every: Int, spread: Double) {
            precondition(every > 0 && spread >= 0, "bids change every day or less often, by a spread ≥ 0")
            self.every = every
            self.spread = spread
        }
    }

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
        bidSimulator: BidSimulatorSetup? = nil,
        warmupBidChanges: WarmupBidChanges? = nil
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
        self.warmupBidChanges = warmupBidChanges
    }

    /// Runs the loop once; the same seed gives the same result.
    public func run(seed: UInt64) -> ClosedLoopResult {
        var account = Account(self, seed: seed)
        let job = NightlyJob(bidder: bidder, force: force, keywords: keywords)
        // The auction the bid simulator replays logged searches in, when there is one.
        let replayed = bidSimulator == nil ? nil : account.market.auction
        var counted: [ClosedLoopTotals] = []
        counted.reserveCapacity(days)
        var nights = 0
        var refused = 0
        var plans: [SpendBrake.PlannedDay] = []
        for day in 0..<(warmupDays + days) {
            let date = firstDay.advanced(by: day)
            if day >= warmupDays, day > 0, let job {
                nights += 1
                if !job.rebid(
                    &account.loops, night: day - 1, asOf: date.advanced(by: -1), plans: &plans, simulator: replayed)
                {
                    refused += 1
                }
            }
            let totals = account.run(day: day, date: date)
            if day >= warmupDays { counted.append(totals) }
        }
        let loops = account.loops
        return ClosedLoopResult(
            firstDay: firstDay.advanced(by: warmupDays),
            days: counted,
            finalBids: loops.map(\.bid),
            nights: nights,
            refusedNights: refused
        )
    }
}

extension ClosedLoopSimulation {
    /// What the account's reports hold on the night after the warm-up, as the first night's job reads them: each
    /// keyword's history and bids, in ``keywords``' order, with the bid simulator's replay of the last days when the
    /// loop has one. For plans made once on that history and judged on the market's truth
    /// (`PortfolioAuctionEvidenceTests`) rather than run day after day.
    public func warmupHistory(seed: UInt64) -> [PortfolioKeyword] {
        precondition(warmupDays > 0, "a history needs warm-up days")
        var account = Account(self, seed: seed)
        for day in 0..<warmupDays { _ = account.run(day: day, date: firstDay.advanced(by: day)) }
        let night = warmupDays - 1
        let lastDay = firstDay.advanced(by: night)
        let replayed = bidSimulator == nil ? nil : account.market.auction
        return keywords.indices.map { index in
            PortfolioKeyword(
                history: account.loops[index].history(of: keywords[index], night: night),
                bids: account.loops[index].bidChanges,
                simulation: replayed.flatMap {
                    account.loops[index].simulation(night: night, lastDay: lastDay, auction: $0)
                })
        }
    }

    /// The simulated account day by day: its market, its keywords' loops and the warm-up's bid changes.
    private struct Account {
        let market: SearchMarket
        var loops: [KeywordLoop]
        private let simulation: ClosedLoopSimulation
        private let lag: ConversionLagDraw
        private let topSlots: Int
        private var warmupChanges: SeededRandom

        init(_ simulation: ClosedLoopSimulation, seed: UInt64) {
            self.simulation = simulation
            market = simulation.setup.market(
                simulation.keywords.map(\.truth), aggressiveness: simulation.aggressiveness)
            lag = ConversionLagDraw(meanDays: simulation.conversionLagMeanDays)
            topSlots = (market.auction.slotCount + 1) / 2
            loops = simulation.keywords.indices.map { [market] index in
                KeywordLoop(
                    keyword: market.keywords[index],
                    bid: simulation.keywords[index].attributes.maxCPC ?? .zero,
                    firstDay: simulation.firstDay,
                    random: SeededRandom(seed: seed, stream: UInt64(index)),
                    bidSimulator: simulation.bidSimulator
                )
            }
            // Past the keywords' streams (0 ..< count).
            warmupChanges = SeededRandom(seed: seed, stream: UInt64(simulation.keywords.count))
        }

        /// Runs day `day` at the bids in force (moved first on a warm-up change day) and returns its true outcome.
        mutating func run(day: Int, date: CalendarDay) -> ClosedLoopTotals {
            if let changes = simulation.warmupBidChanges, day > 0, day < simulation.warmupDays,
                day.isMultiple(of: changes.every)
            {
                let factor = Distribution.logNormal(mu: 0, sigma: changes.spread)
                for index in loops.indices {
                    let start = simulation.keywords[index].attributes.maxCPC ?? .zero
                    // Whole cents, as a platform takes them, and at least one.
                    let cents = (start.units * factor.sample(using: &warmupChanges) * 100).rounded()
                    loops[index].rebid(Micros(rounding: max(cents, 1) / 100), from: day, date: date)
                }
            }
            var totals = ClosedLoopTotals()
            for index in loops.indices {
                totals += loops[index].run(
                    day: day, date: date, auction: market.auction, topSlots: topSlots, lag: lag)
            }
            return totals
        }
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
        let histories = keywords.indices.map { loops[$0].history(of: keywords[$0], night: night) }
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
