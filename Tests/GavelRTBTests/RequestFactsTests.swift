import Testing

@testable import GavelRTB

/// ``RequestFacts`` reads each large struct of the request once; it must hold what the optional
/// chains it replaced read, on every fixture and on the geo fallback from device to user.
@Suite struct RequestFactsTests {
    @Test func factsEqualTheOptionalChainsOnEveryFixture() throws {
        let names = Fixtures.requestNames().filter { !$0.contains("ortb30") }
        var withGeo = 0
        var withCategories = 0
        for name in names {
            guard let request = try? OpenRTBDecoder.decodeBidRequest(Fixtures.request(name)) else {
                continue
            }
            let facts = RequestFacts(request)
            let geo = request.device?.geo ?? request.user?.geo
            #expect(facts.country == geo?.country, "\(name)")
            #expect(facts.region == geo?.region, "\(name)")
            #expect(facts.utcOffset == geo?.utcOffset, "\(name)")
            #expect(facts.deviceType == request.device?.deviceType, "\(name)")
            #expect(facts.os == request.device?.os, "\(name)")
            #expect(facts.connectionType == request.device?.connectionType, "\(name)")
            #expect(facts.siteDomain == request.site?.domain, "\(name)")
            #expect(facts.appBundle == request.app?.bundle, "\(name)")
            let categories = [
                request.site?.cat, request.site?.sectionCat, request.site?.pageCat,
                request.app?.cat, request.app?.sectionCat, request.app?.pageCat,
            ]
            .flatMap { $0 ?? [] }
            #expect(Array(facts.contentCategories) == categories, "\(name)")
            if geo != nil { withGeo += 1 }
            if !categories.isEmpty { withCategories += 1 }
        }
        #expect(withGeo > 3)
        #expect(withCategories > 3)
    }

    @Test func geoIsTheDevicesElseTheUsers() throws {
        let both = try OpenRTBDecoder.decodeBidRequest(
            Array(
                #"{"id":"r","imp":[{"id":"1"}],"device":{"geo":{"country":"FRA","region":"75"}},"user":{"geo":{"country":"USA","region":"NY","utcoffset":-300}}}"#
                    .utf8
            )
        )
        let deviceFacts = RequestFacts(both)
        #expect(deviceFacts.country == "FRA")
        #expect(deviceFacts.region == "75")
        #expect(deviceFacts.utcOffset == nil)
        let userOnly = try OpenRTBDecoder.decodeBidRequest(
            Array(
                #"{"id":"r","imp":[{"id":"1"}],"device":{"os":"iOS"},"user":{"geo":{"country":"USA","utcoffset":-300}}}"#
                    .utf8
            )
        )
        let userFacts = RequestFacts(userOnly)
        #expect(userFacts.country == "USA")
        #expect(userFacts.utcOffset == -300)
        #expect(userFacts.os == "iOS")
    }
}
