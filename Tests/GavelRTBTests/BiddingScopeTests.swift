import GavelCore
import GavelRTB
import Testing

/// The bid path decodes only what the bidder reads (`OpenRTBDecoder.Scope.bidding`) and steps
/// over the rest as JSON syntax: on a request the complete decode accepts it must give the
/// complete decode's value of every member the bidder reads (``BidderView``) and no decision
/// may change; it must refuse every document that is not JSON, and every wrong-typed member the
/// bidder reads, exactly as the complete decode does; and it accepts wrong-typed members it
/// does not read, which the complete decode refuses.
@Suite struct BiddingScopeTests {
    private static let auctionTime: Int64 = 1_795_608_000
    private static let day = CalendarDay(year: 2026, month: 11, day: 25)!

    @Test(arguments: Fixtures.requestNames())
    func biddingDecodeIsTheBiddersViewOfTheCompleteOne(name: String) throws {
        let bytes = Fixtures.request(name)
        let complete = try OpenRTBDecoder.decodeBidRequest(bytes)
        let bidding = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        #expect(bidding == BidderView.of(complete))
        #expect(Projection.holds(bidding, of: complete))
    }

    /// The corpus exercises both halves of the contract: members the bid path reads and members
    /// it steps over.
    @Test func theCorpusHasWhatTheBiddingDecodeReadsAndWhatItSkips() throws {
        let requests = try Fixtures.requestNames().map {
            try OpenRTBDecoder.decodeBidRequest(Fixtures.request($0))
        }
        #expect(requests.contains { $0.device?.ua != nil })
        #expect(requests.contains { $0.site?.page != nil })
        #expect(requests.contains { $0.regs != nil && $0.source != nil })
        #expect(requests.contains { $0.imp.contains { $0.banner?.mimes != nil || $0.video?.mimes != nil } })
        #expect(requests.contains { $0.imp.contains { $0.pmp?.deals?.isEmpty == false } })
        #expect(requests.contains { $0.user?.data?.isEmpty == false && $0.device?.geo?.country != nil })
        #expect(requests.contains { $0.dooh != nil } && requests.contains { $0.app?.bundle != nil })
        #expect(requests.contains { $0.bcat != nil && $0.badv != nil })
    }

