import GavelCore
import GavelRTB
import Testing

/// Known answers, read off the fixture files by hand.
@Suite struct DecodedValuesTests {
    private func request(_ name: String) throws -> OpenRTB.BidRequest {
        try OpenRTBDecoder.decodeBidRequest(Fixtures.request(name))
    }

    @Test func simpleBanner() throws {
        let request = try request("iab26-simple-banner.json")
        #expect(request.id == "80ce30c53c16e6ede735f123ef6e32361bfc7b22")
        #expect(request.at == 1 && request.auctionType == 1)
        #expect(request.cur == ["USD"])
        #expect(request.imp.count == 1)
        #expect(request.imp[0].id == "1")
        #expect(request.imp[0].bidFloor == OpenRTB.CPM(micros: 30_000))
        #expect(request.imp[0].banner?.w == 300 && request.imp[0].banner?.h == 250 && request.imp[0].banner?.pos == 0)
        #expect(request.site?.domain == "www.foobar.com")
        #expect(request.site?.publisher?.cat == ["IAB3-1"])
        #expect(request.user?.id == "55816b39711f9b5acf3b90e313ed29e51665623f")
        #expect(request.app == nil && request.device == nil && request.tmax == nil)
    }

    @Test func mobileAppBlocksAndDevice() throws {
        let request = try request("iab26-mobile-app.json")
        #expect(request.bcat == ["IAB25", "IAB7-39", "IAB8-18", "IAB8-5", "IAB9-9"])
        #expect(request.badv == ["apple.com", "go-text.me", "heywire.com"])
        #expect(request.app?.bundle == "12345")
        #expect(request.device?.ifa == "AA000DFE74168477C70D291f574D344790E0BB11")
        #expect(request.device?.deviceType == 1 && request.device?.connectionType == 3)
        #expect(request.imp[0].bidFloor?.micros == Micros(500_000))
        #expect(request.imp[0].banner?.btype == [4] && request.imp[0].banner?.battr == [14])
    }

    @Test func videoWithCompanionArrayAndTmax() throws {
        let request = try request("iab26-video.json")
        #expect(request.tmax == 120)
        let video = try #require(request.imp[0].video)
        #expect(video.mimes == ["video/x-flv", "video/mp4", "application/javascript"])
        #expect(video.minDuration == 5 && video.maxDuration == 30 && video.protocols == [2, 3])
        #expect(video.companionAd?.banners.map(\.id) == ["1234567893-1", "1234567893-2"])
        #expect(video.companionAd?.banners[0].expDir == [2, 4])
        #expect(video.api == nil, "the example's misspelt \"apis\" is not a Video member")
        #expect(request.site?.content?.keywords == "keyword-a,keyword-b,keyword-c")
    }

    @Test func dealsAndPrivateAuction() throws {
        let request = try request("iab26-pmp-direct-deal.json")
        let pmp = try #require(request.imp[0].pmp)
        #expect(pmp.privateAuction == 1)
        #expect(pmp.deals?.map(\.id) == ["AB-Agency1-0001", "XY-Agency2-0001"])
        #expect(pmp.deals?.map(\.bidFloor) == [OpenRTB.CPM(micros: 2_500_000), OpenRTB.CPM(micros: 2_000_000)])
        #expect(pmp.deals?.map(\.at) == [1, 2])
        #expect(pmp.deals?[1].wseat == ["Agency2"])
    }

    @Test func olderVideoFieldsAndNegativeStartDelay() throws {
        let request = try request("bsm-video-2x.json")
        #expect(request.imp.map(\.id) == ["1", "2", "3"])
        #expect(request.imp[2].video?.startDelay == -2)
        #expect(request.imp[2].bidFloor?.micros == Micros(2_000_000))
        #expect(request.imp[1].pmp?.deals?[1].wseat == nil, "\"wseats\" is not the spec's member name")
        #expect(request.user?.data?[0].segment?.map(\.name) == ["auto intenders", "auto enthusiasts"])
    }

    @Test func nativeRequestAsEscapedString() throws {
        let request = try request("mxmcherry-ortb25-native-ad.json")
        #expect(request.imp[0].native?.request == .string(#"{"native":{"ver":"1.0","assets":[ ... ]}}"#))
        #expect(request.imp[0].native?.battr == [13, 14])
        let placeholder = try self.request("bsm-native-placeholder.json")
        #expect(placeholder.imp[0].native?.request == .string("...Native Spec request as an encoded string..."))
        #expect(placeholder.wseat == ["771", "772"] && placeholder.bseat == ["800", "773"])
    }

