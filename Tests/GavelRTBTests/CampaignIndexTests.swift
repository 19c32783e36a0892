import GavelCore
import GavelRTB
import PropertyBased
import Testing

@Suite struct CampaignIndexTests {
    /// Wednesday 2026-11-25 12:00 UTC: hour of week 2 × 24 + 12 = 60.
    private let noonWednesday: Int64 = 1_795_608_000

    private func banner(
        _ id: String,
        size: AdSize = AdSize(w: 300, h: 250),
        domains: [String] = ["shop.example"],
        categories: [String] = [],
        attributes: [Int] = []
    ) -> Creative {
        Creative(
            id: id,
            mediaType: .banner,
            size: size,
            advertiserDomains: domains,
            categories: categories,
            attributes: attributes
        )
    }

    private func campaign(
        _ id: String,
        _ configure: (inout Targeting) -> Void = { _ in },
        creatives: [Creative]? = nil,
        seat: String = ""
    ) -> Campaign {
        var targeting = Targeting()
        configure(&targeting)
        return Campaign(
            id: id,
            seat: seat,
            targeting: targeting,
            creatives: creatives ?? [banner("\(id)-cr")],
            pricing: PricingRule(strategy: .fixedCPM(Micros(1_000_000)), maxBid: Micros(5_000_000))
        )
    }

