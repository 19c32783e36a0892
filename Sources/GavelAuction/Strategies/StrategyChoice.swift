/// The strategies by name, as a plain value a scenario (or a `Simulations/*.yaml` file) can hold.
public enum StrategyChoice: BidStrategy, Hashable {
    case fixed(FixedBid)
    case truthful
    case linear(LinearBid)
    case mcpc(McpcBid)
    case ortb(ORTBBid)
    case perKeyword(KeywordBids)

    public func bid(for opportunity: Opportunity) -> Double {
        switch self {
        case .fixed(let strategy): strategy.bid(for: opportunity)
        case .truthful: TruthfulBid().bid(for: opportunity)
        case .linear(let strategy): strategy.bid(for: opportunity)
        case .mcpc(let strategy): strategy.bid(for: opportunity)
        case .ortb(let strategy): strategy.bid(for: opportunity)
        case .perKeyword(let strategy): strategy.bid(for: opportunity)
        }
    }
}
