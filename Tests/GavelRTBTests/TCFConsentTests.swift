import GavelCore
import PropertyBased
import Testing

@testable import GavelRTB

/// The TCF v2 decoder against published strings with known decoded values, then against
/// hand-built strings (``TCFTestString``) for the vendor encodings and every kind of damage.
@Suite struct TCFConsentTests {
    private static func purposes(_ consent: TCFConsent, _ read: (TCFConsent) -> (Int) -> Bool) -> Set<Int> {
        Set((0...25).filter(read(consent)))
    }

    private static func vendors(_ consent: TCFConsent, upTo max: Int, _ read: (TCFConsent) -> (Int) -> Bool) -> Set<Int>
    {
        Set((0...max + 2).filter(read(consent)))
    }

    // MARK: - Published vectors

    /// LiveRamp/iabconsent, `v2_parsed_consent_fixture_test.go` (commit 32e2283), first fixture
    /// (made with iabtcf.com's encoder): range-encoded vendor consents and legitimate interests,
    /// followed by disclosed-vendor and allowed-vendor segments, which are ignored.
    @Test func liveRampRangeEncodedFixture() throws {
        let consent = try TCFConsent(
            decoding: "COvzTO5OvzTO5B7ABCENAPCYAKdAADkAAIqIFhwBAAGAAXAFGAsMAhYAgAMAAegBYAEKAAA"
                + ".IFoEUQQgAIQwgIwQABAEAAAAOIAACAIAAAAQAIAgEAACEAAAAAgAQBAAAAAAAGBAAgAAAAAAAFAAECAAAgAAQARAEQAAAAAJAAIAAgAAAYQEAAAQmAgBC3ZAYzUw"
                + ".QE5QAwCvgHyATkA"
        )
        // 2020-03-05 19:24:40.9 UTC in deciseconds.
        #expect(consent.version == 2 && consent.created == 15_834_362_809 && consent.lastUpdated == 15_834_362_809)
        #expect(consent.cmpID == 123 && consent.cmpVersion == 1 && consent.consentScreen == 2)
        #expect(consent.consentLanguage == "EN" && consent.vendorListVersion == 15 && consent.policyVersion == 2)
        #expect(!consent.isServiceSpecific && consent.usesNonStandardTexts)
        #expect(consent.specialFeatureOptIns == 0b1)
        #expect(Self.purposes(consent, { $0.purposeConsent }) == [1, 3, 6, 7, 8, 10])
        #expect(Self.purposes(consent, { $0.purposeLegitimateInterest }) == [3, 4, 5, 8])
        #expect(consent.purposeOneTreatment && consent.publisherCountryCode == "FR")
        #expect(Self.vendors(consent, upTo: 720, { $0.vendorConsent }) == [12, 23, 163, 707])
        #expect(Self.vendors(consent, upTo: 720, { $0.vendorLegitimateInterest }) == [48, 61, 88, 133])
    }

    /// LiveRamp/iabconsent, same file, second fixture: range-encoded consents, a bit-field of
    /// legitimate interests, then three publisher restrictions (not read).
    @Test func liveRampBitFieldInterestsFixture() throws {
        let consent = try TCFConsent(decoding: "COvzTO5OvzTO5BRAAAENAPCoALIAADgAAAAAAewAwABAAlAB6ABBFADBQAQA9hAAAcAA")
        #expect(consent.cmpID == 81 && consent.cmpVersion == 0 && consent.consentScreen == 0)
        #expect(consent.consentLanguage == "EN" && consent.vendorListVersion == 15 && consent.policyVersion == 2)
        #expect(consent.isServiceSpecific && !consent.usesNonStandardTexts && consent.specialFeatureOptIns == 0b1)
        #expect(Self.purposes(consent, { $0.purposeConsent }) == [1, 3, 4, 7])
        #expect(Self.purposes(consent, { $0.purposeLegitimateInterest }) == [3, 4, 5])
        #expect(!consent.purposeOneTreatment && consent.publisherCountryCode == "AA")
        #expect(Self.vendors(consent, upTo: 61, { $0.vendorConsent }) == [2, 37, 61])
        #expect(Self.vendors(consent, upTo: 8, { $0.vendorLegitimateInterest }) == [2, 6, 8])
    }

