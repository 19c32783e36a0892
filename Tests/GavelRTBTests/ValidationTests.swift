import GavelRTB
import Testing

@Suite struct ValidationTests {
    private func rejection(_ json: String, validator: BidRequestValidator = BidRequestValidator()) -> RequestRejection?
    {
        guard case .failure(let rejection) = validator.read(Array(json.utf8)) else { return nil }
        return rejection
    }

    @Test(arguments: Fixtures.requestNames().filter { !$0.contains("ortb30") })
    func corpusRequestsAreValid(name: String) throws {
        let result = BidRequestValidator().read(Fixtures.request(name))
        #expect(throws: Never.self) { try result.get() }
    }

    @Test func openRTB3EnvelopeIsRefused() {
        let result = BidRequestValidator().read(Fixtures.request("mxmcherry-ortb30-request-envelope.json"))
        guard case .failure(let rejection) = result else {
            Issue.record("accepted an OpenRTB 3.0 envelope")
            return
        }
        #expect(rejection == .openRTB3Envelope)
        #expect(rejection.noBidReason == .invalidRequest && rejection.noBidReason.rawValue == 2)
    }

    @Test func badJSONAndNull() {
        guard case .undecodable(let error) = rejection(#"{"id": "#) else {
            Issue.record("bad JSON accepted")
            return
        }
        #expect(error.message == "unexpected end of input")
        guard case .undecodable(let nullError) = rejection("null") else {
            Issue.record("null accepted")
            return
        }
        #expect(nullError.message == "expected an object")
        #expect(rejection("[]")?.noBidReason == .invalidRequest)
    }

    @Test(arguments: [
        (#"{"imp":[{"id":"1"}]}"#, RequestRejection.missingRequestID),
        (#"{"id":"","imp":[{"id":"1"}]}"#, .missingRequestID),
        (#"{"id":"r"}"#, .noImpressions),
        (#"{"id":"r","imp":[]}"#, .noImpressions),
        (#"{"id":"r","imp":[{"id":"1"},{"banner":{}}]}"#, .missingImpressionID(index: 1)),
        (#"{"id":"r","imp":[{"id":"1"},{"id":"2"},{"id":"1"}]}"#, .duplicateImpressionID("1")),
        (#"{"id":"r","imp":[{"id":"1"}],"tmax":-5}"#, .negativeTmax(-5)),
        (#"{"id":"r","imp":[{"id":"1"}],"site":{},"app":{}}"#, .conflictingInventory),
        (#"{"id":"r","imp":[{"id":"1"}],"app":{},"dooh":{}}"#, .conflictingInventory),
        (#"{"id":"r","imp":[{"id":"1"}],"site":{"domain":"a.example"},"dooh":{}}"#, .conflictingInventory),
    ])
    func invalidRequests(json: String, expected: RequestRejection) {
        let found = rejection(json)
        #expect(found == expected)
        #expect(found?.noBidReason == .invalidRequest)
    }

    @Test func duplicateIDsAmongManyImpressionsUseTheSetPath() {
        let imps = (0..<40).map { #"{"id":"\#($0)"}"# } + [#"{"id":"39"}"#]
        let json = #"{"id":"r","imp":[\#(imps.joined(separator: ","))]}"#
        #expect(rejection(json) == .duplicateImpressionID("39"))
    }

    @Test func insufficientAuctionTime() {
        let validator = BidRequestValidator(minimumTmax: 50)
        let found = rejection(#"{"id":"r","imp":[{"id":"1"}],"tmax":30}"#, validator: validator)
        #expect(found == .insufficientTime(tmax: 30, required: 50))
        #expect(found?.noBidReason == .insufficientAuctionTime && found?.noBidReason.rawValue == 15)
        #expect(rejection(#"{"id":"r","imp":[{"id":"1"}],"tmax":50}"#, validator: validator) == nil)
        #expect(rejection(#"{"id":"r","imp":[{"id":"1"}]}"#, validator: validator) == nil, "no tmax: own deadline")
    }

    @Test func noBidReasonCodesFollowTheList() {
        let codes: [(NoBidReason, Int)] = [
            (.unknownError, 0), (.technicalError, 1), (.invalidRequest, 2), (.knownWebCrawler, 3),
            (.suspectedNonHumanTraffic, 4), (.cloudDataCenterOrProxyIP, 5), (.unsupportedDevice, 6),
            (.blockedPublisherOrSite, 7), (.unmatchedUser, 8), (.dailyUserCapMet, 9), (.dailyDomainCapMet, 10),
            (.adsTxtAuthorizationUnavailable, 11), (.adsTxtAuthorizationViolation, 12),
            (.adsCertAuthenticationUnavailable, 13), (.adsCertAuthenticationViolation, 14),
            (.insufficientAuctionTime, 15),
        ]
        for (reason, code) in codes { #expect(reason.rawValue == code) }
        #expect(NoBidReason(rawValue: 501).description == "exchange specific (501)")
    }
}
