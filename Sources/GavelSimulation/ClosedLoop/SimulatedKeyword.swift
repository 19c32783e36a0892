public import GavelCore

/// One keyword of a simulated account: the names and state the nightly bid job sees, and the truth the auctions
/// are drawn from.
///
/// A closed loop needs both halves. The bid engine plans by ``KeywordIdentity`` (its scope, and the pooling of
/// sparse keywords with their ad group and campaign, hang on the names), while the simulated auctions run on the
/// truth the engine never sees.
public struct SimulatedKeyword: Hashable, Sendable {
    public var identity: KeywordIdentity
    /// The keyword's state when the simulation starts; `maxCPC` is its starting bid.
    public var attributes: KeywordAttributes
    public var truth: SearchKeywordTruth

    public init(identity: KeywordIdentity, attributes: KeywordAttributes, truth: SearchKeywordTruth) {
        self.identity = identity
        self.attributes = attributes
        self.truth = truth
    }
}
