/// Whether a bid request's personal data — the user's ids, the first-party audiences and
/// frequency counts keyed by them, `user.data` segments — may be used, and if not, why.
public enum PersonalDataPermission: Hashable, Sendable {
    case permitted
    case denied(PrivacyRestriction)

    public var isPermitted: Bool { self == .permitted }
}

/// The privacy signal that took personal data away from a request.
public enum PrivacyRestriction: String, Hashable, Sendable, CaseIterable {
    /// `regs.coppa` = 1: child-directed inventory.
    case coppa
    /// `regs.gdpr` = 1 and the bidder has no TCF vendor id to look itself up with.
    case gdprNoVendorID = "gdpr_no_vendor_id"
    /// `regs.gdpr` = 1 and `user.consent` is absent or not a well-formed TCF v2 string.
    case gdprNoConsentString = "gdpr_no_consent_string"
    /// `regs.gdpr` = 1 and purpose 1, 3 or 4 lacks the user's consent.
    case gdprPurposes = "gdpr_purposes"
    /// `regs.gdpr` = 1 and our vendor lacks the user's consent.
    case gdprVendor = "gdpr_vendor"
    /// `regs.us_privacy` says the user opted out of the sale of their data.
    case usPrivacyOptOut = "us_privacy_opt_out"

    /// The request member the restriction comes from: `coppa`, `gdpr` or `us_privacy`.
    public var signal: String {
        switch self {
        case .coppa: "coppa"
        case .gdprNoVendorID, .gdprNoConsentString, .gdprPurposes, .gdprVendor: "gdpr"
        case .usPrivacyOptOut: "us_privacy"
        }
    }
}

/// Decides, request by request, whether the bidder may use personal data — what an exchange
/// and an advertiser expect of a bidder that honours OpenRTB's privacy signals.
///
/// Checked in this order, the first that applies giving the reason:
/// 1. `regs.coppa` = 1 → denied (children's privacy: no profiling at all).
/// 2. `regs.gdpr` = 1 → permitted only if the bidder knows its IAB vendor id (``tcfVendorID``),
///    `user.consent` decodes as a TCF v2 string (``TCFConsent``), purposes 1 (store and access
///    information on a device), 3 (create a personalised ads profile) and 4 (select personalised
///    ads) have consent, and our vendor has consent. Legitimate interest is not enough: since
///    TCF 2.2 purposes 3 and 4 cannot rest on it, and purpose 1 never could. `gdpr` absent or 0
///    is not restricted by GDPR, and the consent string is then not decoded at all.
/// 3. `regs.us_privacy` opted out of sale → denied. A malformed string is not an opt-out
///    (see ``USPrivacy``).
///
/// GPP (`regs.gpp`, `regs.gpp_sid`) is not read: its sections are a format of their own, and
/// exchanges sending GPP still send the signals above alongside it during the transition.
///
/// Nothing is allocated: the common request (no `regs`) costs three `nil` checks.
public struct PrivacyPolicy: Hashable, Sendable {
    /// The bidder's id in the IAB Global Vendor List (`gavel serve --tcf-vendor-id`); without
    /// one, requests under GDPR get no personal data, since consent cannot be checked.
    public var tcfVendorID: Int?

    /// The purposes that must have consent under GDPR.
    public static let requiredPurposes = [1, 3, 4]

    public init(tcfVendorID: Int? = nil) {
        self.tcfVendorID = tcfVendorID
    }

    /// `borrowing`: the request is not copied.
    public func permission(for request: borrowing OpenRTB.BidRequest) -> PersonalDataPermission {
        guard case .some(let regs) = request.regs else { return .permitted }
        var consent: String?
        if regs.gdpr == 1, case .some(let user) = request.user { consent = user.consent }
        return permission(coppa: regs.coppa, gdpr: regs.gdpr, consent: consent, usPrivacy: regs.usPrivacy)
    }

    /// The decision from the signals themselves, as the request members of the same names.
    public func permission(coppa: Int?, gdpr: Int?, consent: String?, usPrivacy: String?) -> PersonalDataPermission {
        if coppa == 1 { return .denied(.coppa) }
        if gdpr == 1 {
            guard let tcfVendorID else { return .denied(.gdprNoVendorID) }
            guard let consent, let decoded = try? TCFConsent(decoding: consent) else {
                return .denied(.gdprNoConsentString)
            }
            guard Self.requiredPurposes.allSatisfy(decoded.purposeConsent) else { return .denied(.gdprPurposes) }
            guard decoded.vendorConsent(tcfVendorID) else { return .denied(.gdprVendor) }
        }
        if let usPrivacy, USPrivacy(usPrivacy).optedOutOfSale { return .denied(.usPrivacyOptOut) }
        return .permitted
    }
}
