import Foundation
import Testing

@testable import GavelRTB

/// The per-minute offset cache behind day-parting must agree with `TimeZone` second by second,
/// across daylight-saving transitions and in whatever order requests' times arrive.
@Suite struct ZoneOffsetsTests {
    @Test(arguments: [
        // New York springs forward at 2026-03-08 07:00 UTC: -5 h before, -4 h from then on.
        ("America/New_York", Int64(1_772_953_200)),
        // Lord Howe falls back by half an hour at 2026-04-04 15:00 UTC (+11:00 to +10:30).
        ("Australia/Lord_Howe", Int64(1_775_314_800)),
    ])
    func agreesWithTimeZoneAcrossATransition(zoneName: String, transition: Int64) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let offsets = ZoneOffsets(zone)
        let seconds = Array(transition - 130...transition + 130)
        for time in seconds + seconds.reversed() {
            let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time))))
            #expect(offsets.offset(at: time) == expected, "\(zoneName) at \(time)")
        }
        #expect(offsets.offset(at: transition - 1) != offsets.offset(at: transition))
    }

    @Test func newYorkKnownAnswers() throws {
        let offsets = ZoneOffsets(try #require(TimeZone(identifier: "America/New_York")))
        #expect(offsets.offset(at: 1_772_953_199) == -18_000)
        #expect(offsets.offset(at: 1_772_953_200) == -14_400)
    }
}
