import GavelCore
import Yams

/// Campaigns (line items) as written in `Rules/rtb/*.yaml`: one campaign per file, or several
/// under `campaigns:`. The format is documented in `Rules/rtb/README.md`.
///
/// Parsing is all-or-nothing per file and pure (the caller reads the file), so a server can
/// parse a changed directory off the hot path and keep its old campaigns when any file is bad.
public enum CampaignFile {
    /// - Parameter fileName: used in error messages, `fileName:line:column: reason`.
    /// - Throws: ``CampaignFileError`` for YAML syntax, unknown keys and bad values.
    public static func parse(yaml: String, fileName: String) throws(CampaignFileError) -> [Campaign] {
        let root = try YAMLReader.root(of: yaml, fileName: fileName, what: "the campaign file")
        if let list = root.mapping?["campaigns"] {
            _ = try YAMLReader(root, fileName: fileName, section: "the file", allowed: ["campaigns"])
            guard let items = list.sequence else {
                throw YAMLReader.error(list, fileName: fileName, "'campaigns' must be a list")
            }
            var campaigns: [Campaign] = []
            for item in items { campaigns.append(try campaign(item, fileName: fileName)) }
            return campaigns
        }
        return [try campaign(root, fileName: fileName)]
    }

    /// Checks what only the whole set can show: campaign ids must be unique across files.
    /// - Parameter files: each file's name and campaigns, in load order.
    public static func combine(_ files: [(fileName: String, campaigns: [Campaign])]) throws(CampaignFileError)
        -> [Campaign]
    {
        var seen: [String: String] = [:]
        var result: [Campaign] = []
        for (fileName, campaigns) in files {
            for campaign in campaigns {
                if let first = seen[campaign.id] {
                    throw CampaignFileError(
                        fileName: fileName,
                        reason: "campaign id '\(campaign.id)' is also declared in \(first)"
                    )
                }
                seen[campaign.id] = fileName
                result.append(campaign)
            }
        }
        return result
    }

    private static func campaign(_ node: Node, fileName: String) throws(CampaignFileError) -> Campaign {
        let fields = try YAMLReader(
            node,
            fileName: fileName,
            section: "a campaign",
            allowed: ["id", "seat", "currency", "goal", "budget", "frequency_cap", "targeting", "creatives"]
        )
        let id = try fields.requiredString("id", in: "a campaign")
        let currency = try fields.string("currency") ?? "USD"
        guard currency.count == 3, currency.allSatisfy(\.isLetter) else {
            throw fields.error(try fields.scalar("currency")!.node, "'currency' must be an ISO-4217 code such as USD")
        }
        guard let goalNode = fields.mapping["goal"] else { throw fields.error(node, "campaign '\(id)' needs a 'goal'") }
        let pricing = try goal(goalNode, currency: currency, fileName: fileName)
        let creativesNode = fields.mapping["creatives"]
        guard let creativeItems = creativesNode?.sequence, !creativeItems.isEmpty else {
            throw fields.error(creativesNode ?? node, "campaign '\(id)' needs a non-empty list of 'creatives'")
        }
        let targetingNode = fields.mapping["targeting"]
        var creatives: [Creative] = []
        for item in creativeItems { creatives.append(try creative(item, fileName: fileName)) }
        return Campaign(
            id: id,
            seat: try fields.string("seat") ?? "",
            targeting: try targetingNode.map { node throws(CampaignFileError) in try targeting(node, fileName: fileName) }
                ?? Targeting(),
            creatives: creatives,
            pricing: pricing,
            budget: try budget(fields),
            frequencyCap: try frequencyCap(fields)
        )
    }

    private static func goal(_ node: Node, currency: String, fileName: String) throws(CampaignFileError)
        -> PricingRule
    {
        let fields = try YAMLReader(
            node,
            fileName: fileName,
            section: "'goal'",
            allowed: ["fixed_cpm", "target_cpc", "target_cpa", "max_bid", "conversion_rate"]
        )
        let strategies: [BidStrategy] = [
            try fields.money("fixed_cpm").map(BidStrategy.fixedCPM),
            try fields.money("target_cpc").map(BidStrategy.targetCPC),
            try fields.money("target_cpa").map(BidStrategy.targetCPA),
        ].compactMap { $0 }
        guard strategies.count == 1, let strategy = strategies.first else {
            throw fields.error(node, "'goal' needs exactly one of fixed_cpm, target_cpc, target_cpa")
        }
        let maxBid: Micros
        if let given = try fields.money("max_bid") {
            maxBid = given
        } else if case .fixedCPM(let cpm) = strategy {
            maxBid = cpm
        } else {
            throw fields.error(node, "'goal' with a target CPC or CPA needs 'max_bid' (the highest CPM to bid)")
        }
        return PricingRule(
            strategy: strategy,
            maxBid: maxBid,
            currency: currency,
            conversionRate: try fields.number("conversion_rate", in: 0...1) ?? 0
        )
    }

