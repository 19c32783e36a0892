import Foundation
import GavelCore
import GavelRTB
import Testing

/// `Rules/rtb/*.yaml` → ``Campaign``: every key, and errors located at the offending node.
@Suite struct CampaignFileTests {
    private let full = """
        id: spring-sale
        seat: Agency1
        currency: eur
        goal:
          target_cpa: 40.00
          max_bid: 12.50
          conversion_rate: 0.03
        budget:
          daily: 100
          total: 2500.00
        frequency_cap:
          impressions: 3
          per: 24h
        targeting:
          countries: [usa, DEU]
          regions: [ny]
          device_types: [phone, 2]
          os: [iOS]
          site_domains: [news.example]
          blocked_app_bundles: [com.casino]
          categories: [IAB3]
          blocked_categories: [IAB25]
          media_types: [banner, video]
          sizes: [300x250]
          deals: [deal-1]
          open_auction: false
          day_parting:
            time_zone: America/New_York
            days: [mon, fri]
            hours: ["07-09", "20-21"]
          segments:
            any: [data1/seg1]
          audiences:
            none: [recent-buyers]
        creatives:
          - id: c1
            format: video
            markup: "<VAST/>"
            adomain: [shop.example]
            categories: [IAB22]
            attributes: [16]
          - id: c2
            size: 300x250
            markup: "<a>ad</a>"
        """

    @Test func readsEveryKey() throws {
        let campaigns = try CampaignFile.parse(yaml: full, fileName: "spring.yaml")
        let campaign = try #require(campaigns.first)
        #expect(campaigns.count == 1)
        #expect(campaign.id == "spring-sale")
        #expect(campaign.seat == "Agency1")
        #expect(campaign.pricing.strategy == .targetCPA(Micros(40_000_000)))
        #expect(campaign.pricing.maxBid == Micros(12_500_000))
        #expect(campaign.pricing.currency == "EUR")
        #expect(campaign.pricing.conversionRate == 0.03)
        #expect(campaign.budget == Budget(daily: Micros(100_000_000), total: Micros(2_500_000_000)))
        #expect(campaign.frequencyCap == FrequencyCap(impressions: 3, seconds: 86_400))
        let targeting = campaign.targeting
        #expect(targeting.countries == ["USA", "DEU"])
        #expect(targeting.regions == ["NY"])
        #expect(targeting.deviceTypes == [4, 2])
        #expect(targeting.operatingSystems == ["ios"])
        #expect(targeting.siteDomains == ["news.example"])
        #expect(targeting.blockedAppBundles == ["com.casino"])
        #expect(targeting.contentCategories == ["IAB3"])
        #expect(targeting.blockedContentCategories == ["IAB25"])
        #expect(targeting.mediaTypes == [.banner, .video])
        #expect(targeting.sizes == [AdSize(w: 300, h: 250)])
        #expect(targeting.dealIDs == ["deal-1"])
        #expect(targeting.openAuction == false)
        // Monday 07:00, 08:00, 20:00 and Friday (day 4) the same: 6 hours of the week.
        #expect(targeting.schedule == DayParting(hoursOfWeek: [7, 8, 20, 103, 104, 116], timeZone: "America/New_York"))
        #expect(targeting.hoursOfWeek == nil)
        #expect(targeting.segments == AudienceRule(anyOf: ["data1/seg1"]))
        #expect(targeting.audiences == AudienceRule(noneOf: ["recent-buyers"]))
        #expect(campaign.creatives.map(\.mediaType) == [.video, .banner])
        #expect(campaign.creatives[0].attributes == [16])
        #expect(campaign.creatives[0].advertiserDomains == ["shop.example"])
        #expect(campaign.creatives[1].size == AdSize(w: 300, h: 250))
    }

    @Test func userTimeZoneDayPartingUsesTheIndexDimension() throws {
        let yaml = """
            id: evenings
            goal: {fixed_cpm: 1}
            targeting:
              day_parting: {time_zone: user, days: [sun], hours: ["22-24"]}
            creatives: [{id: c, markup: x}]
            """
        let campaign = try #require(try CampaignFile.parse(yaml: yaml, fileName: "e.yaml").first)
        #expect(campaign.targeting.hoursOfWeek == [166, 167])
        #expect(campaign.targeting.schedule == nil)
        #expect(campaign.pricing.maxBid == Micros(1_000_000))  // a fixed CPM is its own ceiling
    }

    @Test func coppaExcludeRefusesChildDirectedInventory() throws {
        func excludes(_ line: String) throws -> Bool {
            let yaml = "id: a\ngoal: {fixed_cpm: 1}\n\(line)creatives: [{id: c, markup: x}]\n"
            let campaign = try #require(try CampaignFile.parse(yaml: yaml, fileName: "a.yaml").first)
            return campaign.targeting.excludesChildDirected
        }
        #expect(try excludes("targeting:\n  coppa: exclude\n"))
        #expect(try !excludes("targeting:\n  coppa: allow\n"))
        #expect(try !excludes(""))
    }