    private func matchedIDs(_ campaigns: [Campaign], _ fixture: String, at time: Int64? = nil) throws -> [String] {
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request(fixture))
        let index = CampaignIndex(campaigns: campaigns)
        return index.matches(for: request, at: time ?? noonWednesday).map { index.campaigns[$0.campaignIndex].id }
    }

    @Test func hourOfWeek() {
        #expect(CampaignIndex.hourOfWeek(unixTime: 0) == 3 * 24, "1970-01-01 00:00 was a Thursday")
        #expect(CampaignIndex.hourOfWeek(unixTime: noonWednesday) == 60)
        #expect(CampaignIndex.hourOfWeek(unixTime: noonWednesday + 4 * 86_400 + 11 * 3600 + 3599) == 167)
        #expect(CampaignIndex.hourOfWeek(unixTime: -1) == 3 * 24 - 1)
    }

    @Test func requestLevelTargeting() throws {
        // iab26-simple-banner: site www.foobar.com, cat IAB3-1, banner 300x250, no device.
        let campaigns = [
            campaign("any"),
            campaign("domain") { $0.siteDomains = ["FooBar.com"] },
            campaign("other-domain") { $0.siteDomains = ["news.example"] },
            campaign("blocks-domain") { $0.blockedSiteDomains = ["www.foobar.com"] },
            campaign("app-only") { $0.appBundles = ["12345"] },
            campaign("category") { $0.contentCategories = ["IAB3-1", "IAB12"] },
            campaign("blocks-category") { $0.blockedContentCategories = ["IAB3-1"] },
            campaign("country") { $0.countries = ["usa"] },
            campaign("hours-now") { $0.hoursOfWeek = [60] },
            campaign("hours-later") { $0.hoursOfWeek = [61] },
            campaign("video-only") { $0.mediaTypes = [.video] },
            campaign("size") { $0.sizes = [AdSize(w: 300, h: 250)] },
            campaign("other-size") { $0.sizes = [AdSize(w: 728, h: 90)] },
        ]
        #expect(
            try matchedIDs(campaigns, "iab26-simple-banner.json") == ["any", "domain", "category", "hours-now", "size"]
        )
    }

    @Test func deviceTargetingAndLocalTime() throws {
        // gavel-26-privacy-formats: Android phone (devicetype 4) in DEU, utcoffset +60 minutes,
        // wseat ["seat-a"].
        let campaigns = [
            campaign("android", { $0.operatingSystems = ["Android"] }, seat: "seat-a"),
            campaign("ios", { $0.operatingSystems = ["iOS"] }, seat: "seat-a"),
            campaign(
                "phone-in-germany",
                {
                    $0.deviceTypes = [4]
                    $0.countries = ["DEU"]
                },
                seat: "seat-a"
            ),
            campaign("ctv", { $0.deviceTypes = [3] }, seat: "seat-a"),
            campaign("local-13h", { $0.hoursOfWeek = [61] }, seat: "seat-a"),
            campaign("local-12h", { $0.hoursOfWeek = [60] }, seat: "seat-a"),
            campaign("unlisted-seat", seat: "seat-b"),
        ]
        let ids = try matchedIDs(campaigns, "gavel-26-privacy-formats.json")
        // Each campaign's 300x250 banner fits neither imp (728x90 / 970x250 banner, audio), so
        // give them fitting creatives before checking targeting.
        #expect(ids.isEmpty)
        let fitting = campaigns.map { campaign -> Campaign in
            var copy = campaign
            copy.creatives = [banner("\(campaign.id)-cr", size: AdSize(w: 728, h: 90))]
            return copy
        }
        #expect(
            try matchedIDs(fitting, "gavel-26-privacy-formats.json") == ["android", "phone-in-germany", "local-13h"]
        )
    }

    @Test func creativesAreCheckedAgainstBlockLists() throws {
        // iab26-mobile-app: bcat IAB25, IAB7-39, …; badv apple.com, …; banner 728x90 battr [14].
        let size = AdSize(w: 728, h: 90)
        let campaigns = [
            campaign("clean", creatives: [banner("ok", size: size)]),
            campaign("blocked-adv", creatives: [banner("a", size: size, domains: ["www.apple.com"])]),
            campaign("blocked-cat", creatives: [banner("c", size: size, categories: ["IAB25-3"])]),
            campaign("blocked-attr", creatives: [banner("t", size: size, attributes: [14])]),
            campaign("wrong-size", creatives: [banner("w")]),
            campaign(
                "second-creative-fits",
                creatives: [banner("a", size: size, domains: ["apple.com"]), banner("b", size: size)]
            ),
        ]
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request("iab26-mobile-app.json"))
        let index = CampaignIndex(campaigns: campaigns)
        let matches = index.matches(for: request, at: noonWednesday)
        #expect(matches.map { index.campaigns[$0.campaignIndex].id } == ["clean", "second-creative-fits"])
        #expect(matches.map(\.creativeIndex) == [0, 1])
    }

    @Test func dealsAndPrivateAuctions() throws {
        // iab26-pmp-direct-deal: private auction with deals AB-Agency1-0001 (wseat Agency1) and
        // XY-Agency2-0001 (wseat Agency2).
        let campaigns = [
            campaign("open-only"),
            campaign("deal-a", { $0.dealIDs = ["AB-Agency1-0001"] }, seat: "Agency1"),
            campaign("deal-a-wrong-seat", { $0.dealIDs = ["AB-Agency1-0001"] }, seat: "Agency2"),
            campaign(
                "deal-b",
                {
                    $0.dealIDs = ["XY-Agency2-0001"]
                    $0.openAuction = false
                },
                seat: "Agency2"
            ),
            campaign("other-deal", { $0.dealIDs = ["nope"] }, seat: "Agency1"),
        ]
        let request = try OpenRTBDecoder.decodeBidRequest(Fixtures.request("iab26-pmp-direct-deal.json"))
        let index = CampaignIndex(campaigns: campaigns)
        let matches = index.matches(for: request, at: noonWednesday)
        #expect(matches.map { index.campaigns[$0.campaignIndex].id } == ["deal-a", "deal-b"])
        #expect(matches.map { $0.deal(in: request)?.id } == ["AB-Agency1-0001", "XY-Agency2-0001"])
        #expect(matches.map(\.dealIndex) == [0, 1])
    }

    @Test func seatsAllowedAndBlocked() throws {
        // bsm-native-placeholder: wseat 771, 772; bseat 800, 773; one native imp.
        let native = Creative(id: "n", mediaType: .native, advertiserDomains: ["shop.example"])
        let campaigns = ["771", "772", "800", ""].map { campaign("seat-\($0)", creatives: [native], seat: $0) }
        #expect(try matchedIDs(campaigns, "bsm-native-placeholder.json") == ["seat-771", "seat-772"])
    }

    /// The index finds exactly what checking every campaign one by one finds.
    @Test func agreesWithAScanOfEveryCampaign() async throws {
        let requests = try Fixtures.requestNames().filter { !$0.contains("ortb30") }
            .map { try OpenRTBDecoder.decodeBidRequest(Fixtures.request($0)) }
        await propertyCheck(count: 40, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 0...167)) { seed, hour in
            let campaigns = SyntheticCampaigns.generate(count: 300, seed: seed)
            let index = CampaignIndex(campaigns: campaigns)
            let time = noonWednesday + Int64(hour - 60) * 3600
            var found = 0
            for request in requests {
                let matches = index.matches(for: request, at: time)
                #expect(matches == ReferenceMatcher.scan(campaigns, request, at: time))
                found += matches.count
            }
            #expect(found > 0, "the comparison should not be between two empty lists")
        }
    }
}

