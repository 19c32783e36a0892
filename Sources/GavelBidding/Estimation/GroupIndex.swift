import GavelCore

/// Dense integer ids for accounts, campaigns and ad groups, so pooling sums into arrays instead of hashing names
/// for every day of every keyword. Names are hashed once per keyword, when it is registered.
struct GroupIndex {
    private struct CampaignKey: Hashable {
        var account: String
        var campaign: String
    }

    private struct AdGroupKey: Hashable {
        var account: String
        var campaign: String
        var adGroup: String
    }

    private var accounts: [String: Int32] = [:]
    private var campaigns: [CampaignKey: Int32] = [:]
    private var adGroups: [AdGroupKey: Int32] = [:]
    private(set) var accountOfCampaign: [Int32] = []
    private(set) var campaignOfAdGroup: [Int32] = []
    private(set) var campaignNames: [(account: String, campaign: String)] = []
    private(set) var adGroupNames: [String] = []

    var accountCount: Int { accounts.count }
    var campaignCount: Int { accountOfCampaign.count }
    var adGroupCount: Int { campaignOfAdGroup.count }

    /// The last ad group looked up: keywords usually come ad group by ad group, so most look-ups compare three
    /// strings instead of hashing them.
    private var lastAdGroup: (key: AdGroupKey, id: Int32)?

    /// The ad group's id, registering it (and its campaign and account) on first sight.
    mutating func adGroup(of identity: borrowing KeywordIdentity) -> Int32 {
        if let lastAdGroup, lastAdGroup.key.adGroup == identity.adGroup, lastAdGroup.key.campaign == identity.campaign,
            lastAdGroup.key.account == identity.account
        {
            return lastAdGroup.id
        }
        let key = AdGroupKey(account: identity.account, campaign: identity.campaign, adGroup: identity.adGroup)
        if let id = adGroups[key] {
            lastAdGroup = (key, id)
            return id
        }
        let campaign = campaignID(account: identity.account, campaign: identity.campaign)
        let id = Int32(campaignOfAdGroup.count)
        adGroups[key] = id
        campaignOfAdGroup.append(campaign)
        adGroupNames.append(identity.adGroup)
        lastAdGroup = (key, id)
        return id
    }

    private mutating func campaignID(account: String, campaign: String) -> Int32 {
        let key = CampaignKey(account: account, campaign: campaign)
        if let id = campaigns[key] { return id }
        let accountID: Int32
        if let existing = accounts[account] {
            accountID = existing
        } else {
            accountID = Int32(accounts.count)
            accounts[account] = accountID
        }
        let id = Int32(accountOfCampaign.count)
        campaigns[key] = id
        accountOfCampaign.append(accountID)
        campaignNames.append((account, campaign))
        return id
    }
}
