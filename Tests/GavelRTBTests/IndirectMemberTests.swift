import Testing

@testable import GavelRTB

/// `video`, `audio` and `dooh` live in boxes (`OpenRTB.Indirect`) and must still behave as plain
/// optional values: decoded in place, replaced whole, compared by value, never shared by mutation.
@Suite struct IndirectMemberTests {
    @Test func boxedMembersKeepTheirStructsSmall() {
        // Inline, `Video` and `Audio` made an `Imp` ≈ 1,190 bytes and `DOOH` added ≈ 540 to a request.
        #expect(MemoryLayout<OpenRTB.Imp>.size < 512)
        #expect(MemoryLayout<OpenRTB.Indirect<OpenRTB.Video>>.size == MemoryLayout<Int>.size)
    }

    @Test func repeatedBoxedMemberReplacesTheEarlierOne() throws {
        let request = try OpenRTBDecoder.decodeBidRequest(
            Array(#"{"id":"r","imp":[{"id":"1","video":{"w":1,"h":2},"video":{"w":3}}],"dooh":{"id":"d"}}"#.utf8)
        )
        #expect(request.imp[0].video?.w == 3)
        #expect(request.imp[0].video?.h == nil)
        #expect(request.imp[0].audio == nil)
        #expect(request.dooh?.id == "d")
    }

    @Test func copiesAreIndependentAndCompareByValue() {
        var original = OpenRTB.Imp()
        original.video = OpenRTB.Video()
        original.video?.w = 300
        var copy = original
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
        copy.video?.w = 320
        #expect(original.video?.w == 300)
        #expect(copy != original)
        copy.video?.w = 300
        #expect(copy == original)  // equal values in different boxes
        copy.video = nil
        #expect(copy.video == nil && original.video != nil)
    }
}