extension CampaignIndexTests {
    /// Matching reuses one scratch per thread: indexes of different sizes used in turn on the same
    /// thread still find exactly what the scan finds.
    @Test func scratchIsReusedAcrossIndexes() throws {
        let requests = try Fixtures.requestNames().filter { !$0.contains("ortb30") }
            .map { try OpenRTBDecoder.decodeBidRequest(Fixtures.request($0)) }
        let sets = [300, 7, 130].map { SyntheticCampaigns.generate(count: $0, seed: UInt64($0)) }
        let indexes = sets.map { CampaignIndex(campaigns: $0) }
        var found = 0
        for round in 0..<3 {
            for (number, request) in requests.enumerated() {
                let which = (number + round) % sets.count
                let matches = indexes[which].matches(for: request, at: 1_795_608_000)
                #expect(matches == ReferenceMatcher.scan(sets[which], request, at: 1_795_608_000))
                found += matches.count
            }
        }
        #expect(found > 0, "the comparison should not be between two empty lists")
    }
}

/// Campaign matching written the slow, obvious way: every campaign, every rule.
private enum ReferenceMatcher {
    static func scan(_ campaigns: [Campaign], _ request: OpenRTB.BidRequest, at time: Int64) -> [CampaignMatch] {
        var result: [CampaignMatch] = []
        for (impIndex, imp) in request.imp.enumerated() {
            for (position, campaign) in campaigns.enumerated() {
                guard requestMatches(campaign, request, at: time), let deal = deal(campaign, imp) else { continue }
                guard let creative = campaign.creatives.firstIndex(where: { fits($0, imp, request, deal.deal) }) else {
                    continue
                }
                let offered = Set(impSizes(imp))
                if let sizes = campaign.targeting.sizes, !offered.isEmpty, offered.isDisjoint(with: sizes) { continue }
                if let types = campaign.targeting.mediaTypes, types.isDisjoint(with: mediaTypes(imp)) { continue }
                result.append(
                    CampaignMatch(
                        impIndex: impIndex,
                        campaignIndex: position,
                        creativeIndex: creative,
                        dealIndex: deal.index
                    )
                )
            }
        }
        return result
    }