    private static func budget(_ fields: YAMLReader) throws(CampaignFileError) -> Budget {
        guard let section = try fields.section("budget", allowed: ["daily", "total"]) else { return Budget() }
        return Budget(daily: try section.money("daily"), total: try section.money("total"))
    }

    private static func frequencyCap(_ fields: YAMLReader) throws(CampaignFileError) -> FrequencyCap? {
        guard let section = try fields.section("frequency_cap", allowed: ["impressions", "per"]) else { return nil }
        guard let impressions = try section.int("impressions", in: 1...1_000_000) else {
            throw section.error(section.node, "'frequency_cap' needs 'impressions'")
        }
        guard let (text, node) = try section.scalar("per"), let seconds = duration(text) else {
            throw section.error(
                section.mapping["per"] ?? section.node,
                "'frequency_cap' needs 'per', a duration such as 30m, 24h or 7d"
            )
        }
        _ = node
        return FrequencyCap(impressions: impressions, seconds: seconds)
    }

    /// `90s`, `30m`, `24h`, `7d` in seconds.
    static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount > 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        default: return nil
        }
    }

    private static let deviceTypes: [String: Int] = [
        "mobile": 1, "desktop": 2, "pc": 2, "ctv": 3, "tv": 3, "phone": 4, "tablet": 5, "connected_device": 6,
        "set_top_box": 7, "oohdevice": 8,
    ]

    private static func targeting(_ node: Node, fileName: String) throws(CampaignFileError) -> Targeting {
        let fields = try YAMLReader(
            node,
            fileName: fileName,
            section: "'targeting'",
            allowed: [
                "countries", "regions", "device_types", "os", "site_domains", "blocked_site_domains", "app_bundles",
                "blocked_app_bundles", "categories", "blocked_categories", "media_types", "sizes", "deals",
                "open_auction", "day_parting", "segments", "audiences", "coppa",
            ]
        )
        var targeting = Targeting()
        if let countries = try fields.strings("countries") {
            var codes: Set<String> = []
            for (text, node) in countries {
                guard text.count == 3, text.allSatisfy(\.isLetter) else {
                    throw fields.error(node, "countries are ISO-3166-1 alpha-3 codes such as USA, not '\(text)'")
                }
                codes.insert(Normalized.country(text))
            }
            targeting.countries = codes
        }
        targeting.regions = try fields.stringSet("regions").map { Set($0.map { $0.uppercased() }) }
        if let types = try fields.strings("device_types") {
            var numbers: Set<Int> = []
            for (text, node) in types {
                guard let number = Int(text).flatMap({ (1...8).contains($0) ? $0 : nil }) ?? deviceTypes[text.lowercased()]
                else {
                    let known = deviceTypes.keys.sorted().joined(separator: ", ")
                    throw fields.error(node, "unknown device type '\(text)' (AdCOM 1...8 or one of \(known))")
                }
                numbers.insert(number)
            }
            targeting.deviceTypes = numbers
        }
        targeting.operatingSystems = try fields.stringSet("os").map { Set($0.map(Normalized.operatingSystem)) }
        targeting.siteDomains = try fields.stringSet("site_domains")
        targeting.blockedSiteDomains = try fields.stringSet("blocked_site_domains") ?? []
        targeting.appBundles = try fields.stringSet("app_bundles")
        targeting.blockedAppBundles = try fields.stringSet("blocked_app_bundles") ?? []
        targeting.contentCategories = try fields.stringSet("categories")
        targeting.blockedContentCategories = try fields.stringSet("blocked_categories") ?? []
        if let types = try fields.strings("media_types") {
            var mediaTypes: Set<MediaType> = []
            for (text, node) in types { mediaTypes.insert(try mediaType(text, node, fields)) }
            targeting.mediaTypes = mediaTypes
        }
        if let sizes = try fields.strings("sizes") {
            var adSizes: Set<AdSize> = []
            for (text, node) in sizes { adSizes.insert(try size(text, node, fields)) }
            targeting.sizes = adSizes
        }
        targeting.dealIDs = try fields.stringSet("deals") ?? []
        targeting.openAuction = try fields.bool("open_auction") ?? true
        if let parting = fields.mapping["day_parting"] {
            try dayParting(parting, into: &targeting, fileName: fileName)
        }
        targeting.segments = try audienceRule(fields, "segments")
        targeting.audiences = try audienceRule(fields, "audiences")
        if let (text, node) = try fields.scalar("coppa") {
            switch text.lowercased() {
            case "allow": targeting.excludesChildDirected = false
            case "exclude": targeting.excludesChildDirected = true
            default:
                throw fields.error(node, "'coppa' must be allow or exclude (child-directed requests), not '\(text)'")
            }
        }
        return targeting
    }

    private static func audienceRule(_ fields: YAMLReader, _ key: String) throws(CampaignFileError) -> AudienceRule {
        guard let section = try fields.section(key, allowed: ["any", "none"]) else { return AudienceRule() }
        return AudienceRule(anyOf: try section.stringSet("any"), noneOf: try section.stringSet("none") ?? [])
    }

    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `time_zone` (IANA name, or `user` for the user's local time from `device.geo.utcoffset`),
    /// `days` (mon…sun, default all) and `hours` (`"08-20"` = 08:00 to 19:59, default all day).
    private static func dayParting(_ node: Node, into targeting: inout Targeting, fileName: String)
        throws(CampaignFileError)
    {
        let fields = try YAMLReader(
            node,
            fileName: fileName,
            section: "'day_parting'",
            allowed: ["time_zone", "days", "hours"]
        )
        var days: [Int] = Array(0..<7)
        if let named = try fields.strings("days") {
            days = []
            for (text, node) in named {
                guard let day = weekdays.firstIndex(of: String(text.lowercased().prefix(3))) else {
                    throw fields.error(node, "days are mon, tue, wed, thu, fri, sat, sun, not '\(text)'")
                }
                days.append(day)
            }
        }
        var hours: Set<Int> = Set(0..<24)
        if let ranges = try fields.strings("hours") {
            hours = []
            for (text, node) in ranges {
                let parts = text.split(separator: "-")
                guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]), 0 <= start, start < end,
                    end <= 24
                else { throw fields.error(node, "hours are ranges such as \"08-20\" (08:00 to 19:59), not '\(text)'") }
                hours.formUnion(start..<end)
            }
        }
        let hoursOfWeek = Set(days.flatMap { day in hours.map { day * 24 + $0 } })
        let zone = try fields.string("time_zone") ?? "UTC"
        if zone.lowercased() == "user" {
            targeting.hoursOfWeek = hoursOfWeek
        } else {
            guard TimeZoneCheck.isKnown(zone) else {
                throw fields.error(fields.mapping["time_zone"]!, "unknown time zone '\(zone)' (IANA names such as Europe/Paris)")
            }
            targeting.schedule = DayParting(hoursOfWeek: hoursOfWeek, timeZone: zone)
        }
    }

    private static func mediaType(_ text: String, _ node: Node, _ fields: YAMLReader) throws(CampaignFileError)
        -> MediaType
    {
        switch text.lowercased() {
        case "banner": return .banner
        case "video": return .video
        case "audio": return .audio
        case "native": return .native
        default: throw fields.error(node, "media types are banner, video, audio, native, not '\(text)'")
        }
    }

    private static func size(_ text: String, _ node: Node, _ fields: YAMLReader) throws(CampaignFileError) -> AdSize {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else {
            throw fields.error(node, "sizes are written WIDTHxHEIGHT such as 300x250, not '\(text)'")
        }
        return AdSize(w: w, h: h)
    }

    private static func creative(_ node: Node, fileName: String) throws(CampaignFileError) -> Creative {
        let fields = try YAMLReader(
            node,
            fileName: fileName,
            section: "a creative",
            allowed: ["id", "format", "size", "markup", "adomain", "categories", "attributes", "bundle", "duration"]
        )
        let id = try fields.requiredString("id", in: "a creative")
        var type = MediaType.banner
        if let (text, node) = try fields.scalar("format") { type = try mediaType(text, node, fields) }
        var adSize: AdSize?
        if let (text, node) = try fields.scalar("size") { adSize = try size(text, node, fields) }
        guard let markup = try fields.string("markup"), !markup.isEmpty else {
            throw fields.error(node, "creative '\(id)' needs 'markup' (the ad returned in adm)")
        }
        let duration = try fields.int("duration", in: 1...3_600)
        if duration != nil, type != .video, type != .audio {
            throw fields.error(node, "creative '\(id)' has a 'duration', which only video and audio ads have")
        }
        var attributes: [Int] = []
        for (text, node) in try fields.strings("attributes") ?? [] {
            guard let value = Int(text), value > 0 else {
                throw fields.error(node, "attributes are AdCOM creative attribute numbers, not '\(text)'")
            }
            attributes.append(value)
        }
        return Creative(
            id: id,
            mediaType: type,
            size: adSize,
            advertiserDomains: try fields.strings("adomain")?.map(\.text) ?? [],
            categories: try fields.strings("categories")?.map(\.text) ?? [],
            attributes: attributes,
            bundle: try fields.string("bundle"),
            markup: markup,
            duration: duration
        )
    }
}
