public import GavelCore

/// Which keywords a rule set bids. Every list that is given must match (an empty list matches everything);
/// within a list, any entry may match.
public struct RuleScope: Hashable, Sendable {
    public var accounts: [GlobPattern] = []
    public var campaigns: [GlobPattern] = []
    public var adGroups: [GlobPattern] = []
    /// The keyword must carry at least one of these labels (case is ignored).
    public var labels: [String] = []
    /// Patterns over the keyword text (without match-type punctuation).
    public var keywordTexts: [GlobPattern] = []
    public var matchTypes: Set<MatchType> = []

    public init() {}

    public func applies(to identity: borrowing KeywordIdentity, labels keywordLabels: [String]) -> Bool {
        guard matchTypes.isEmpty || matchTypes.contains(identity.matchType) else { return false }
        guard Self.any(accounts, identity.account), Self.any(campaigns, identity.campaign),
            Self.any(adGroups, identity.adGroup), Self.any(keywordTexts, identity.text)
        else { return false }
        guard !labels.isEmpty else { return true }
        return keywordLabels.contains { label in labels.contains { $0.lowercased() == label.lowercased() } }
    }

    private static func any(_ patterns: [GlobPattern], _ subject: String) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(subject) }
    }
}
