import Foundation
import GavelRTB
import Testing

/// The byte-level decoder must read every corpus document exactly as `JSONDecoder` reads it
/// through the `Decodable` conformances of the same model types.
@Suite struct CorpusEquivalenceTests {
    @Test func corpusIsPresent() {
        #expect(Fixtures.requestNames().count == 15)
        #expect(Fixtures.responseNames().count == 9)
    }

    @Test(arguments: Fixtures.requestNames())
    func requestDecodesLikeJSONDecoder(name: String) throws {
        let bytes = Fixtures.request(name)
        let streamed = try OpenRTBDecoder.decodeBidRequest(bytes)
        let reference = try JSONDecoder().decode(OpenRTB.BidRequest.self, from: Data(bytes))
        #expect(streamed == reference, "\(name)")
    }

    @Test(arguments: Fixtures.responseNames().filter { !$0.contains("ortb30") })
    func responseDecodesLikeJSONDecoder(name: String) throws {
        let bytes = Fixtures.response(name)
        let streamed = try OpenRTBDecoder.decodeBidResponse(bytes)
        let reference = try JSONDecoder().decode(OpenRTB.BidResponse.self, from: Data(bytes))
        #expect(streamed == reference, "\(name)")
        #expect(!streamed.seatBid.isEmpty)
    }

    @Test func responseEnvelopeOfOpenRTB3HasNo2xContent() throws {
        let bytes = Fixtures.response("mxmcherry-ortb30-response-envelope.json")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OpenRTB.BidResponse.self, from: Data(bytes)) }
        let streamed = try OpenRTBDecoder.decodeBidResponse(bytes)
        #expect(streamed.id == "" && streamed.seatBid.isEmpty)
    }
}
