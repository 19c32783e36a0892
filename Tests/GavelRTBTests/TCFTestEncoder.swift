/// A TCF v2 core segment built field by field, for strings no published vector covers: range
/// and bit-field vendor sections of any shape, broken ranges, cuts at every length. Test-only:
/// the bidder never writes consent strings.
struct TCFTestString {
    enum Vendors {
        case bitField(max: Int, ids: Set<Int>)
        /// `(first, last)` entries; `first == last` is written as a single id.
        case ranges(max: Int, [(Int, Int)])
    }

    var version = 2
    var created: Int64 = 15_834_362_809
    var lastUpdated: Int64 = 15_834_362_809
    var cmpID = 7
    var cmpVersion = 1
    var consentScreen = 3
    var language = "EN"
    var vendorListVersion = 150
    var policyVersion = 4
    var isServiceSpecific = true
    var usesNonStandardTexts = false
    var specialFeatures: Set<Int> = []
    var purposeConsents: Set<Int> = [1, 3, 4]
    var purposeInterests: Set<Int> = [2, 7]
    var purposeOneTreatment = false
    var country = "DE"
    var vendorConsents = Vendors.bitField(max: 0, ids: [])
    var vendorInterests = Vendors.bitField(max: 0, ids: [])
    /// Bits appended after the vendor sections (publisher restrictions, say), which the decoder ignores.
    var trailer: [Bool] = []

    /// The bits, before padding to whole base64 characters.
    var bits: [Bool] {
        var bits: [Bool] = []
        func put(_ value: Int64, _ width: Int) {
            for shift in stride(from: width - 1, through: 0, by: -1) { bits.append(value >> Int64(shift) & 1 == 1) }
        }
        func put(_ value: Int, _ width: Int) { put(Int64(value), width) }
        func flags(_ set: Set<Int>, _ width: Int) { for flag in 1...width { bits.append(set.contains(flag)) } }
        func letters(_ text: String) {
            for letter in text.utf8 { put(Int(letter) - Int(UInt8(ascii: "A")), 6) }
        }
        func vendors(_ section: Vendors) {
            switch section {
            case .bitField(let max, let ids):
                put(max, 16)
                bits.append(false)
                if max > 0 { flags(ids, max) }
            case .ranges(let max, let entries):
                put(max, 16)
                bits.append(true)
                put(entries.count, 12)
                for (first, last) in entries {
                    bits.append(first != last)
                    put(first, 16)
                    if first != last { put(last, 16) }
                }
            }
        }
        put(version, 6)
        put(created, 36)
        put(lastUpdated, 36)
        put(cmpID, 12)
        put(cmpVersion, 12)
        put(consentScreen, 6)
        letters(language)
        put(vendorListVersion, 12)
        put(policyVersion, 6)
        bits.append(isServiceSpecific)
        bits.append(usesNonStandardTexts)
        flags(specialFeatures, 12)
        flags(purposeConsents, 24)
        flags(purposeInterests, 24)
        bits.append(purposeOneTreatment)
        letters(country)
        vendors(vendorConsents)
        vendors(vendorInterests)
        return bits + trailer
    }

    /// Base64url without padding, the last character's spare bits zero.
    var encoded: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let bits = bits
        var text = ""
        for start in stride(from: 0, to: bits.count, by: 6) {
            var value = 0
            for offset in 0..<6 { value = value << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0) }
            text.append(alphabet[value])
        }
        return text
    }

    /// How many bits a decoder must read: up to the end of the vendor legitimate-interest section.
    var requiredBits: Int { bits.count - trailer.count }
}
