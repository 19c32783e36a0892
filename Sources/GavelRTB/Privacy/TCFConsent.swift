/// An IAB TCF v2 consent string (`user.consent`), decoded: what the user allowed, and to which vendors.
///
/// The core segment (everything before the first `.`; the disclosed-vendor and publisher
/// segments after it are ignored) is base64url without padding, read as a bit string with the
/// fields of *IAB Tech Lab – Consent string and vendor list formats v2*, in order: version,
/// created, last updated, CMP id and version, consent screen, consent language, vendor list
/// version, TCF policy version, `IsServiceSpecific`, `UseNonStandardTexts`, special feature
/// opt-ins (12 bits), purpose consents (24), purpose legitimate interests (24), purpose one
/// treatment, publisher country code, then the vendor consent section and the vendor
/// legitimate-interest section, each a maximum vendor id followed by a bit field or a list of ranges.
///
/// Why decode it here instead of trusting an exchange flag: the string is the only record of
/// what the user agreed to, and the bidder must check its own vendor id and purposes in it.
///
/// Decoding reads the string's UTF-8 bytes in place and keeps the string (no copy, no array):
/// `init(decoding:)` walks the core segment once to check every field and range fits, and the
/// vendor lookups read the sections again where they lie. A string that is not base64url, is
/// not version 2, or ends before the end of the vendor legitimate-interest section is an error
/// (``TCFConsentError``), never a crash or a read past the end. Publisher restrictions (the
/// section after the vendor sections) are not read.
public struct TCFConsent: Hashable, Sendable {
    /// Always 2: other versions are refused.
    public let version: Int
    /// When the string was first created, in deciseconds since 1970 (UTC).
    public let created: Int64
    /// When it was last updated, in deciseconds since 1970 (UTC).
    public let lastUpdated: Int64
    public let cmpID: Int
    public let cmpVersion: Int
    public let consentScreen: Int
    /// Two upper-case letters (ISO 639-1), e.g. `EN`.
    public let consentLanguage: String
    public let vendorListVersion: Int
    public let policyVersion: Int
    public let isServiceSpecific: Bool
    public let usesNonStandardTexts: Bool
    /// Bit `n − 1` set: the user opted in to special feature `n` (1…12).
    public let specialFeatureOptIns: UInt16
    /// Bit `n − 1` set: purpose `n` (1…24) has the user's consent.
    public let purposeConsents: UInt32
    /// Bit `n − 1` set: the legitimate interest for purpose `n` was disclosed and not objected to.
    public let purposeLegitimateInterests: UInt32
    public let purposeOneTreatment: Bool
    /// Two upper-case letters (ISO 3166-1 alpha-2), e.g. `FR`.
    public let publisherCountryCode: String

    /// The whole string as received, its core segment being the first `coreLength` UTF-8 bytes.
    private let text: String
    private let coreLength: Int
    private let vendorConsents: TCFVendorSection
    private let vendorLegitimateInterests: TCFVendorSection

    /// Decodes `string`'s core segment.
    /// - Throws: ``TCFConsentError`` when it is not a well-formed TCF v2 core segment.
    public init(decoding string: String) throws(TCFConsentError) {
        var text = string
        // A no-op for native strings; a bridged one becomes contiguous once, here.
        text.makeContiguousUTF8()
        // `withContiguousStorageIfAvailable` rethrows untyped errors: the outcome travels as a value.
        let outcome = text.utf8.withContiguousStorageIfAvailable { all in
            Result { () throws(TCFConsentError) in try Self.parse(all) }
        }
        let parsed = try (outcome ?? .failure(.empty)).get()
        self.text = text
        (coreLength, version, created, lastUpdated) = (
            parsed.coreLength, parsed.version, parsed.created, parsed.updated
        )
        (cmpID, cmpVersion, consentScreen) = (parsed.cmpID, parsed.cmpVersion, parsed.consentScreen)
        (consentLanguage, vendorListVersion, policyVersion) = (parsed.language, parsed.listVersion, parsed.policy)
        (isServiceSpecific, usesNonStandardTexts) = (parsed.serviceSpecific, parsed.nonStandardTexts)
        (specialFeatureOptIns, purposeConsents) = (parsed.specialFeatures, parsed.purposes)
        (purposeLegitimateInterests, purposeOneTreatment) = (parsed.interests, parsed.purposeOne)
        (publisherCountryCode, vendorConsents, vendorLegitimateInterests) = (
            parsed.country, parsed.vendors, parsed.vendorInterests
        )
    }

    /// Whether purpose `purpose` (1…24) has the user's consent; `false` outside 1…24.
    public func purposeConsent(_ purpose: Int) -> Bool { Self.bit(purpose, of: purposeConsents) }

    /// Whether the legitimate interest for `purpose` (1…24) stands; `false` outside 1…24.
    public func purposeLegitimateInterest(_ purpose: Int) -> Bool {
        Self.bit(purpose, of: purposeLegitimateInterests)
    }

