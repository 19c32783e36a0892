public import GavelCore

/// The markets by kind, as a plain value a scenario can hold.
public enum MarketChoice: Hashable, Sendable {
    case display(DisplayMarket)
    case search(SearchMarket)
}

/// Everything one simulation point needs, as a value: the unit a sweep runner builds from a
/// `Simulations/*.yaml` grid point and maps to ``SimulationMetrics``.
public struct Scenario: Hashable, Sendable {
    public var market: MarketChoice
    public var strategy: StrategyChoice
    public var pacing: PacingChoice
    /// First-price shading against this market-price model (`nil` = bid the paced value).
    public var shader: BidShader?
    public var budget: Micros?
    public var auctions: Int
    public var seed: UInt64

    public init(
        market: MarketChoice,
        strategy: StrategyChoice,
        pacing: PacingChoice = .none,
        shader: BidShader? = nil,
        budget: Micros? = nil,
        auctions: Int,
        seed: UInt64
    ) {
        self.market = market
        self.strategy = strategy
        self.pacing = pacing
        self.shader = shader
        self.budget = budget
        self.auctions = auctions
        self.seed = seed
    }

    /// Runs the scenario once with its seed.
    public func run() -> SimulationMetrics { run(seed: seed) }

    /// Runs the scenario with another seed (used by ``repeated(_:)``).
    public func run(seed: UInt64) -> SimulationMetrics {
        switch market {
        case .display(let display): run(display, seed: seed)
        case .search(let search): run(search, seed: seed)
        }
    }

    /// Runs the scenario `count` times on independent seeds derived from ``seed`` and summarises.
    public func repeated(_ count: Int, confidence: Double = 0.95) -> MetricsSummary {
        MetricsSummary(Repetition.seeds(count: count, base: seed).map { run(seed: $0) }, confidence: confidence)
    }

    /// ρ: the budget spread evenly over the auctions (unbounded without a budget).
    private var targetSpendPerAuction: Double {
        guard let budget, auctions > 0 else { return .infinity }
        return budget.units / Double(auctions)
    }

    private func run<M: Market>(_ market: M, seed: UInt64) -> SimulationMetrics {
        let rho = targetSpendPerAuction
        switch pacing {
        case .none:
            return simulate(market, NoPacing(), seed: seed)
        case .throttling(let step):
            return simulate(market, ThrottlingPacer(targetSpendPerAuction: rho, step: step), seed: seed)
        case .multiplicative(let step, let update):
            let pacer = MultiplicativePacer(targetSpendPerAuction: rho, step: step, update: update)
            return simulate(market, pacer, seed: seed)
        case .pid(let gains, let interval):
            let pacer = PIDPacer(targetSpendPerAuction: rho, gains: gains, interval: interval)
            return simulate(market, pacer, seed: seed)
        }
    }

    private func simulate<M: Market, P: Pacer>(_ market: M, _ pacer: P, seed: UInt64) -> SimulationMetrics {
        Simulation(
            market: market,
            strategy: strategy,
            pacer: pacer,
            shader: shader,
            budget: budget,
            auctions: auctions
        ).run(seed: seed)
    }
}