    @Test(arguments: [
        // A misspelt key is an error, not a silently wider campaign.
        ("id: a\ngoal: {fixed_cpm: 1}\ntargeting:\n  countrys: [USA]\ncreatives: [{id: c, markup: x}]\n", 4, 3, "countrys"),
        ("id: a\ngoal: {fixed_cpm: 1}\ntargeting:\n  sizes: [300by250]\ncreatives: [{id: c, markup: x}]\n", 4, 11, "300by250"),
        ("id: a\ngoal:\n  target_cpc: 0.5\ncreatives: [{id: c, markup: x}]\n", 3, 3, "max_bid"),
        ("id: a\ngoal: {fixed_cpm: 1}\ntargeting:\n  day_parting: {time_zone: Mars/Olympus}\ncreatives: [{id: c, markup: x}]\n",
         4, 28, "Mars/Olympus"),
        ("id: a\ngoal: {fixed_cpm: 1, target_cpc: 2}\ncreatives: [{id: c, markup: x}]\n", 2, 7, "exactly one"),
        ("id: a\ngoal: {fixed_cpm: 1}\ncreatives: [{id: c}]\n", 3, 13, "markup"),
        ("id: a\ngoal: {fixed_cpm: 1}\ncreatives: [\n", 4, 1, "YAML"),
        ("id: a\ngoal: {fixed_cpm: 1}\ntargeting:\n  coppa: never\ncreatives: [{id: c, markup: x}]\n", 4, 10,
         "allow or exclude"),
        ("id: a\ngoal: {fixed_cpm: 1}\ncreatives:\n  - {id: c, markup: x, duration: 30}\n", 4, 5, "only video and audio"),
        ("id: a\ngoal: {fixed_cpm: 1}\ncreatives:\n  - {id: c, format: video, markup: x, duration: 30s}\n", 4, 49,
         "whole number"),
    ])
    func errorsNameLineAndColumn(yaml: String, line: Int, column: Int, fragment: String) {
        #expect {
            _ = try CampaignFile.parse(yaml: yaml, fileName: "bad.yaml")
        } throws: { error in
            guard let error = error as? CampaignFileError else { return false }
            return error.fileName == "bad.yaml" && error.line == line && error.column == column
                && error.reason.contains(fragment) && error.description.hasPrefix("bad.yaml:\(line):\(column): ")
        }
    }

    @Test func videoAndAudioCreativesStateTheirDuration() throws {
        let yaml = "id: a\ngoal: {fixed_cpm: 1}\ncreatives:\n  - {id: v, format: video, markup: x, duration: 30}\n"
        let campaign = try #require(try CampaignFile.parse(yaml: yaml, fileName: "a.yaml").first)
        #expect(campaign.creatives.first?.duration == 30)
    }

    @Test func listFormAndDuplicateIDsAcrossFiles() throws {
        let yaml = """
            campaigns:
              - {id: a, goal: {fixed_cpm: 1}, creatives: [{id: c, markup: x}]}
              - {id: b, goal: {fixed_cpm: 2}, creatives: [{id: c, markup: x}]}
            """
        let first = try CampaignFile.parse(yaml: yaml, fileName: "one.yaml")
        #expect(first.map(\.id) == ["a", "b"])
        let second = try CampaignFile.parse(yaml: "id: b\ngoal: {fixed_cpm: 1}\ncreatives: [{id: c, markup: x}]", fileName: "two.yaml")
        #expect(throws: CampaignFileError.self) {
            _ = try CampaignFile.combine([("one.yaml", first), ("two.yaml", second)])
        }
        #expect(try CampaignFile.combine([("one.yaml", first)]).count == 2)
    }

    /// The demo campaigns shipped in Rules/rtb must load.
    @Test func demoCampaignsLoad() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Rules/rtb").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") && $0 != CurrencyFile.fileName }
        #expect(names.count >= 3)
        var files: [(fileName: String, campaigns: [Campaign])] = []
        for name in names.sorted() {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            files.append((name, try CampaignFile.parse(yaml: text, fileName: name)))
        }
        let campaigns = try CampaignFile.combine(files)
        #expect(campaigns.count == names.count)
        #expect(campaigns.allSatisfy { !$0.creatives.isEmpty && $0.budget.daily != nil })
        let audiences = try String(contentsOf: directory.appendingPathComponent("audiences.csv"), encoding: .utf8)
        #expect(try AudienceBook(text: audiences, fileName: "audiences.csv").userCount >= 3)
    }

    @Test func audienceBook() throws {
        let book = try AudienceBook(text: "# users\nu1,buyers; loyal\n\nu2,buyers\nu1,vip\n", fileName: "a.csv")
        #expect(book.audiences(of: "u1") == ["buyers", "loyal", "vip"])
        #expect(book.audiences(of: "u2") == ["buyers"])
        #expect(book.audiences(of: "u3").isEmpty)
        #expect(book.audiences(of: nil).isEmpty)
        #expect {
            _ = try AudienceBook(text: "u1,a\nno-comma-here\n", fileName: "a.csv")
        } throws: { error in
            (error as? CampaignFileError)?.description == "a.csv:2:1: expected 'user-id,audience[;audience…]'"
        }
    }
}