    /// LiveRamp/iabconsent, same file, third fixture: both vendor sections bit fields of 720 vendors.
    @Test func liveRampBitFieldFixture() throws {
        let consent = try TCFConsent(
            decoding:
                "COvzTO5OvzTO5BZAFMENAPCgAAAAAAAAAAwIFoEUQQgAIQwgIwQABAEAAAAOIAACAIAAAAQAIAgEAACEAAAAAgAQBAAAAAAAGBAAg"
                + "AAAAAAAFAAECAAAgAAQARAEQAAAAAJAAIAAgAAAYQEAAAQmAgBC3ZAYzUwLQIoghAAQhhARggACAIAAAAcQAAEAQAAAAgAQBAIAAEIA"
                + "AAABAAgCAAAAAAAMCABAAAAAAAAKAAIEAABAAAgAiAIgAAAAASAAQABAAAAwgIAAAhMBACFuyAxmpgAA"
        )
        let vendors: Set<Int> = [
            2, 6, 8, 12, 18, 23, 37, 42, 47, 48, 53, 61, 65, 66, 72, 88, 98, 127, 128, 129, 133, 153, 163, 192, 205,
            215, 224, 243, 248, 281, 294, 304, 350, 351, 358, 371, 422, 424, 440, 447, 467, 486, 498, 502, 512, 516,
            553, 556, 571, 587, 612, 613, 618, 626, 648, 653, 656, 657, 665, 676, 681, 683, 684, 686, 687, 688, 690,
            691, 694, 702, 703, 707, 708, 711, 712, 714, 716, 719, 720,
        ]
        #expect(consent.cmpID == 89 && consent.cmpVersion == 5 && consent.consentScreen == 12)
        #expect(consent.isServiceSpecific && consent.publisherCountryCode == "GB")
        #expect(
            consent.specialFeatureOptIns == 0 && consent.purposeConsents == 0 && consent.purposeLegitimateInterests == 0
        )
        #expect(Self.vendors(consent, upTo: 720, { $0.vendorConsent }) == vendors)
        #expect(Self.vendors(consent, upTo: 720, { $0.vendorLegitimateInterest }) == vendors)
    }

    /// LiveRamp/iabconsent, same file, "Valid TCF v2.2" fixture: policy version 4.
    @Test func liveRampPolicyVersion4Fixture() throws {
        let consent = try TCFConsent(decoding: "COvzTO5OvzTO5B7ABCENAPEYAIAAAIAAAIqIAAoAAoAA.QAAo.IAAo")
        #expect(consent.policyVersion == 4 && consent.purposeOneTreatment && consent.publisherCountryCode == "FR")
        #expect(Self.purposes(consent, { $0.purposeConsent }) == [1])
        #expect(Self.purposes(consent, { $0.purposeLegitimateInterest }) == [1])
        #expect(Self.vendors(consent, upTo: 1, { $0.vendorConsent }) == [1])
        #expect(Self.vendors(consent, upTo: 1, { $0.vendorLegitimateInterest }) == [1])
    }

    /// prebid/go-gdpr, `vendorconsent/tcf2/metadata_test.go`: created and last updated at
    /// 2020-02-27 19:51:49 UTC, CMP id 923, CMP version 776, consent screen 56, languages BG
    /// and SV, purpose one treatment, special feature 1, legitimate interests 2–5.
    @Test(arguments: [
        ("COvcSpYOvcSpYC9AAAENAPCAAAAAAAAAAAAACvwDQABAAIAAYABIAC4AJQAagA9ACEAPgAjIBJoCvAK-AAAAAA", "created"),
        (
            "COyiBqdOyiBqdObAAAENAfCIAP8AAH-AAAAAB4AXQQgEAAAgoAAAAABAIYQUAAAAAAAAAAAAAAAIQIQCxIvkgQMAAAABgAIAAAAAAAAAAABAZAkAAA",
            "cmp"
        ),
        ("COyiCPlOyiCPlKxMIAENAfCAAAAAAAAAAAAAAAAAAAAA", "cmpVersion"),
        ("COyiFYuOyiFYuDKAA4ENAfCAAAAAAAAAAAAAAAAAAAAA", "screen"),
        ("COyiHgFOyiHgFN4ABABGAPCAAAAAAAAAAAAAAFAAAAoAAAA", "BG"),
        ("COyiHgFOyiHgFN4ABASVAPCAAAAAAAAAAAAAAFAAAAoAAAA", "SV"),
        ("COx3XOeOx3XOeLkAAAENAfCIAAAAAHgAAIAAAAAAAAAA", "tcf2"),
    ])
    func prebidGoGDPRFixtures(string: String, field: String) throws {
        let consent = try TCFConsent(decoding: string)
        switch field {
        case "created": #expect(consent.created / 10 == 1_582_833_109 && consent.lastUpdated / 10 == 1_582_833_109)
        case "cmp": #expect(consent.cmpID == 923)
        case "cmpVersion": #expect(consent.cmpVersion == 776)
        case "screen": #expect(consent.consentScreen == 56)
        case "BG", "SV": #expect(consent.consentLanguage == field)
        default:
            #expect(consent.purposeOneTreatment && consent.specialFeatureOptIns == 0b1)
            #expect(Self.purposes(consent, { $0.purposeLegitimateInterest }) == [2, 3, 4, 5])
        }
    }

    // MARK: - Hand-built strings

    @Test func rangesAndBitFieldsRoundTrip() throws {
        var string = TCFTestString()
        string.specialFeatures = [1, 12]
        string.purposeConsents = [1, 2, 24]
        string.vendorConsents = .ranges(max: 40_000, [(3, 3), (10, 20), (755, 755), (39_990, 40_000)])
        string.vendorInterests = .bitField(max: 70, ids: [1, 64, 70])
        let consent = try TCFConsent(decoding: string.encoded)
        #expect(consent.specialFeatureOptIns == 0b1000_0000_0001)
        #expect(Self.purposes(consent, { $0.purposeConsent }) == [1, 2, 24])
        #expect(Self.purposes(consent, { $0.purposeLegitimateInterest }) == [2, 7])
        #expect(
            Self.vendors(consent, upTo: 40_000, { $0.vendorConsent })
                == Set([3, 755]).union(10...20).union(39_990...40_000)
        )
        #expect(Self.vendors(consent, upTo: 70, { $0.vendorLegitimateInterest }) == [1, 64, 70])
        #expect(consent.consentLanguage == "EN" && consent.publisherCountryCode == "DE" && consent.cmpID == 7)
        // Vendor ids outside the sections, and purposes outside 1…24, are never granted.
        #expect(!consent.vendorConsent(0) && !consent.vendorConsent(-1) && !consent.vendorConsent(40_001))
        #expect(!consent.purposeConsent(0) && !consent.purposeConsent(25))
    }

    @Test func emptySectionsGrantNothing() throws {
        let consent = try TCFConsent(decoding: TCFTestString().encoded)
        #expect(Self.vendors(consent, upTo: 100, { $0.vendorConsent }).isEmpty)
        #expect(Self.vendors(consent, upTo: 100, { $0.vendorLegitimateInterest }).isEmpty)
    }

    /// Every cut of a valid string either still holds every required field (only padding or
    /// trailing sections were cut) and decodes to the same answers, or is ``TCFConsentError``:
    /// random strings cut at every length.
    @Test func truncationAtEveryLength() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SeededRandom(seed: seed)
            let string = Self.randomString(&random)
            let full = string.encoded
            let expected = try? TCFConsent(decoding: full)
            #expect(expected != nil)
            for length in 0..<full.utf8.count {
                let cut = String(full.prefix(length))
                switch Result(catching: { () throws(TCFConsentError) in try TCFConsent(decoding: cut) }) {
                case .success(let consent):
                    #expect(length * 6 >= string.requiredBits, "\(cut) decoded")
                    #expect(Self.sameAnswers(consent, expected, string))
                case .failure(let error):
                    #expect(length * 6 < string.requiredBits, "\(cut): \(error)")
                    #expect(length > 0 || error == .empty)
                }
            }
        }
    }

    /// Any byte that is not base64url, anywhere in the core segment, is refused with its offset;
    /// after the first `.` it does not matter.
    @Test func nonBase64CharactersAreRefused() async {
        let full = TCFTestString(vendorConsents: .ranges(max: 9, [(1, 9)])).encoded
        await propertyCheck(
            count: 200,
            input: Gen.int(in: 0...(full.count - 1)),
            Gen.element(of: ["+", "/", "=", " ", "é", "\u{0}", "\n", "%", "*"]).map { $0! }
        ) { position, intruder in
            var characters = Array(full)
            characters[position] = Character(intruder)
            let damaged = String(characters)
            let offset = damaged.utf8.count - String(characters[(position)...]).utf8.count
            #expect(throws: TCFConsentError.invalidCharacter(offset: offset)) { try TCFConsent(decoding: damaged) }
            #expect((try? TCFConsent(decoding: full + "." + intruder)) != nil)
        }
    }

    @Test func malformedStringsAreErrors() {
        func error(_ string: String) -> TCFConsentError? {
            if case .failure(let error) = Result(catching: { () throws(TCFConsentError) in
                try TCFConsent(decoding: string)
            }) {
                return error
            }
            return nil
        }
        #expect(error("") == .empty)
        #expect(error(".abc") == .empty)
        // TCF v1 (the corpus's 2.5-era request carries one).
        #expect(error("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA") == .unsupportedVersion(1))
        #expect(error(TCFTestString(version: 3).encoded) == .unsupportedVersion(3))
        #expect(error("C") == .truncated(bit: 6))
        // A range that starts at 0, runs backwards, or ends past the section's maximum id.
        let sectionStart = 213 + 16 + 1 + 12
        for entries in [[(0, 0)], [(5, 3)], [(1, 2), (8, 11)]] {
            let string = TCFTestString(vendorConsents: .ranges(max: 10, entries)).encoded
            let broken = entries.last!.0 == 8 ? sectionStart + 33 : sectionStart
            #expect(error(string) == .invalidVendorRange(bit: broken), "\(entries)")
        }
        // Language letters past Z.
        var letters = TCFTestString()
        letters.language = "E["
        #expect(error(letters.encoded) == .invalidLetter(bit: 108))
    }

    // MARK: - Helpers

    private static func randomString(_ random: inout SeededRandom) -> TCFTestString {
        func ids(_ max: Int) -> Set<Int> {
            Set((0..<Int(random.next() % 8)).map { _ in 1 + Int(random.next() % UInt64(max)) })
        }
        func section() -> TCFTestString.Vendors {
            let max = 1 + Int(random.next() % 300)
            if random.next() % 2 == 0 { return .bitField(max: max, ids: ids(max)) }
            let entries = ids(max).sorted().map { first in (first, min(max, first + Int(random.next() % 3))) }
            return .ranges(max: max, entries)
        }
        var string = TCFTestString()
        string.purposeConsents = ids(24)
        string.purposeInterests = ids(24)
        string.specialFeatures = ids(12)
        string.vendorConsents = section()
        string.vendorInterests = section()
        string.trailer = (0..<Int(random.next() % 40)).map { _ in random.next() % 2 == 0 }
        return string
    }

    private static func sameAnswers(_ consent: TCFConsent, _ expected: TCFConsent?, _ string: TCFTestString) -> Bool {
        guard let expected else { return false }
        return (0...302).allSatisfy { id in
            consent.vendorConsent(id) == expected.vendorConsent(id)
                && consent.vendorLegitimateInterest(id) == expected.vendorLegitimateInterest(id)
        } && consent.purposeConsents == expected.purposeConsents && consent.created == expected.created
            && consent.purposeConsents == UInt32(string.purposeConsents.reduce(0) { $0 | 1 << ($1 - 1) })
    }
}
