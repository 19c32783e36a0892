import GavelCore
import GavelReports
import Testing

/// Google Ads bid simulations (API fields and friendly headers) and Microsoft Advertising bid landscapes.
@Suite struct BidSimulationReportTests {
    /// The running-shoes simulation every fixture states: seven days, three bids.
    private let runningShoes = BidSimulation(
        days: range("2026-05-01", "2026-05-07"),
        points: [
            .init(bid: Micros(500_000), clicks: 70, cost: Micros(units: 28), impressions: 1_400),
            .init(bid: Micros(1_000_000), clicks: 140, cost: Micros(units: 98), impressions: 2_100),
            .init(bid: Micros(1_500_000), clicks: 175, cost: Micros(157_500_000), impressions: 2_450),
        ])

    @Test func googleAPIFieldsGiveOneSimulationPerCriterionByIds() throws {
        let (simulations, summary) = try Simulations.read(Fixture.bytes("google-bid-simulation-api.csv"))
        #expect(summary.format == .googleAdsBidSimulation)
        #expect(summary.records == 2)
        #expect(summary.period == range("2026-05-01", "2026-05-08"))
        #expect(simulations.map(\.keyword) == [
            .platformIDs(adGroup: "501", keyword: "1001"), .platformIDs(adGroup: "502", keyword: "2002"),
        ])
        // The file lists the 1.00 bid first; the simulation is by rising bid.
        #expect(simulations[0].simulation == runningShoes)
        #expect(simulations[0].line == 2)
        #expect(simulations[1].simulation.days == range("2026-05-02", "2026-05-08"))
        #expect(simulations[1].simulation.points.map(\.clicks) == [12.5, 30])
        #expect(simulations[1].simulation.points.map(\.cost) == [Micros(2_400_000), Micros(12_000_000)])
        #expect(simulations[1].line == 5)
    }

    @Test func googleFriendlyHeaderGivesSimulationsByName() throws {
        let (simulations, summary) = try Simulations.read(
            Fixture.bytes("google-bid-simulation.csv"), account: "Demo")
        #expect(summary.format == .googleAdsBidSimulation)
        #expect(summary.period == range("2026-05-01", "2026-05-07"))
        #expect(simulations.count == 2)
        #expect(
            simulations[0].keyword
                == .identity(
                    KeywordIdentity(
                        account: "Demo", campaign: "Shoes", adGroup: "Running", text: "running shoes",
                        matchType: .phrase)))
        #expect(simulations[0].simulation == runningShoes)
        // `[trail shoes]` spells exact; `€11.20` is an amount; `--` top impressions are read past.
        #expect(
            simulations[1].keyword
                == .identity(
                    KeywordIdentity(
                        account: "Demo", campaign: "Shoes", adGroup: "Trail", text: "trail shoes", matchType: .exact)))
        #expect(simulations[1].simulation.points.map(\.cost) == [Micros(2_100_000), Micros(11_200_000)])
        #expect(simulations[1].simulation.points.map(\.impressions) == [210, 350])
    }

    @Test func microsoftBidLandscapePointsGiveTheSameSimulation() throws {
        let (simulations, summary) = try Simulations.read(Fixture.bytes("microsoft-bid-landscape.csv"))
        #expect(summary.format == .microsoftBidLandscape)
        #expect(simulations.map(\.keyword) == [.platformIDs(adGroup: "501", keyword: "1001")])
        #expect(simulations.first?.simulation == runningShoes)
    }

    @Test func excelFlavourUTF16TabSeparatedReads() throws {
        let text = "Ad group ID\tKeyword ID\tStart date\tEnd date\tCPC bid\tClicks\tImpressions\tCost\r\n"
            + "501\t1001\t2026-05-01\t2026-05-07\t0.50\t70\t1400\t28.00\r\n"
            + "501\t1001\t2026-05-01\t2026-05-07\t1.00\t140\t2100\t98.00\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (simulations, summary) = try Simulations.read(bytes)
        #expect(summary.format == .googleAdsBidSimulation)
        #expect(simulations.first?.simulation.points.map(\.bid) == [Micros(500_000), Micros(1_000_000)])
    }

    // MARK: - Located errors

    private let apiHeader =
        "ad_group_criterion_simulation.ad_group_id,ad_group_criterion_simulation.criterion_id,"
        + "ad_group_criterion_simulation.start_date,ad_group_criterion_simulation.end_date,"
        + "cpc_bid_micros,clicks,cost_micros,impressions\n"

    @Test func negativeClicksAndCostAreLocated() throws {
        let clicks = try #require(
            Simulations.error(apiHeader + "501,1001,2026-05-01,2026-05-07,500000,-3,100,10\n"))
        #expect(
            clicks.description
                == #"simulations.csv:2:6: expected a number of zero or more in column "clicks", found "-3""#)
        let friendly = "Ad group ID,Keyword ID,Start date,End date,Max. CPC,Clicks,Impr.,Cost\n"
            + "501,1001,2026-05-01,2026-05-07,0.50,3,10,-1.00\n"
        let cost = try #require(Simulations.error(friendly))
        #expect(
            cost.description
                == #"simulations.csv:2:8: expected a cost of zero or more in column "Cost", found "-1.00""#)
        let micros = try #require(
            Simulations.error(apiHeader + "501,1001,2026-05-01,2026-05-07,500000,3,-100,10\n"))
        #expect((micros.line, micros.column) == (2, 7))
    }

    @Test func endBeforeStartIsLocated() throws {
        let error = try #require(Simulations.error(apiHeader + "501,1001,2026-05-07,2026-05-01,500000,3,100,10\n"))
        #expect(
            error.description
                == "simulations.csv:2:4: expected an end date on or after the start date 2026-05-07 in column "
                + #""ad_group_criterion_simulation.end_date", found "2026-05-01""#)
    }

    @Test func aKeywordWithTwoDateRangesIsLocated() throws {
        let text = apiHeader + "501,1001,2026-05-01,2026-05-07,500000,3,100,10\n"
            + "502,2002,2026-05-03,2026-05-09,500000,3,100,10\n"
            + "501,1001,2026-05-01,2026-05-08,900000,5,300,12\n"
        let error = try #require(Simulations.error(text))
        #expect((error.line, error.column) == (4, 4))
        #expect(
            error.message.hasPrefix(
                "expected 2026-05-07 as on line 2 (one date range per keyword: 2026-05-01..2026-05-07)"))
    }

    @Test func aBidListedTwiceIsLocatedAtItsSecondListing() throws {
        let text = apiHeader + "501,1001,2026-05-01,2026-05-07,500000,3,100,10\n"
            + "501,1001,2026-05-01,2026-05-07,900000,5,300,12\n"
            + "501,1001,2026-05-01,2026-05-07,500000,4,200,11\n"
        let error = try #require(Simulations.error(text))
        #expect(
            error.description
                == "simulations.csv:4:5: expected a bid this keyword has not listed already (line 2) "
                + #"in column "cpc_bid_micros", found "500000""#)
    }

    @Test func missingRequiredColumnsAreNamed() throws {
        let noCost = try #require(
            Simulations.error(
                "KeywordId,AdGroupId,StartDate,EndDate,Bid,Clicks,Impressions\n1,2,5/1/2026,5/7/2026,1,2,3\n"))
        #expect(noCost == ReportError(file: "simulations.csv", line: 1, message: #"missing required column "Cost""#))
        let noKeyword = try #require(
            Simulations.error(
                "Campaign,Ad group,Start date,End date,Max. CPC,Clicks,Impr.,Cost\n"
                    + "C,A,2026-05-01,2026-05-01,1,1,1,1\n"))
        #expect(noKeyword.message == #"missing required column "Keyword""#)
    }

    @Test func otherSimulationTypesAndMixedCurrenciesAreRefused() throws {
        let typed = "ad_group_criterion_simulation.ad_group_id,ad_group_criterion_simulation.criterion_id,"
            + "ad_group_criterion_simulation.type,ad_group_criterion_simulation.start_date,"
            + "ad_group_criterion_simulation.end_date,cpc_bid_micros,clicks,cost_micros,impressions\n"
            + "501,1001,TARGET_CPA,2026-05-01,2026-05-07,500000,3,100,10\n"
        let type = try #require(Simulations.error(typed))
        #expect((type.line, type.column) == (2, 3))
        let currencies = "KeywordId,AdGroupId,StartDate,EndDate,Bid,Clicks,Impressions,Cost,CurrencyCode\n"
            + "1,2,5/1/2026,5/7/2026,1,2,3,4,EUR\n1,2,5/1/2026,5/7/2026,2,3,4,5,USD\n"
        let currency = try #require(Simulations.error(currencies))
        #expect(
            currency.description
                == "simulations.csv:3:9: expected EUR as on line 2 (one file is one account's money) "
                + #"in column "CurrencyCode", found "USD""#)
    }

    @Test func keywordReportsAreStillKeywordReports() throws {
        let (_, summary) = try Fixture.read("google-search-keywords.csv")
        #expect(summary.format == .googleAdsCSV)
    }
}