    @Test func nativeRequestAsObjectAndOldCompanionForm() throws {
        let request = try request("google-full-native-as-object.json")
        let expected: [String: JSONValue] = [
            "native": .object([
                "ver": .string("1"), "layout": .number(2), "adunit": .number(4), "plcmtcnt": .number(1),
                "seq": .number(1),
            ])
        ]
        #expect(request.imp[2].native?.request == .object(expected))
        #expect(request.imp[1].video?.companionAd?.banners.map(\.id) == ["compad2"])
        #expect(request.imp[1].video?.companionAd?.banners[0].w == 110)
        #expect(request.device?.geo?.utcOffset == 3600 && request.device?.geo?.lat == 90.0)
        #expect(request.device?.sua?.browsers?.map(\.brand) == ["Chrome", "Windows"])
        #expect(request.imp[0].bidFloor?.micros == Micros(100_000_000))
        #expect(request.imp[0].pmp?.deals?[0].wadomain == ["goodadv1"])
        #expect(request.regs?.coppa == 1 && request.regs?.gdpr == nil)
    }

    @Test func openRTB26PrivacyIdentityAndSupplyChain() throws {
        let request = try request("gavel-26-privacy-formats.json")
        #expect(request.id == "req-été-😀")
        #expect(request.imp[0].tagID == "top \"leaderboard\"\n")
        #expect(request.imp[0].banner?.format == [OpenRTB.Format(w: 728, h: 90), OpenRTB.Format(w: 970, h: 250)])
        #expect(request.imp[0].bidFloorCur == "EUR" && request.imp[0].bidFloor?.micros == Micros(1_250_000))
        #expect(request.imp[0].pmp?.deals?[0].at == 3 && request.imp[0].pmp?.deals?[0].guar == 1)
        #expect(request.imp[1].bidFloor?.micros == Micros(2_000_000), "2e0 is a valid JSON number")
        #expect(request.imp[1].audio?.feed == 1 && request.imp[1].audio?.minCPMPerSec?.micros == Micros(100_000))
        #expect(request.imp[1].audio?.companionAd?.banners[0].id == "c1")
        #expect(request.site?.page == "https://news.example/a?b=c&d=e")
        #expect(request.device?.pxRatio == 2.625 && request.device?.geo?.utcOffset == 60)
        #expect(request.device?.sua?.platform?.version == ["14"])
        #expect(request.user?.consent == "CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA", "2.6 member beats user.ext")
        #expect(request.user?.eids?.map(\.source) == ["id5-sync.com", "liveramp.com"])
        #expect(request.user?.eids?[1].uids?[0].atype == 3)
        #expect(request.user?.data?[0].segment?[1].value == "high")
        #expect(request.regs?.gdpr == 1, "2.6 regs.gdpr beats regs.ext.gdpr")
        #expect(request.regs?.usPrivacy == "1---" && request.regs?.gppSID == [2, 6])
        #expect(request.source?.schain?.nodes?.map(\.asi) == ["exchange.example", "ssp.example"])
        #expect(request.source?.schain?.complete == 1 && request.source?.fd == 1)
    }

    @Test func openRTB25ExtLocations() throws {
        let request = try request("gavel-25-ext-locations.json")
        #expect(request.regs?.gdpr == 1)
        #expect(request.regs?.usPrivacy == "1YNN")
        #expect(request.regs?.coppa == 1)
        #expect(request.user?.consent == "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA")
        #expect(request.user?.eids?[0].uids?[0].id == "TTD-1")
        #expect(request.source?.schain?.nodes?[0].sid == "77")
        #expect(request.app?.bundle == "com.example.game")
    }

    @Test func extOfUnexpectedShapeIsIgnored() throws {
        let json =
            #"{"id":"x","imp":[{"id":"1"}],"regs":{"ext":"not-an-object"},"user":{"ext":{"consent":7,"eids":"no"}}}"#
        let request = try OpenRTBDecoder.decodeBidRequest(Array(json.utf8))
        #expect(request.regs == OpenRTB.Regs())
        #expect(request.user?.consent == nil && request.user?.eids == nil)
    }

    @Test func doohInventory() throws {
        let request = try request("gavel-dooh.json")
        #expect(request.dooh?.venueType == ["transit.train_stations"])
        #expect(request.dooh?.publisher?.id == "ooh-pub")
        #expect(request.device?.deviceType == 8)
        #expect(request.imp[0].bidFloor?.micros == Micros(12_000_000))
    }

    @Test func bidResponseValues() throws {
        let response = try OpenRTBDecoder.decodeBidResponse(Fixtures.response("bsm-resp-multi.json"))
        #expect(response.cur == "USD")
        #expect(response.seatBid.map(\.seat) == ["42", "772"])
        let bid = response.seatBid[0].bid[0]
        #expect(bid.price.micros == Micros(1_028_428))
        #expect(bid.dealID == "DX-1985-010A" && bid.attr == [])
        #expect(bid.nurl == "http://ads.com/win/52a12b5955314b7194a4c9ff?won=${AUCTION_PRICE}")
        let full = try OpenRTBDecoder.decodeBidResponse(Fixtures.response("google-resp-full.json"))
        #expect(full.nbr == .technicalError)
        #expect(full.seatBid[1].group == 1 && full.seatBid[1].bid.count == 2)
        #expect(full.seatBid[0].bid[0].w == 100 && full.seatBid[0].bid[0].cat == ["IAB10-2"])
    }
}
