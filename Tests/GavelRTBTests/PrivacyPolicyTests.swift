import Testing

@testable import GavelRTB

/// ``PrivacyPolicy`` as a decision table over COPPA, GDPR with its TCF consent, and the US
/// Privacy string, then read from whole requests (2.6 members and their 2.5 `ext` homes).
@Suite struct PrivacyPolicyTests {
    private static let vendor = 755

    /// Purposes 1, 3 and 4 and our vendor consented: what GDPR requires of us.
    private static let granted = TCFTestString(vendorConsents: .ranges(max: 800, [(700, 760)])).encoded
    private static let missingPurpose4 = TCFTestString(
        purposeConsents: [1, 3, 7],
        vendorConsents: .bitField(max: 755, ids: [755])
    ).encoded
    /// Legitimate interest for every purpose and for our vendor does not stand in for consent.
    private static let interestOnly = TCFTestString(
        purposeConsents: [],
        purposeInterests: Set(1...10),
        vendorInterests: .bitField(max: 755, ids: [755])
    ).encoded
    private static let otherVendor = TCFTestString(vendorConsents: .bitField(max: 754, ids: [12, 754])).encoded

    @Test(
        arguments: [
            // (coppa, gdpr, consent, us_privacy, vendor id) → decision
            (nil, nil, nil, nil, vendor, PersonalDataPermission.permitted),
            (0, 0, nil, "1NNN", vendor, .permitted),
            (1, nil, nil, nil, vendor, .denied(.coppa)),
            // COPPA wins over a perfect consent.
            (1, 1, granted, nil, vendor, .denied(.coppa)),
            (nil, 1, granted, nil, vendor, .permitted),
            (nil, 1, granted, nil, nil, .denied(.gdprNoVendorID)),
            (nil, 1, nil, nil, vendor, .denied(.gdprNoConsentString)),
            (nil, 1, "", nil, vendor, .denied(.gdprNoConsentString)),
            (nil, 1, "not a consent string", nil, vendor, .denied(.gdprNoConsentString)),
            (nil, 1, String(granted.prefix(40)), nil, vendor, .denied(.gdprNoConsentString)),
            (nil, 1, "BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA", nil, vendor, .denied(.gdprNoConsentString)),
            (nil, 1, missingPurpose4, nil, vendor, .denied(.gdprPurposes)),
            (nil, 1, interestOnly, nil, vendor, .denied(.gdprPurposes)),
            (nil, 1, otherVendor, nil, vendor, .denied(.gdprVendor)),
            // Not under GDPR: the consent string is not even read.
            (nil, 0, "not a consent string", nil, nil, .permitted),
            (nil, nil, otherVendor, nil, nil, .permitted),
            // US Privacy: only an opt-out of sale restricts; malformed strings do not.
            (nil, nil, nil, "1YYN", vendor, .denied(.usPrivacyOptOut)),
            (nil, nil, nil, "1nyn", vendor, .denied(.usPrivacyOptOut)),
            (nil, nil, nil, "1YNY", vendor, .permitted),
            (nil, nil, nil, "1---", vendor, .permitted),
            (nil, nil, nil, "2YYN", vendor, .permitted),
            (nil, nil, nil, "1YY", vendor, .permitted),
            (nil, 1, granted, "1YYN", vendor, .denied(.usPrivacyOptOut)),
        ] as [(Int?, Int?, String?, String?, Int?, PersonalDataPermission)]
    )
    func decisionTable(
        coppa: Int?,
        gdpr: Int?,
        consent: String?,
        usPrivacy: String?,
        vendorID: Int?,
        expected: PersonalDataPermission
    ) {
        let policy = PrivacyPolicy(tcfVendorID: vendorID)
        #expect(policy.permission(coppa: coppa, gdpr: gdpr, consent: consent, usPrivacy: usPrivacy) == expected)
    }

    /// A published string (LiveRamp/iabconsent's second v2 fixture: purposes 1, 3, 4, 7 and
    /// vendors 2, 37, 61 consented) read as the bidder reads it.
    @Test func publishedStringGrantsItsVendorsOnly() {
        let consent = "COvzTO5OvzTO5BRAAAENAPCoALIAADgAAAAAAewAwABAAlAB6ABBFADBQAQA9hAAAcAA"
        for vendor in [2, 37, 61] {
            #expect(
                PrivacyPolicy(tcfVendorID: vendor).permission(coppa: nil, gdpr: 1, consent: consent, usPrivacy: nil)
                    == .permitted
            )
        }
        #expect(
            PrivacyPolicy(tcfVendorID: 12).permission(coppa: nil, gdpr: 1, consent: consent, usPrivacy: nil)
                == .denied(.gdprVendor)
        )
    }

    @Test(arguments: [
        ("1YNN", false, false), ("1NYN", true, false), ("1-Y-", true, false), ("1---", false, false),
        ("", false, true), ("1", false, true), ("1YYNN", false, true), ("0YYN", false, true), ("1YXN", false, true),
        ("1YÿN", false, true),
    ])
    func usPrivacyStrings(string: String, optedOut: Bool, malformed: Bool) {
        let signal = USPrivacy(string)
        #expect(signal.optedOutOfSale == optedOut && signal.isMalformed == malformed)
    }

    /// From the request: `regs` and `user.consent`, or their 2.5-era `ext` homes.
    @Test func readsTheRequestsSignals() throws {
        func permission(_ members: String, vendor: Int? = Self.vendor) throws -> PersonalDataPermission {
            let json = #"{"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250}}]"# + members + "}"
            let request = try Array(json.utf8).withUnsafeBytes {
                try BidRequestValidator(scope: .bidding).read($0).get()
            }
            return PrivacyPolicy(tcfVendorID: vendor).permission(for: request)
        }
        #expect(try permission("") == .permitted)
        #expect(try permission(#","regs":{"coppa":1}"#) == .denied(.coppa))
        #expect(try permission(#","regs":{"gdpr":1}"#) == .denied(.gdprNoConsentString))
        #expect(try permission(#","regs":{"gdpr":1},"user":{"consent":"\#(Self.granted)"}"#) == .permitted)
        #expect(
            try permission(#","regs":{"gdpr":1},"user":{"consent":"\#(Self.granted)"}"#, vendor: nil)
                == .denied(.gdprNoVendorID)
        )
        #expect(
            try permission(#","regs":{"ext":{"gdpr":1}},"user":{"ext":{"consent":"\#(Self.granted)"}}"#) == .permitted
        )
        #expect(
            try permission(#","regs":{"ext":{"gdpr":1}},"user":{"ext":{"consent":"\#(Self.otherVendor)"}}"#)
                == .denied(.gdprVendor)
        )
        #expect(try permission(#","regs":{"ext":{"us_privacy":"1YYY"}}"#) == .denied(.usPrivacyOptOut))
        // The 2.6 member wins over its `ext` twin.
        #expect(try permission(#","regs":{"gdpr":0,"ext":{"gdpr":1}}"#) == .permitted)
    }

    @Test func everyRestrictionNamesItsSignal() {
        #expect(PrivacyRestriction.allCases.map(\.signal) == ["coppa", "gdpr", "gdpr", "gdpr", "gdpr", "us_privacy"])
    }
}
