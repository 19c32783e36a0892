import GavelCore

/// Readable, unique names for every level of the account tree, built from word lists by index.
///
/// Names are a pure function of the placement, so any worker can name any keyword without a
/// lookup table, and the same keyword gets the same name in every run.
enum MarketNames {
    static let accounts = [
        "Demo Shop", "Outdoor Outfitters", "City Style", "Urban Closet", "Trail & Peak", "Nordic Wear", "Sunny Feet",
        "Metro Bags", "Classic Threads", "Fit Factory",
    ]
    static let categories = [
        "Shoes", "Boots", "Sneakers", "Sandals", "Jackets", "Coats", "Dresses", "Shirts", "Jeans", "Bags",
        "Backpacks", "Watches", "Sunglasses", "Hats", "Socks", "Gloves", "Scarves", "Belts", "Wallets", "Jewellery",
    ]
    static let adGroupAttributes = [
        "Running", "Women's", "Men's", "Kids'", "Leather", "Waterproof", "Vegan", "Designer", "Vintage", "Sport",
        "Winter", "Summer", "Wide Fit", "Slim", "Classic", "Premium", "Budget", "Outdoor", "Travel", "Wedding",
        "Party", "Work", "Casual", "Hiking", "Organic",
    ]
    static let competitors = ["stepco", "walkwell", "zappo", "urbanfox", "peakline", "modista"]
    // Keyword texts combine one word from each list; the lists share no words, so texts are unique.
    static let prefixes = ["", "buy", "cheap", "best", "shop", "order", "discount", "new"]
    static let modifiers = [
        "", "black", "white", "red", "blue", "brown", "grey", "green", "size 8", "size 10", "xl", "2026",
    ]
    static let suffixes = [
        "", "online", "sale", "near me", "uk", "free delivery", "for men", "for women", "reviews", "deals", "outlet",
        "store",
    ]
    static let textCombinations = prefixes.count * modifiers.count * suffixes.count
    /// Coprime with `textCombinations` (1152 = 2⁷·3²), so `k ↦ k·stride + offset` permutes the combinations.
    static let textStride = 385

    static func account(_ index: Int) -> String {
        let name = accounts[index % accounts.count]
        return index < accounts.count ? name : "\(name) \(index / accounts.count + 1)"
    }

    static func campaignKind(_ placement: KeywordPlacement) -> CampaignKind {
        CampaignKind.allCases[placement.campaignInAccount % CampaignKind.allCases.count]
    }

    /// Each account cycles its own window of categories, four campaign kinds per category.
    static func category(_ placement: KeywordPlacement) -> String {
        let kinds = CampaignKind.allCases.count
        return categories[(placement.campaignInAccount / kinds + placement.account * 5) % categories.count]
    }

    static func campaign(_ placement: KeywordPlacement) -> String {
        let name = "\(category(placement)) - \(campaignKind(placement).rawValue)"
        let distinct = categories.count * CampaignKind.allCases.count
        return placement.campaignInAccount < distinct ? name : "\(name) \(placement.campaignInAccount / distinct + 1)"
    }

    static func adGroupAttribute(_ placement: KeywordPlacement) -> String {
        adGroupAttributes[placement.adGroupInCampaign % adGroupAttributes.count]
    }

    static func adGroup(_ placement: KeywordPlacement) -> String {
        let name = "\(adGroupAttribute(placement)) \(category(placement))"
        let index = placement.adGroupInCampaign
        return index < adGroupAttributes.count ? name : "\(name) \(index / adGroupAttributes.count + 1)"
    }

    static func keywordText(_ placement: KeywordPlacement) -> String {
        let noun = "\(adGroupAttribute(placement)) \(category(placement))".lowercased()
        let base: String =
            switch campaignKind(placement) {
            case .brand: "\(account(placement.account).lowercased()) \(noun)"
            case .competitor: "\(competitors[placement.adGroup % competitors.count]) \(noun)"
            case .generic, .longTail: noun
            }
        let k = placement.keywordInAdGroup
        let scrambled = (k % textCombinations * textStride + placement.adGroup * 97) % textCombinations
        let prefix = prefixes[scrambled % prefixes.count]
        let modifier = modifiers[scrambled / prefixes.count % modifiers.count]
        let suffix = suffixes[scrambled / (prefixes.count * modifiers.count)]
        var words = [prefix, modifier, base, suffix].filter { !$0.isEmpty }
        if k >= textCombinations { words.append(String(k / textCombinations + 1)) }
        return words.joined(separator: " ")
    }

    static func identity(_ placement: KeywordPlacement, matchType: MatchType) -> KeywordIdentity {
        KeywordIdentity(
            account: account(placement.account),
            campaign: campaign(placement),
            adGroup: adGroup(placement),
            text: keywordText(placement),
            matchType: matchType
        )
    }
}

/// What a campaign is for; it shifts the priors the way real accounts differ.
enum CampaignKind: String, CaseIterable {
    case generic = "Generic"
    case brand = "Brand"
    case competitor = "Competitor"
    case longTail = "Long Tail"

    /// Brand traffic converts and clicks far better and is cheap; competitor terms the opposite.
    var conversionRateMultiplier: Double {
        switch self {
        case .generic: 1
        case .brand: 2.5
        case .competitor: 0.5
        case .longTail: 1.3
        }
    }

    var clickThroughRateMultiplier: Double {
        switch self {
        case .generic: 1
        case .brand: 2.5
        case .competitor: 0.6
        case .longTail: 1
        }
    }

    var competitorBidMultiplier: Double {
        switch self {
        case .generic: 1
        case .brand: 0.35
        case .competitor: 1.2
        case .longTail: 0.7
        }
    }
}
