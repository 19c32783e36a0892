import GavelRTB
import Testing

/// ``Normalized`` returns already-normalised ASCII values as they are; whatever it returns must
/// be what the full case mapping gives.
@Suite struct NormalizedTests {
    static let samples = [
        "", "us", "US", "Us", "gbr", "ios", "iOS", "Android", "example.com", "Example.com",
        "www.example.com",
        "WWW.Example.COM", "Www.example.com", "www.", "www", "wwwx.com", "sub.www.example.com", "ß",
        "straße.de",
        "İstanbul", "éx.fr", "ÉX.FR", "www.été.fr", "com.example.app", "a-b_c~d", "123", "\u{7F}",
        "x\u{0}y",
    ]

    @Test(arguments: samples)
    func sameAsFullCaseMapping(_ value: String) {
        #expect(Normalized.country(value) == value.uppercased())
        #expect(Normalized.operatingSystem(value) == value.lowercased())
        let lower = value.lowercased()
        #expect(
            Normalized.domain(value) == (lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower)
        )
    }
}
