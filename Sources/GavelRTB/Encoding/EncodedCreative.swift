extension OpenRTB.Bid {
    /// The members a bid takes from its creative and campaign, in the order ``OpenRTBEncoder``
    /// writes them: everything but the bid's own `id`, `impid`, `price`, notice URLs and `dealid`.
    struct CreativeMembers: Equatable {
        var adm: String?
        var adID: String?
        var adomain: [String]?
        var bundle: String?
        var iurl: String?
        var cid: String?
        var crid: String?
        var tactic: String?
        var cattax: Int?
        var cat: [String]?
        var attr: [Int]?
        var apis: [Int]?
        var w: Int?
        var h: Int?
        var wRatio: Int?
        var hRatio: Int?
        var exp: Int?
        var dur: Int?
        var mtype: Int?
        var slotInPod: Int?
    }

    var creativeMembers: CreativeMembers {
        CreativeMembers(
            adm: adm,
            adID: adID,
            adomain: adomain,
            bundle: bundle,
            iurl: iurl,
            cid: cid,
            crid: crid,
            tactic: tactic,
            cattax: cattax,
            cat: cat,
            attr: attr,
            apis: apis,
            w: w,
            h: h,
            wRatio: wRatio,
            hRatio: hRatio,
            exp: exp,
            dur: dur,
            mtype: mtype,
            slotInPod: slotInPod
        )
    }
}

/// A bid's creative members (``OpenRTB/Bid/encodedCreative``) written as JSON once, for every
/// bid of the creative to copy.
///
/// Why: the markup with its escaped quotes, the domains, categories, ids and size are the same
/// in every bid of a creative, and writing them was a third of encoding a bid. The bytes remember
/// the members they were written from, and ``OpenRTBEncoder`` uses them only while the bid still
/// has those members (a comparison that the shared `String` and `Array` storage of a bid made
/// from a template makes cheap), so a bid changed after it was given them encodes its own values.
public final class EncodedCreative: Sendable {
    /// What `head` and `tail` were written from.
    let members: OpenRTB.Bid.CreativeMembers
    /// The members before `dealid` (`adm` to `apis`), each starting with its comma.
    let head: [UInt8]
    /// The members after `dealid` (`w` to `slotinpod`), each starting with its comma.
    let tail: [UInt8]

    /// Writes the creative members `bid` has now.
    public init(_ bid: OpenRTB.Bid) {
        let members = bid.creativeMembers
        self.members = members
        head = Self.written { OpenRTBEncoder.writeHead(members, to: &$0) }
        tail = Self.written { OpenRTBEncoder.writeTail(members, to: &$0) }
    }

    private static func written(_ write: (inout JSONWriter) -> Void) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
            var writer = JSONWriter(buffer: buffer, afterMember: true)
            write(&writer)
            return writer.withBytes { Array($0) }
        }
    }
}

/// Where a bid keeps its ``EncodedCreative``, outside the bid's value: the bytes only spare
/// writing members the bid has anyway (and are ignored when it no longer has them), so two bids
/// with the same members are equal whether or not either has them — as a bid decoded from its
/// own JSON, which has none, equals the bid it was encoded from.
struct EncodingCache: Hashable, Sendable {
    var creative: EncodedCreative?

    static func == (lhs: EncodingCache, rhs: EncodingCache) -> Bool { true }

    func hash(into hasher: inout Hasher) {}
}
