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
        #expect(Normalized.operatingSystem(value) == value.lowercased())  // none of the samples is an alias
        let lower = value.lowercased()
        #expect(
            Normalized.domain(value) == (lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower)
        )
    }

    /// `device.os` is free text: an exchange that sends `Windows NT` (fluct) or `Mac OS X` reaches the campaigns
    /// that say `windows` or `os x`, in either spelling, and another OS is not folded in.
    @Test func operatingSystemsAreReadAsTheirFamily() {
        #expect(Normalized.operatingSystem("Windows NT") == "windows")
        #expect(Normalized.operatingSystem("Windows") == "windows")
        #expect(Normalized.operatingSystem("Mac OS X") == Normalized.operatingSystem("macOS"))
        #expect(Normalized.operatingSystem("macOS") == Normalized.operatingSystem("os x"))
        #expect(Normalized.operatingSystem("iPhone OS") == "ios")
        #expect(Normalized.operatingSystem("Windows Phone") == "windows phone")
        #expect(Normalized.operatingSystem("iPadOS") == "ipados")
    }
}
