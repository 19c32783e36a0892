public import GavelAuction

/// What one grid point runs: a simulated campaign, a strategy replayed on a log, or a simulated account re-bid
/// every night by Gavel's own bid job.
public enum PointJob: Sendable {
    case simulation(Scenario)
    case replay(ReplayJob)
    case closedLoop(ClosedLoopSimulation)

    /// One repetition with `seed`.
    public func run(seed: UInt64) -> RunMetrics {
        switch self {
        case .simulation(let scenario): RunMetrics(scenario.run(seed: seed))
        case .replay(let job): RunMetrics(job.run(seed: seed))
        case .closedLoop(let simulation): simulation.run(seed: seed).totals.metrics
        }
    }

    /// Whether every seed gives the same result, so one run has an exact interval.
    public var isDeterministic: Bool {
        switch self {
        case .simulation, .closedLoop: false
        case .replay(let job): !job.pacing.isRandom
        }
    }
}

/// A strategy and pacer replayed on a log under its rules.
public struct ReplayJob: Sendable {
    public var replay: Replay
    public var strategy: StrategyChoice
    public var pacing: PacingSetting

    public init(replay: Replay, strategy: StrategyChoice, pacing: PacingSetting) {
        self.replay = replay
        self.strategy = strategy
        self.pacing = pacing
    }

    /// The pacer aims at the period budget spread over the period (an episode, or the whole log).
    public func run(seed: UInt64) -> ReplayMetrics {
        let rules = replay.rules
        let period = rules.budgetScope == .perEpisode ? rules.episodeLength : max(replay.log.auctions.count, 1)
        let rho = Double(rules.budget(for: period, statistics: replay.statistics)) / Double(period)
        let pacer = pacing.choice(targetSpendPerAuction: rho).pacer(targetSpendPerAuction: rho)
        return replay.run(strategy: strategy, pacer: pacer, seed: seed)
    }
}