    /// Same matches, same features, same bids and reservations, request by request.
    @Test func bidderDecidesTheSameOnEveryCorpusRequest() throws {
        let campaigns = SyntheticCampaigns.generate(count: 2_000, seed: 2026)
        let index = CampaignIndex(campaigns: campaigns)
        func bidder(_ scope: OpenRTBDecoder.Scope) -> Bidder {
            Bidder(
                validator: BidRequestValidator(scope: scope),
                index: index,
                pricer: Pricer(clickModel: LogisticModel(bias: -6, hashBits: 16)),
                ledger: BudgetLedger(
                    budgets: Dictionary(uniqueKeysWithValues: campaigns.map { ($0.id, Budget()) })
                )
            )
        }
        let complete = bidder(.complete)
        let bidding = bidder(.bidding)
        var bids = 0
        for name in Fixtures.requestNames() {
            let bytes = Fixtures.request(name)
            let full = try OpenRTBDecoder.decodeBidRequest(bytes)
            let slim = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
            #expect(
                index.matches(for: slim, at: Self.auctionTime)
                    == index.matches(for: full, at: Self.auctionTime)
            )
            for impIndex in full.imp.indices {
                #expect(
                    FeatureHasher.impressionFeatures(request: slim, impIndex: impIndex, at: Self.auctionTime)
                        == FeatureHasher.impressionFeatures(
                            request: full,
                            impIndex: impIndex,
                            at: Self.auctionTime
                        )
                )
            }
            let expected = bytes.withUnsafeBytes {
                complete.respond(to: $0, at: Self.auctionTime, on: Self.day)
            }
            let actual = bytes.withUnsafeBytes {
                bidding.respond(to: $0, at: Self.auctionTime, on: Self.day)
            }
            #expect(actual.response == expected.response, "\(name)")
            #expect(actual.reservations == expected.reservations, "\(name)")
            #expect(actual.noBidReason == expected.noBidReason, "\(name)")
            bids += expected.reservations.count
        }
        #expect(bids > 0)
    }

    /// What is not JSON is refused as the complete decode refuses it, inside skipped members too.
    private static let malformedJSON = [
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"a\x"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"\ud800"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"ext":{"consent":"\u00"}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"wlang":["en",]]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"regs":{"gdpr" 1}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"source":{"schain":{"nodes":[{"asi":"a"} {"asi":"b"}]}}}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"mimes":["video/mp4"}}]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"content":{"len":01}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"content":{"len":1.}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ext":{"js":tru}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"abc"#,
        #"{"id":"1","imp":[{"id":"1"}],"ext":{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}"#,
    ]

    /// A member the bidder reads is type-checked as in the complete decode.
    private static let wrongTypedReadMembers = [
        #"{"id":7,"imp":[{"id":"1"}]}"#,
        #"{"id":"1","imp":{}}"#,
        #"{"id":"1","imp":[5]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"tmax":"1"}"#,
        #"{"id":"1","imp":[{"id":"1"}],"tmax":1.5}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":[]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"dooh":5}"#,
        #"{"id":"1","imp":[{"id":"1"}],"bcat":"IAB1"}"#,
        #"{"id":"1","imp":[{"id":"1"}],"cur":[1]}"#,
        #"{"id":"1","imp":[{"id":"1","bidfloor":"1"}]}"#,
        #"{"id":"1","imp":[{"id":"1","banner":{"format":[{"w":"300"}]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"battr":[1.5]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","pmp":{"deals":[{"id":1}]}}]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"geo":{"utcoffset":"+1"}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"data":[{"segment":[{"id":5}]}]}}"#,
        // The privacy signals.
        #"{"id":"1","imp":[{"id":"1"}],"regs":[]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"regs":{"coppa":"1"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"regs":{"gdpr":true}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"regs":{"us_privacy":1}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"consent":5}}"#,
    ]

    @Test(arguments: malformedJSON + wrongTypedReadMembers)
    func failsLikeTheCompleteDecode(document: String) {
        let bytes = Array(document.utf8)
        let complete = Self.decode(bytes, .complete)
        guard case .failure(let expected) = complete else {
            Issue.record("the complete decode accepted \(document)")
            return
        }
        #expect(Self.decode(bytes, .bidding).failure == expected)
    }

    /// Invalid UTF-8 inside a skipped string is refused too.
    @Test func invalidUTF8InASkippedMemberFails() {
        let bytes = Array(#"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"a"#.utf8) + [0xC0, 0x80] + Array(#""}}"#.utf8)
        #expect(Self.decode(bytes, .bidding).failure?.message == "invalid UTF-8")
        #expect(Self.decode(bytes, .bidding).failure == Self.decode(bytes, .complete).failure)
    }

    /// A member the bidder never reads may have any type, as tolerant exchange-facing bidders
    /// read requests: the complete decode refuses these documents, the bid path reads them.
    @Test(arguments: [
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":5}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"page":["x"]}}"#,
        #"{"id":"1","imp":[{"id":"1","banner":{"mimes":"text/html"}}]}"#,
        #"{"id":"1","imp":[{"id":"1","banner":{"mimes":[1]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"protocols":[1.5]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"api":"x"}}]}"#,
        #"{"id":"1","imp":[{"id":"1","native":{"request":5}}]}"#,
        #"{"id":"1","imp":[{"id":"1","native":{"request":{"a":1e999}}}]}"#,
        #"{"id":"1","imp":[{"id":"1","instl":"yes","tagid":7}]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"eids":[1]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"eids":[{"uids":[{"id":7}]}]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"source":{"schain":[]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"regs":{"gpp_sid":"2"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"sua":{"browsers":[{"brand":1}]}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"pxratio":1e400}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"content":{"episode":"x"}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"dooh":{"venuetype":5}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"test":"1","allimps":true}"#,
    ])
    func wrongTypedMembersTheBidderSkipsAreAccepted(document: String) throws {
        let bytes = Array(document.utf8)
        #expect(Self.decode(bytes, .complete).failure != nil)
        let request = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        #expect(request.id == "1" && request.imp.map(\.id) == ["1"])
        #expect(BidRequestValidator(scope: .bidding).validate(request) == nil)
    }

    /// Values the bidder reads survive the members around them being skipped, whatever their type.
    @Test func readMembersAroundSkippedOnesKeepTheirValues() throws {
        let document = #"""
            {"ext":{"x":[{"y":null}]},"id":"r1","source":[1,"a",{}],"imp":[{"tagid":{"a":1},"id":"i1",
            "banner":{"mimes":5,"w":300,"h":250,"api":"x","battr":[3]},"bidfloor":1.25,"bidfloorcur":"EUR",
            "pmp":{"ext":0,"private_auction":1,"deals":[{"id":"d1","at":"x","bidfloor":2,"wseat":["s"]}]}}],
            "device":{"ua":false,"geo":{"lat":"north","country":"DEU","utcoffset":60},"os":"iOS","devicetype":4},
            "user":{"yob":"1980","id":"u1","data":[{"name":7,"id":"p","segment":[{"value":[],"id":"s1"}]}]},
            "site":{"publisher":"x","domain":"example.com","cat":["IAB1"]},"tmax":120,"at":1,"cur":["EUR"],
            "bcat":["IAB25"],"badv":["bad.com"]}
            """#
        let request = try OpenRTBDecoder.decodeBidRequest(Array(document.utf8), scope: .bidding)
        #expect(request.id == "r1" && request.tmax == 120 && request.at == 1 && request.cur == ["EUR"])
        #expect(request.bcat == ["IAB25"] && request.badv == ["bad.com"])
        let imp = try #require(request.imp.first)
        #expect(imp.id == "i1" && imp.bidFloor == OpenRTB.CPM(units: 1.25) && imp.bidFloorCur == "EUR")
        #expect(imp.banner?.w == 300 && imp.banner?.h == 250 && imp.banner?.battr == [3] && imp.banner?.mimes == nil)
        #expect(imp.pmp?.privateAuction == 1 && imp.pmp?.deals?.first?.id == "d1")
        #expect(imp.pmp?.deals?.first?.bidFloor == OpenRTB.CPM(units: 2) && imp.pmp?.deals?.first?.wseat == ["s"])
        #expect(request.device?.geo?.country == "DEU" && request.device?.geo?.utcOffset == 60)
        #expect(request.device?.os == "iOS" && request.device?.deviceType == 4 && request.device?.ua == nil)
        #expect(request.user?.id == "u1" && request.user?.data?.first?.segment?.first?.id == "s1")
        #expect(request.site?.domain == "example.com" && request.site?.cat == ["IAB1"] && request.source == nil)
    }

    /// `dooh` only counts, as one inventory among site, app and dooh.
    @Test func doohIsPresentButNotRead() throws {
        let bytes = Array(#"{"id":"1","imp":[{"id":"1"}],"site":{},"dooh":{"name":"Times Square"}}"#.utf8)
        let request = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        #expect(request.dooh == OpenRTB.DOOH())
        #expect(BidRequestValidator(scope: .bidding).read(bytes).failure == .conflictingInventory)
    }

    private static func decode(
        _ bytes: [UInt8],
        _ scope: OpenRTBDecoder.Scope
    ) -> Result<OpenRTB.BidRequest, OpenRTBDecodingError> {
        Result { () throws(OpenRTBDecodingError) in try OpenRTBDecoder.decodeBidRequest(bytes, scope: scope) }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Whether one decoded value equals another except where the first holds `nil`: the bidding
/// decode against the complete one. Walks the values by reflection, so no list of dropped
/// members has to be kept in step with the decoder.
enum Projection {
    static func holds(_ kept: Any, of complete: Any) -> Bool {
        if let kept = kept as? AnyHashable, let complete = complete as? AnyHashable, kept == complete {
            return true
        }
        let keptMirror = Mirror(reflecting: kept)
        let completeMirror = Mirror(reflecting: complete)
        if keptMirror.displayStyle == .optional {
            guard let keptValue = keptMirror.children.first?.value else { return true }
            guard completeMirror.displayStyle == .optional,
                let completeValue = completeMirror.children.first?.value
            else { return false }
            return holds(keptValue, of: completeValue)
        }
        guard !keptMirror.children.isEmpty, keptMirror.displayStyle == completeMirror.displayStyle,
            keptMirror.children.count == completeMirror.children.count
        else { return false }
        return zip(keptMirror.children, completeMirror.children).allSatisfy { pair in
            pair.0.label == pair.1.label && holds(pair.0.value, of: pair.1.value)
        }
    }
}

/// The members of a request that validation, targeting, pricing and the response read, stated
/// independently of the decoder: what a bidding decode must equal.
enum BidderView {
    static func of(_ request: OpenRTB.BidRequest) -> OpenRTB.BidRequest {
        var view = OpenRTB.BidRequest()
        view.id = request.id
        view.imp = request.imp.map(imp)
        view.site = request.site.map { site in
            var kept = OpenRTB.Site()
            (kept.domain, kept.cat, kept.sectionCat, kept.pageCat) = (
                site.domain, site.cat, site.sectionCat, site.pageCat
            )
            return kept
        }
        view.app = request.app.map { app in
            var kept = OpenRTB.App()
            (kept.bundle, kept.cat, kept.sectionCat, kept.pageCat) = (app.bundle, app.cat, app.sectionCat, app.pageCat)
            return kept
        }
        view.dooh = request.dooh.map { _ in OpenRTB.DOOH() }
        view.device = request.device.map { device in
            var kept = OpenRTB.Device()
            kept.geo = device.geo.map(geo)
            (kept.os, kept.deviceType, kept.connectionType) = (device.os, device.deviceType, device.connectionType)
            return kept
        }
        view.user = request.user.map { user in
            var kept = OpenRTB.User()
            (kept.id, kept.buyerUID, kept.geo, kept.consent) = (user.id, user.buyerUID, user.geo.map(geo), user.consent)
            kept.data = user.data?.map { provider in
                var data = OpenRTB.Data()
                data.id = provider.id
                data.segment = provider.segment?.map { segment in
                    var id = OpenRTB.Segment()
                    id.id = segment.id
                    return id
                }
                return data
            }
            return kept
        }
        view.regs = request.regs.map { regs in
            var kept = OpenRTB.Regs()
            (kept.coppa, kept.gdpr, kept.usPrivacy) = (regs.coppa, regs.gdpr, regs.usPrivacy)
            return kept
        }
        (view.at, view.tmax, view.cur) = (request.at, request.tmax, request.cur)
        (view.bcat, view.badv, view.bapp) = (request.bcat, request.badv, request.bapp)
        (view.wseat, view.bseat) = (request.wseat, request.bseat)
        return view
    }

    private static func imp(_ imp: OpenRTB.Imp) -> OpenRTB.Imp {
        var kept = OpenRTB.Imp()
        (kept.id, kept.bidFloor, kept.bidFloorCur) = (imp.id, imp.bidFloor, imp.bidFloorCur)
        kept.banner = imp.banner.map { banner in
            var view = OpenRTB.Banner()
            view.format = banner.format?.map { OpenRTB.Format(w: $0.w, h: $0.h) }
            (view.w, view.h, view.battr, view.pos) = (banner.w, banner.h, banner.battr, banner.pos)
            return view
        }
        kept.video = imp.video.map { video in
            var view = OpenRTB.Video()
            (view.battr, view.pos) = (video.battr, video.pos)
            (view.minDuration, view.maxDuration, view.rqdDurs) = (video.minDuration, video.maxDuration, video.rqdDurs)
            return view
        }
        kept.audio = imp.audio.map { audio in
            var view = OpenRTB.Audio()
            view.battr = audio.battr
            (view.minDuration, view.maxDuration, view.rqdDurs) = (audio.minDuration, audio.maxDuration, audio.rqdDurs)
            return view
        }
        kept.native = imp.native.map { native in
            var view = OpenRTB.Native()
            view.battr = native.battr
            return view
        }
        kept.pmp = imp.pmp.map { pmp in
            var view = OpenRTB.Pmp()
            view.privateAuction = pmp.privateAuction
            view.deals = pmp.deals?.map { deal in
                var terms = OpenRTB.Deal()
                (terms.id, terms.bidFloor, terms.bidFloorCur) = (deal.id, deal.bidFloor, deal.bidFloorCur)
                (terms.wseat, terms.wadomain) = (deal.wseat, deal.wadomain)
                return terms
            }
            return view
        }
        return kept
    }

    private static func geo(_ geo: OpenRTB.Geo) -> OpenRTB.Geo {
        var kept = OpenRTB.Geo()
        (kept.country, kept.region, kept.utcOffset) = (geo.country, geo.region, geo.utcOffset)
        return kept
    }
}
