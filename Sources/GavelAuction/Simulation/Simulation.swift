public import GavelCore

/// One simulated campaign: a market, a strategy, a pacer, optional first-price shading and a budget,
/// run for a number of auctions.
///
/// Per auction: strategy bid → pacer → shader → capped by the budget left → market → pacer learns the
/// spend. The budget is a hard cap (a bid never exceeds what is left), as an ad server enforces it.
/// Random streams for the market, the ties and the pacer are split from one seed, so changing the
/// pacer does not change which auctions the market draws.
public struct Simulation<M: Market, S: BidStrategy, P: Pacer>: Sendable {
    public var market: M
    public var strategy: S
    public var pacer: P
    public var shader: BidShader?
    public var budget: Micros?
    public var auctions: Int

    public init(market: M, strategy: S, pacer: P, shader: BidShader? = nil, budget: Micros? = nil, auctions: Int) {
        self.market = market
        self.strategy = strategy
        self.pacer = pacer
        self.shader = shader
        self.budget = budget
        self.auctions = auctions
    }

    public func run(seed: UInt64) -> SimulationMetrics {
        var marketRandom = SeededRandom(seed: seed, stream: 1)
        var outcomeRandom = SeededRandom(seed: seed, stream: 2)
        var pacerRandom = SeededRandom(seed: seed, stream: 3)
        var ties = TieBreaker(seed: seed)
        var pacer = self.pacer
        var metrics = SimulationMetrics()
        metrics.auctions = auctions
        for _ in 0..<auctions {
            let auction = market.next(using: &marketRandom)
            var bid = pacer.pace(strategy.bid(for: market.opportunity(of: auction)), random: &pacerRandom)
            if let shader { bid = shader.shade(value: bid) }
            if let budget { bid = min(bid, (budget - metrics.cost).units) }
            let order = ties.nextRound()
            guard bid > 0 else {
                pacer.record(spend: 0)
                continue
            }
            metrics.bids += 1
            let result = market.resolve(auction, bid: bid, order: order, random: &outcomeRandom)
            let charged = Micros(rounding: result.cost)
            metrics.add(result, charged: charged)
            pacer.record(spend: result.cost)
        }
        return metrics
    }
}
