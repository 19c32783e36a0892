import GavelCore
import GavelRTB
import Testing

/// The bid path decodes only what the bidder reads (`OpenRTBDecoder.Scope.bidding`): what it
/// keeps must equal the complete decode (itself proven equal to `JSONDecoder`), what it drops
/// must not change any decision, and it must refuse exactly the documents the complete decode
/// refuses, with the same error.
@Suite struct BiddingScopeTests {
    private static let auctionTime: Int64 = 1_795_608_000
    private static let day = CalendarDay(year: 2026, month: 11, day: 25)!

    @Test(arguments: Fixtures.requestNames())
    func biddingDecodeKeepsASubsetOfTheCompleteOne(name: String) throws {
        let bytes = Fixtures.request(name)
        let complete = try OpenRTBDecoder.decodeBidRequest(bytes)
        let bidding = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        #expect(Projection.holds(bidding, of: complete))
        // What the bid path never reads is not built.
        #expect(bidding.device?.ua == nil)
        #expect(bidding.site?.page == nil)
        #expect(bidding.imp.allSatisfy { $0.banner?.mimes == nil && $0.video?.mimes == nil })
        // What it reads is.
        #expect(bidding.id == complete.id)
        #expect(bidding.imp.map(\.id) == complete.imp.map(\.id))
        #expect(bidding.site?.domain == complete.site?.domain)
        #expect(
            bidding.device?.geo
                == complete.device?.geo.map { geo in
                    var kept = geo
                    (kept.regionFIPS104, kept.metro, kept.city, kept.zip) = (nil, nil, nil, nil)
                    return kept
                }
        )
        #expect(
            bidding.user?.id == complete.user?.id
                && bidding.user?.data == complete.user?.data.map(Self.ids)
        )
    }

    @Test func theCorpusHasWhatTheBiddingDecodeDrops() throws {
        let requests = try Fixtures.requestNames().map {
            try OpenRTBDecoder.decodeBidRequest(Fixtures.request($0))
        }
        #expect(requests.contains { $0.device?.ua != nil })
        #expect(requests.contains { $0.site?.page != nil })
        #expect(
            requests.contains { $0.imp.contains { $0.banner?.mimes != nil || $0.video?.mimes != nil } }
        )
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

    /// A member the bidder skips is still checked as its reader checks it.
    @Test(arguments: [
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":5}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"a\x"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"ua":"\ud800"}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"page":["x"]}}"#,
        #"{"id":"1","imp":[{"id":"1","banner":{"mimes":"text/html"}}]}"#,
        #"{"id":"1","imp":[{"id":"1","banner":{"mimes":[1]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"protocols":[1.5]}}]}"#,
        #"{"id":"1","imp":[{"id":"1","video":{"api":"x"}}]}"#,
        #"{"id":"1","imp":[{"id":"1","native":{"request":5}}]}"#,
        #"{"id":"1","imp":[{"id":"1","native":{"request":{"a":1e999}}}]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"eids":[1]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"eids":[{"uids":[{"id":7}]}]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"source":{"schain":[]}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"device":{"sua":{"browsers":[{"brand":1}]}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"site":{"content":{"episode":"x"}}}"#,
        #"{"id":"1","imp":[{"id":"1"}],"wlang":["en",]]}"#,
        #"{"id":"1","imp":[{"id":"1"}],"user":{"ext":{"consent":"\u00"}}}"#,
    ])
    func skippedMembersFailLikeCompleteOnes(document: String) {
        let bytes = Array(document.utf8)
        let complete = Result { () throws(OpenRTBDecodingError) in
            try OpenRTBDecoder.decodeBidRequest(bytes)
        }
        let bidding = Result { () throws(OpenRTBDecodingError) in
            try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        }
        guard case .failure(let expected) = complete else {
            Issue.record("the complete decode accepted \(document)")
            return
        }
        #expect(bidding.failure == expected)
    }

    /// Wrong-typed members inside `ext` stay lenient in both decodes.
    @Test func lenientExtMembersAgree() throws {
        let bytes = Array(
            #"{"id":"1","imp":[{"id":"1"}],"user":{"ext":{"consent":5,"eids":"x"}},"regs":{"ext":{"us_privacy":[]}}}"#
                .utf8
        )
        let complete = try OpenRTBDecoder.decodeBidRequest(bytes)
        let bidding = try OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding)
        #expect(complete.user?.consent == nil && complete.regs?.usPrivacy == nil)
        #expect(Projection.holds(bidding, of: complete))
    }

    private static func ids(_ data: [OpenRTB.Data]) -> [OpenRTB.Data] {
        data.map { provider in
            var kept = provider
            kept.name = nil
            kept.segment = provider.segment?.map { segment in
                var id = segment
                (id.name, id.value) = (nil, nil)
                return id
            }
            return kept
        }
    }
}

extension Result {
    fileprivate var failure: Failure? {
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
