/// Names the features a request offers a ``LogisticModel`` and hashes them without building strings.
///
/// Features are `name=value` pairs, hashed with 64-bit FNV-1a over their UTF-8 bytes:
/// `country` (geo country), `region`, `devicetype`, `os` (lower-case), `connectiontype`,
/// `domain` (site, normalised as ``Normalized/domain(_:)``) or `bundle` (app), `pos`, `size`
/// (`300x250`), `mediatype` (`banner`, `video`, `audio`, `native`), `hour` (0–23, user's local
/// time), `campaign` and `creative` ids. An absent value produces no feature.
public enum FeatureHasher {
    private static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a of a complete `name=value` text, as used when a model file is read.
    public static func hash(_ feature: String) -> UInt64 {
        var state = offsetBasis
        for byte in feature.utf8 { mix(&state, byte) }
        return state
    }

    /// The features of one impression for one campaign and creative.
    public static func features(
        request: OpenRTB.BidRequest,
        impIndex: Int,
        campaign: Campaign,
        creative: Creative,
        at unixTime: Int64
    ) -> [UInt64] {
        impressionFeatures(request: request, impIndex: impIndex, at: unixTime)
            + creativeFeatures(
                campaignID: campaign.id,
                creativeID: creative.id,
                mediaType: creative.mediaType,
                size: creative.size
            )
    }

    /// The features that depend only on the request and impression (geo, device, inventory,
    /// position, local hour): computed once per impression, shared by every campaign priced on it.
    public static func impressionFeatures(request: OpenRTB.BidRequest, impIndex: Int, at unixTime: Int64) -> [UInt64] {
        var features: [UInt64] = []
        features.reserveCapacity(10)
        impressionFeatures(request: request, RequestFacts(request), impIndex: impIndex, at: unixTime, into: &features)
        return features
    }

    /// ``impressionFeatures(request:impIndex:at:)`` appended to `features`: the bidder passes its
    /// per-thread scratch, so no array is allocated per impression.
    static func impressionFeatures(
        request: OpenRTB.BidRequest,
        _ facts: RequestFacts,
        impIndex: Int,
        at unixTime: Int64,
        into features: inout [UInt64]
    ) {
        add(&features, "country", facts.country)
        add(&features, "region", facts.region)
        add(&features, "devicetype", facts.deviceType)
        add(&features, "os", facts.os, lowercased: true)
        add(&features, "connectiontype", facts.connectionType)
        if var domain = facts.siteDomain {
            domain.withUTF8 { bytes in
                let lower = bytes.lazy.map(lowercase)
                let skipWWW = lower.starts(with: "www.".utf8) ? 4 : 0
                add(&features, "domain", bytes: lower.dropFirst(skipWWW))
            }
        }
        add(&features, "bundle", facts.appBundle)
        // In place: `request.imp[impIndex]` copied the whole `Imp` for each of the two reads.
        let pos = request.imp.withUnsafeBufferPointer { $0[impIndex].banner?.pos ?? $0[impIndex].video?.pos }
        add(&features, "pos", pos)
        let localSeconds = unixTime + Int64(facts.utcOffset ?? 0) * 60
        add(&features, "hour", Int(((localSeconds % 86_400) + 86_400) % 86_400 / 3600))
    }

    /// The features of the campaign and creative: size, media type and the two ids.
    static func creativeFeatures(
        campaignID: String,
        creativeID: String,
        mediaType: MediaType,
        size: AdSize?
    ) -> [UInt64] {
        var features: [UInt64] = []
        features.reserveCapacity(4)
        if let size {
            var state = prefix("size")
            append(size.w, to: &state)
            mix(&state, UInt8(ascii: "x"))
            append(size.h, to: &state)
            features.append(state)
        }
        add(&features, "mediatype", bytes: name(of: mediaType).utf8)
        add(&features, "campaign", campaignID)
        add(&features, "creative", creativeID)
        return features
    }

    private static func name(of mediaType: MediaType) -> String {
        switch mediaType {
        case .banner: "banner"
        case .video: "video"
        case .audio: "audio"
        case .native: "native"
        }
    }

    @inline(__always)
    private static func mix(_ state: inout UInt64, _ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* prime
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func add(
        _ features: inout [UInt64],
        _ name: StaticString,
        _ value: String?,
        lowercased: Bool = false
    ) {
        // Through the contiguous UTF-8 buffer: stepping a `String.UTF8View` costs several times
        // as much per byte, and these are hashed for every impression priced.
        guard var value else { return }
        value.withUTF8 { bytes in
            if lowercased {
                add(&features, name, bytes: bytes.lazy.map(lowercase))
            } else {
                add(&features, name, bytes: bytes)
            }
        }
    }

    private static func add(_ features: inout [UInt64], _ name: StaticString, bytes: some Sequence<UInt8>) {
        var state = prefix(name)
        for byte in bytes { mix(&state, byte) }
        features.append(state)
    }

    private static func add(_ features: inout [UInt64], _ name: StaticString, _ value: Int?) {
        guard let value else { return }
        var state = prefix(name)
        append(value, to: &state)
        features.append(state)
    }

    /// Mixes in the decimal digits of `value`, as `String(value)` would spell them.
    private static func append(_ value: Int, to state: inout UInt64) {
        if value < 0 { mix(&state, UInt8(ascii: "-")) }
        var divisor: UInt = 1
        while divisor <= value.magnitude / 10 { divisor *= 10 }
        var remaining = value.magnitude
        repeat {
            mix(&state, UInt8(ascii: "0") + UInt8(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// The hash state after `name=`.
    private static func prefix(_ name: StaticString) -> UInt64 {
        var state = offsetBasis
        for index in 0..<name.utf8CodeUnitCount { mix(&state, name.utf8Start[index]) }
        mix(&state, UInt8(ascii: "="))
        return state
    }
}