    /// Whether vendor `id` (its IAB Global Vendor List id) has the user's consent.
    public func vendorConsent(_ id: Int) -> Bool { contains(id, in: vendorConsents) }

    /// Whether vendor `id` may rely on its legitimate interest.
    public func vendorLegitimateInterest(_ id: Int) -> Bool { contains(id, in: vendorLegitimateInterests) }

    private static func bit(_ number: Int, of bits: UInt32) -> Bool {
        (1...24).contains(number) && bits & (1 << UInt32(number - 1)) != 0
    }

    /// `init` checked that the section lies inside the core segment, so these reads cannot fail.
    private func contains(_ id: Int, in section: TCFVendorSection) -> Bool {
        guard id >= 1, id <= section.maxVendorID else { return false }
        return text.utf8.withContiguousStorageIfAvailable { all in
            let bits = TCFBits(UnsafeBufferPointer(rebasing: all[..<coreLength]))
            guard section.isRangeEncoded else { return bits.unchecked(section.start + id - 1, 1) == 1 }
            var offset = section.start
            for _ in 0..<section.entries {
                let isRange = bits.unchecked(offset, 1) == 1
                let first = Int(bits.unchecked(offset + 1, 16))
                let last = isRange ? Int(bits.unchecked(offset + 17, 16)) : first
                if first <= id, id <= last { return true }
                offset += isRange ? 33 : 17
            }
            return false
        } ?? false
    }

    private struct Parsed {
        var coreLength = 0, version = 0, created: Int64 = 0, updated: Int64 = 0, cmpID = 0, cmpVersion = 0
        var consentScreen = 0, language = "", listVersion = 0, policy = 0
        var serviceSpecific = false, nonStandardTexts = false, specialFeatures: UInt16 = 0
        var purposes: UInt32 = 0, interests: UInt32 = 0, purposeOne = false, country = ""
        var vendors = TCFVendorSection(maxVendorID: 0, isRangeEncoded: false, start: 0, entries: 0)
        var vendorInterests = TCFVendorSection(maxVendorID: 0, isRangeEncoded: false, start: 0, entries: 0)
    }

    private static func parse(_ all: UnsafeBufferPointer<UInt8>) throws(TCFConsentError) -> Parsed {
        var parsed = Parsed()
        parsed.coreLength = all.firstIndex(of: UInt8(ascii: ".")) ?? all.count
        guard parsed.coreLength > 0 else { throw .empty }
        let core = UnsafeBufferPointer(rebasing: all[..<parsed.coreLength])
        if let bad = core.firstIndex(where: { !TCFBits.isBase64URL($0) }) { throw .invalidCharacter(offset: bad) }
        var reader = TCFBitReader(bits: TCFBits(core))
        parsed.version = Int(try reader.read(6))
        guard parsed.version == 2 else { throw .unsupportedVersion(parsed.version) }
        parsed.created = Int64(try reader.read(36))
        parsed.updated = Int64(try reader.read(36))
        parsed.cmpID = Int(try reader.read(12))
        parsed.cmpVersion = Int(try reader.read(12))
        parsed.consentScreen = Int(try reader.read(6))
        parsed.language = try reader.letters()
        parsed.listVersion = Int(try reader.read(12))
        parsed.policy = Int(try reader.read(6))
        parsed.serviceSpecific = try reader.read(1) == 1
        parsed.nonStandardTexts = try reader.read(1) == 1
        parsed.specialFeatures = UInt16(try reader.reversed(12))
        parsed.purposes = UInt32(try reader.reversed(24))
        parsed.interests = UInt32(try reader.reversed(24))
        parsed.purposeOne = try reader.read(1) == 1
        parsed.country = try reader.letters()
        parsed.vendors = try reader.vendorSection()
        parsed.vendorInterests = try reader.vendorSection()
        return parsed
    }
}

/// Where a vendor section's bits lie: a bit field of `maxVendorID` bits (vendor `n` at
/// `start + n − 1`), or `entries` ranges from `start`.
struct TCFVendorSection: Hashable, Sendable {
    var maxVendorID: Int
    var isRangeEncoded: Bool
    var start: Int
    var entries: Int
}

/// Why a consent string could not be decoded. Any of them means: no consent.
public enum TCFConsentError: Error, Hashable, Sendable {
    /// The string, or its core segment, is empty.
    case empty
    /// The UTF-8 byte at `offset` is not a base64url character (`A–Z a–z 0–9 - _`).
    case invalidCharacter(offset: Int)
    /// The first field is not 2 (`B…` strings are TCF v1).
    case unsupportedVersion(Int)
    /// The core segment ends inside the field starting at bit `bit`.
    case truncated(bit: Int)
    /// A language or country letter at bit `bit` is past `Z`.
    case invalidLetter(bit: Int)
    /// A vendor range is empty, starts at 0 or ends past the section's maximum vendor id.
    case invalidVendorRange(bit: Int)
}