    private static func requestMatches(_ campaign: Campaign, _ request: OpenRTB.BidRequest, at time: Int64) -> Bool {
        let targeting = campaign.targeting
        let geo = request.device?.geo ?? request.user?.geo
        func allows<T>(_ allowed: Set<T>?, _ value: T?) -> Bool {
            allowed.map { set in value.map(set.contains) ?? false } ?? true
        }
        let country = geo?.country?.uppercased()
        guard allows(targeting.countries.map { Set($0.map { $0.uppercased() }) }, country) else { return false }
        guard allows(targeting.deviceTypes, request.device?.deviceType) else { return false }
        guard
            allows(targeting.operatingSystems.map { Set($0.map { $0.lowercased() }) }, request.device?.os?.lowercased())
        else { return false }
        let domain = request.site?.domain.map(Normalized.domain)
        guard allows(targeting.siteDomains.map { Set($0.map(Normalized.domain)) }, domain) else { return false }
        if let domain, targeting.blockedSiteDomains.map(Normalized.domain).contains(domain) { return false }
        let bundle = request.app?.bundle.map(Normalized.domain)
        guard allows(targeting.appBundles.map { Set($0.map(Normalized.domain)) }, bundle) else { return false }
        if let bundle, targeting.blockedAppBundles.map(Normalized.domain).contains(bundle) { return false }
        let categories = Set(
            (request.site?.cat ?? []) + (request.site?.sectionCat ?? []) + (request.site?.pageCat ?? [])
                + (request.app?.cat ?? []) + (request.app?.sectionCat ?? []) + (request.app?.pageCat ?? [])
        )
        if let wanted = targeting.contentCategories, wanted.isDisjoint(with: categories) { return false }
        if !targeting.blockedContentCategories.isDisjoint(with: categories) { return false }
        if let wseat = request.wseat, !wseat.isEmpty, !wseat.contains(campaign.seat) { return false }
        if request.bseat?.contains(campaign.seat) == true { return false }
        let hour = CampaignIndex.hourOfWeek(unixTime: time + Int64(geo?.utcOffset ?? 0) * 60)
        return allows(targeting.hoursOfWeek, hour)
    }

    private struct Choice {
        var deal: OpenRTB.Deal?
        var index: Int?
    }

    private static func deal(_ campaign: Campaign, _ imp: OpenRTB.Imp) -> Choice? {
        for (index, deal) in (imp.pmp?.deals ?? []).enumerated() where campaign.targeting.dealIDs.contains(deal.id) {
            if deal.wseat == nil || deal.wseat!.contains(campaign.seat) { return Choice(deal: deal, index: index) }
        }
        return campaign.targeting.openAuction && imp.pmp?.privateAuction != 1 ? Choice(deal: nil, index: nil) : nil
    }

    private static func impSizes(_ imp: OpenRTB.Imp) -> [AdSize] {
        guard let banner = imp.banner else { return [] }
        var sizes = (banner.format ?? []).compactMap { format in
            format.w.flatMap { w in format.h.map { AdSize(w: w, h: $0) } }
        }
        if let w = banner.w, let h = banner.h { sizes.append(AdSize(w: w, h: h)) }
        return sizes
    }

    private static func mediaTypes(_ imp: OpenRTB.Imp) -> Set<MediaType> {
        var types = Set<MediaType>()
        if imp.banner != nil { types.insert(.banner) }
        if imp.video != nil { types.insert(.video) }
        if imp.audio != nil { types.insert(.audio) }
        if imp.native != nil { types.insert(.native) }
        return types
    }

    private static func fits(
        _ creative: Creative,
        _ imp: OpenRTB.Imp,
        _ request: OpenRTB.BidRequest,
        _ deal: OpenRTB.Deal?
    ) -> Bool {
        guard mediaTypes(imp).contains(creative.mediaType) else { return false }
        let battr: [Int]
        switch creative.mediaType {
        case .banner:
            let sizes = impSizes(imp)
            if let size = creative.size, !sizes.isEmpty, !sizes.contains(size) { return false }
            battr = imp.banner?.battr ?? []
        case .video: battr = imp.video?.battr ?? []
        case .audio: battr = imp.audio?.battr ?? []
        case .native: battr = imp.native?.battr ?? []
        }
        if creative.attributes.contains(where: battr.contains) { return false }
        for category in creative.categories {
            for blocked in request.bcat ?? [] where category == blocked || category.hasPrefix(blocked + "-") {
                return false
            }
        }
        let badv = Set((request.badv ?? []).map(Normalized.domain))
        if creative.advertiserDomains.contains(where: { badv.contains(Normalized.domain($0)) }) { return false }
        if let bundle = creative.bundle, request.bapp?.contains(bundle) == true { return false }
        if let allowed = deal?.wadomain.map({ Set($0.map(Normalized.domain)) }),
            !creative.advertiserDomains.map(Normalized.domain).contains(where: allowed.contains)
        {
            return false
        }
        return true
    }
}
