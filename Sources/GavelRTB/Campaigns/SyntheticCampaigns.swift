import GavelCore

/// Seeded random campaigns over a small vocabulary of real-looking values, for benchmarks,
/// demos and tests that need thousands of line items whose targeting overlaps the corpus.
public enum SyntheticCampaigns {
    public static let countries = ["USA", "DEU", "GBR", "FRA", "NLD", "ESP"]
    public static let operatingSystems = ["ios", "android", "os x", "windows"]
    public static let siteDomains = ["foobar.com", "siteabcd.com", "news.example", "mysite.foo.com", "sport.example"]
    public static let appBundles = ["12345", "com.example.game", "com.news.reader"]
    public static let categories = ["IAB1", "IAB2-2", "IAB3-1", "IAB12", "IAB15", "IAB19"]
    public static let sizes = [
        AdSize(w: 300, h: 250), AdSize(w: 728, h: 90), AdSize(w: 970, h: 250), AdSize(w: 640, h: 480),
    ]
    public static let dealIDs = ["AB-Agency1-0001", "XY-Agency2-0001", "1452f.eadb4.7aaa", "deal1", "deal-eur"]
    public static let seats = ["", "seat1", "Agency1", "Agency2"]
    public static let advertisers = ["shop.example", "badguy", "apple.com", "cars.example", "goodadv1"]

    public static func generate(count: Int, seed: UInt64) -> [Campaign] {
        (0..<count).map { index in
            var random = SeededRandom(seed: seed, stream: UInt64(index))
            return campaign(index: index, random: &random)
        }
    }

    private static func campaign(index: Int, random: inout SeededRandom) -> Campaign {
        var targeting = Targeting()
        targeting.countries = maybeSubset(of: countries, &random)
        targeting.deviceTypes = maybeSubset(of: Array(1...7), &random)
        targeting.operatingSystems = maybeSubset(of: operatingSystems, &random)
        targeting.siteDomains = chance(0.15, &random) ? subset(of: siteDomains, &random) : nil
        targeting.appBundles = chance(0.1, &random) ? subset(of: appBundles, &random) : nil
        if chance(0.1, &random) { targeting.blockedSiteDomains = subset(of: siteDomains, &random) }
        targeting.contentCategories = maybeSubset(of: categories, &random)
        if chance(0.1, &random) { targeting.blockedContentCategories = subset(of: categories, &random) }
        targeting.mediaTypes = maybeSubset(of: MediaType.allCases, &random)
        targeting.sizes = maybeSubset(of: sizes, &random)
        if chance(0.2, &random) {
            targeting.dealIDs = subset(of: dealIDs, &random)
            targeting.openAuction = chance(0.5, &random)
        }
        if chance(0.3, &random) {
            let start = Int(random.next() % 168)
            targeting.hoursOfWeek = Set((0..<(24 + Int(random.next() % 120))).map { (start + $0) % 168 })
        }
        let creatives = (0..<(1 + Int(random.next() % 3))).map { number in
            Creative(
                id: "c\(index)-\(number)",
                mediaType: pick(MediaType.allCases, &random),
                size: chance(0.8, &random) ? pick(sizes, &random) : nil,
                advertiserDomains: [pick(advertisers, &random)],
                categories: chance(0.5, &random) ? [pick(["IAB11-4", "IAB22", "IAB25", "IAB3"], &random)] : [],
                attributes: chance(0.3, &random) ? [Int(random.next() % 17) + 1] : [],
                markup: "<a href=\"https://ads.example/\(index)\">ad</a>"
            )
        }
        let pricing: PricingRule
        switch random.next() % 3 {
        case 0:
            pricing = PricingRule(
                strategy: .fixedCPM(Micros(Int64(random.next() % 5_000_000))),
                maxBid: Micros(10_000_000)
            )
        case 1:
            pricing = PricingRule(
                strategy: .targetCPC(Micros(Int64(random.next() % 2_000_000))),
                maxBid: Micros(8_000_000)
            )
        default:
            pricing = PricingRule(
                strategy: .targetCPA(Micros(Int64(random.next() % 50_000_000))),
                maxBid: Micros(12_000_000),
                conversionRate: 0.02
            )
        }
        return Campaign(
            id: "campaign-\(index)",
            seat: pick(seats, &random),
            targeting: targeting,
            creatives: creatives,
            pricing: pricing
        )
    }

    private static func chance(_ probability: Double, _ random: inout SeededRandom) -> Bool {
        random.nextUnit() < probability
    }

    private static func pick<T>(_ values: [T], _ random: inout SeededRandom) -> T {
        values[Int(random.next() % UInt64(values.count))]
    }

    /// A non-empty random subset.
    private static func subset<T: Hashable>(of values: [T], _ random: inout SeededRandom) -> Set<T> {
        var result = Set(values.filter { _ in chance(0.4, &random) })
        if result.isEmpty { result.insert(pick(values, &random)) }
        return result
    }

    /// Half the time no restriction, else a subset.
    private static func maybeSubset<T: Hashable>(of values: [T], _ random: inout SeededRandom) -> Set<T>? {
        chance(0.5, &random) ? nil : subset(of: values, &random)
    }
}