/// The bits of a base64url string, most significant bit of each character first.
struct TCFBits {
    let characters: UnsafeBufferPointer<UInt8>

    init(_ characters: UnsafeBufferPointer<UInt8>) { self.characters = characters }

    var count: Int { characters.count * 6 }

    /// The 6-bit value of a base64url character, `nil` for any other byte.
    @inline(__always)
    static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// Whether `byte` is one of the 64 characters, as one bit test in a 128-bit mask: the check
    /// runs on every byte of the core segment, and the `switch` of ``sextet(_:)`` cost three
    /// times as much per byte.
    @inline(__always)
    static func isBase64URL(_ byte: UInt8) -> Bool {
        // Bits 45 (`-`) and 48–57 (`0`–`9`); then, from 64, `A`–`Z`, `_` and `a`–`z`.
        let low: UInt64 = 0x03FF_2000_0000_0000
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        return byte < 64 ? low >> byte & 1 == 1 : byte < 128 && high >> (byte - 64) & 1 == 1
    }

    /// `width` (≤ 64) bits from bit `offset`, first bit most significant; the caller checked that
    /// they lie inside the string and that every character is base64url. A character's bits are
    /// taken together: bit by bit, the header's 213 bits cost ≈ 7,700 instructions.
    @inline(__always)
    func unchecked(_ offset: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        var position = offset
        let end = offset + width
        while position < end {
            let index = position / 6
            let left = 6 - (position - index * 6)  // bits of this character from `position` on
            let taken = min(left, end - position)
            let sextet = UInt64(Self.sextet(characters[index]) ?? 0)
            value = value << UInt64(taken) | (sextet >> UInt64(left - taken)) & (1 << UInt64(taken) - 1)
            position += taken
        }
        return value
    }
}

/// Reads a ``TCFBits`` front to back, refusing any field that does not fit.
struct TCFBitReader {
    let bits: TCFBits
    private(set) var offset = 0

    init(bits: TCFBits) { self.bits = bits }

    mutating func read(_ width: Int) throws(TCFConsentError) -> UInt64 {
        guard width <= bits.count - offset else { throw .truncated(bit: offset) }
        defer { offset += width }
        return bits.unchecked(offset, width)
    }

    /// A bit field of `width` (≤ 32) flags with the first flag in the lowest bit (flag `n` at bit
    /// `n − 1`): the wire order reversed, by swapping halves, quarters, … of a 32-bit word.
    mutating func reversed(_ width: Int) throws(TCFConsentError) -> UInt64 {
        var value = UInt32(truncatingIfNeeded: try read(width)) << UInt32(32 - width)
        value = value >> 16 | value << 16
        value = (value & 0xFF00_FF00) >> 8 | (value & 0x00FF_00FF) << 8
        value = (value & 0xF0F0_F0F0) >> 4 | (value & 0x0F0F_0F0F) << 4
        value = (value & 0xCCCC_CCCC) >> 2 | (value & 0x3333_3333) << 2
        value = (value & 0xAAAA_AAAA) >> 1 | (value & 0x5555_5555) << 1
        return UInt64(value)
    }

    /// Two letters of 6 bits each, `A` = 0 (language and country codes).
    mutating func letters() throws(TCFConsentError) -> String {
        let pair = try read(12)
        guard pair >> 6 < 26, pair & 63 < 26 else { throw .invalidLetter(bit: offset - 12) }
        // Two ASCII bytes fit a small string: no allocation.
        return String(unsafeUninitializedCapacity: 2) { letters in
            letters[0] = UInt8(ascii: "A") + UInt8(pair >> 6)
            letters[1] = UInt8(ascii: "A") + UInt8(pair & 63)
            return 2
        }
    }

    /// A vendor section: `MaxVendorId` (16), `IsRangeEncoding` (1), then either `MaxVendorId` bits
    /// or `NumEntries` (12) entries of `IsARange` (1), a start id (16) and, for a range, an end id (16).
    mutating func vendorSection() throws(TCFConsentError) -> TCFVendorSection {
        let maxVendorID = Int(try read(16))
        let isRangeEncoded = try read(1) == 1
        guard isRangeEncoded else {
            let start = offset
            try skip(maxVendorID)
            return .init(maxVendorID: maxVendorID, isRangeEncoded: false, start: start, entries: 0)
        }
        let entries = Int(try read(12))
        let start = offset
        for _ in 0..<entries {
            let entry = offset
            let isRange = try read(1) == 1
            let first = Int(try read(16))
            let last = isRange ? Int(try read(16)) : first
            guard first >= 1, first <= last, last <= maxVendorID else { throw .invalidVendorRange(bit: entry) }
        }
        return .init(maxVendorID: maxVendorID, isRangeEncoded: true, start: start, entries: entries)
    }

    private mutating func skip(_ width: Int) throws(TCFConsentError) {
        guard width <= bits.count - offset else { throw .truncated(bit: offset) }
        offset += width
    }
}
