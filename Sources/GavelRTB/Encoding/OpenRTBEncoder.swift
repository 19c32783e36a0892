import CGavelSIMD
import GavelCore

/// Writes bid responses as compact JSON bytes, without `JSONEncoder`'s boxing.
///
/// Prices are written from their exact micros (`1.25`, not `1.2500000000000002`), absent
/// optionals are left out, and an empty `seatbid` is omitted so a no-bid is just
/// `{"id":"…","nbr":2}`.
public enum OpenRTBEncoder {
    public static func encode(_ response: OpenRTB.BidResponse) -> [UInt8] {
        withEncoded(response) { Array($0) }
    }

    /// Appends the response to `output`, so a server can reuse one buffer per connection.
    public static func encode(_ response: OpenRTB.BidResponse, into output: inout [UInt8]) {
        withEncoded(response) { output.append(contentsOf: $0) }
    }

    /// Calls `body` with the response's JSON, written in one buffer sized for it up front: no
    /// array is allocated, grown or copied on the way.
    /// - Parameter notices: writes each bid's `nurl`, `burl` and `lurl` in place of the bid's own.
    public static func withEncoded<R>(
        _ response: OpenRTB.BidResponse,
        notices: (any NoticeURLSource)? = nil,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: estimatedByteCount(of: response, notices: notices)) {
            buffer in
            var writer = JSONWriter(buffer: buffer)
            write(response, notices: notices, to: &writer)
            return writer.withBytes(body)
        }
    }

    /// Writes the response's JSON into `output` — a server's outgoing buffer, so that the bytes
    /// are written once, where they are sent from: through ``withEncoded(_:notices:_:)`` they
    /// went to a heap buffer of their own first and were copied.
    /// - Returns: the number of bytes written, or `nil` if they did not fit (nothing useful is
    ///   left in `output` then); ``estimatedByteCount(of:notices:)`` bytes are enough unless
    ///   escapes lengthen the strings.
    public static func encode(
        _ response: OpenRTB.BidResponse,
        notices: (any NoticeURLSource)?,
        into output: UnsafeMutableRawBufferPointer
    ) -> Int? {
        var writer = JSONWriter(buffer: output.bindMemory(to: UInt8.self))
        write(response, notices: notices, to: &writer)
        return writer.isInGivenBuffer ? writer.count : nil
    }

    /// Room for the whole response: the three notice URLs and the markup alone outgrow a fixed
    /// guess.
    public static func estimatedByteCount(
        of response: OpenRTB.BidResponse,
        notices: (any NoticeURLSource)?
    ) -> Int {
        var capacity = 256
        for seat in response.seatBid {
            // By position: `for bid in seat.bid` copied each bid.
            for index in seat.bid.indices {
                capacity += 384 + (notices?.estimatedBytes ?? 0)
                capacity += seat.bid[index].adm?.utf8.count ?? 0
                capacity += seat.bid[index].nurl?.utf8.count ?? 0
                capacity += seat.bid[index].burl?.utf8.count ?? 0
                capacity += seat.bid[index].lurl?.utf8.count ?? 0
            }
        }
        return capacity
    }

    private static func write(
        _ response: OpenRTB.BidResponse,
        notices: (any NoticeURLSource)?,
        to writer: inout JSONWriter
    ) {
        writer.object { writer in
            writer.member("id", string: response.id)
            if !response.seatBid.isEmpty {
                writer.member("seatbid") { writer in
                    writer.array(response.seatBid) { writer, seat in write(seat, notices: notices, to: &writer) }
                }
            }
            writer.member("bidid", string: response.bidID)
            writer.member("cur", string: response.cur)
            writer.member("customdata", string: response.customData)
            writer.member("nbr", int: response.nbr?.rawValue)
        }
    }

    private static func write(_ seat: OpenRTB.SeatBid, notices: (any NoticeURLSource)?, to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("bid") { writer in
                writer.array(seat.bid) { writer, bid in write(bid, notices: notices, to: &writer) }
            }
            writer.member("seat", string: seat.seat)
            writer.member("group", int: seat.group)
        }
    }

    private static func write(_ bid: OpenRTB.Bid, notices: (any NoticeURLSource)?, to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", string: bid.id)
            writer.member("impid", string: bid.impID)
            // Read out first: a closure that reads `bid` captured a copy of the whole bid.
            let price = bid.price.micros
            writer.member("price") { writer in writer.decimal(price) }
            if let notices {
                notices.withNoticeURLs(for: bid) { nurl, burl, lurl in
                    writer.member("nurl", parts: nurl)
                    writer.member("burl", parts: burl)
                    writer.member("lurl", parts: lurl)
                }
            } else {
                writer.member("nurl", string: bid.nurl)
                writer.member("burl", string: bid.burl)
                writer.member("lurl", string: bid.lurl)
            }
            let members = bid.creativeMembers
            if let encoded = bid.encodedCreative, encoded.members == members {
                writer.appendMembers(encoded.head)
                writer.member("dealid", string: bid.dealID)
                writer.appendMembers(encoded.tail)
            } else {
                writeHead(members, to: &writer)
                writer.member("dealid", string: bid.dealID)
                writeTail(members, to: &writer)
            }
        }
    }

    /// The creative's members the bid's JSON has before `dealid`.
    static func writeHead(_ members: OpenRTB.Bid.CreativeMembers, to writer: inout JSONWriter) {
        writer.member("adm", string: members.adm)
        writer.member("adid", string: members.adID)
        writer.member("adomain", strings: members.adomain)
        writer.member("bundle", string: members.bundle)
        writer.member("iurl", string: members.iurl)
        writer.member("cid", string: members.cid)
        writer.member("crid", string: members.crid)
        writer.member("tactic", string: members.tactic)
        writer.member("cattax", int: members.cattax)
        writer.member("cat", strings: members.cat)
        writer.member("attr", ints: members.attr)
        writer.member("apis", ints: members.apis)
    }

    /// The creative's members after `dealid`, the last of the bid's JSON.
    static func writeTail(_ members: OpenRTB.Bid.CreativeMembers, to writer: inout JSONWriter) {
        writer.member("w", int: members.w)
        writer.member("h", int: members.h)
        writer.member("wratio", int: members.wRatio)
        writer.member("hratio", int: members.hRatio)
        writer.member("exp", int: members.exp)
        writer.member("dur", int: members.dur)
        writer.member("mtype", int: members.mtype)
        writer.member("slotinpod", int: members.slotInPod)
    }
}

/// Supplies each bid's notice URLs while a response is encoded, in place of its `nurl`, `burl`
/// and `lurl` members.
///
/// Why: a server signs three URLs per bid; made into strings, set on the bid and then copied
/// (and scanned for escapes) by the encoder, they cost more than the rest of the bid's JSON.
/// Here each URL is handed over as the byte runs it is made of, written once, into the response.
public protocol NoticeURLSource {
    /// Calls `body` once with the bid's `nurl`, `burl` and `lurl`, each the concatenation of its
    /// parts; the buffers are valid during the call only.
    func withNoticeURLs(
        for bid: borrowing OpenRTB.Bid,
        _ body: (_ nurl: NoticeURLParts, _ burl: NoticeURLParts, _ lurl: NoticeURLParts) -> Void
    )

    /// About how many bytes the three URLs of a bid take, to size the response buffer.
    var estimatedBytes: Int { get }
}

/// One URL as consecutive byte runs: a base, escaped as JSON requires, then three runs (for
/// instance path, query and suffix) that the source guarantees are plain URL bytes — no quote,
/// backslash or control byte — written as they are: a notice query is percent-encoded, macros
/// and signature included, and scanning it again for escapes was a fifth of encoding a bid.
public typealias NoticeURLParts = (
    UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>
)

/// A minimal JSON byte writer: objects and arrays open and close through closures, so commas
/// and nesting cannot go wrong.
///
/// It writes through a raw pointer into a buffer it is given (the encoder's stack buffer) and
/// moves to a heap buffer of twice the size when that fills: every member of a bid was two or
/// three `Array` appends, each with its uniqueness and capacity checks, and those were most of
/// what encoding cost once strings were copied in runs.
struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// Whether `start` was allocated here (and is freed here), rather than given.
    private var ownsStorage = false
    private var needsComma = false

    /// - Parameter afterMember: whether the bytes continue an object that already has a member,
    ///   so the first member written starts with a comma (``EncodedCreative``'s runs).
    init(buffer: UnsafeMutableBufferPointer<UInt8>, afterMember: Bool = false) {
        start = buffer.baseAddress!
        capacity = buffer.count
        needsComma = afterMember
    }

    deinit {
        if ownsStorage { start.deallocate() }
    }

    /// Whether everything written so far is in the buffer given to `init` (it never had to grow).
    var isInGivenBuffer: Bool { !ownsStorage }

    /// Calls `body` with the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to minimum: Int) {
        let larger = max(2 * capacity, minimum)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: start, count: count)
        if ownsStorage { start.deallocate() }
        start = moved
        capacity = larger
        ownsStorage = true
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let source = bytes.baseAddress { (start + count).initialize(from: source, count: bytes.count) }
        count += bytes.count
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Each element is handed to `element` in place: iterating the array copied every bid (and
    /// its strings' references) and destroyed the copy once written.
    mutating func array<Element>(_ elements: [Element], _ element: (inout JSONWriter, Element) -> Void) {
        append(UInt8(ascii: "["))
        needsComma = false
        elements.withUnsafeBufferPointer { elements in
            for index in elements.indices {
                if needsComma { append(UInt8(ascii: ",")) }
                element(&self, elements[index])
                needsComma = true
            }
        }
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":` and then the value `body` writes.
    mutating func member(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        reserve(name.utf8CodeUnitCount + 4)
        if needsComma { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
        body(&self)
        needsComma = true
    }

    /// Appends members written by a writer made `afterMember` (each starts with its comma), inside
    /// an object that already has a member.
    mutating func appendMembers(_ bytes: [UInt8]) {
        assert(needsComma, "members appended before the object's first member")
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func member(_ name: StaticString, string value: String?) {
        guard let value else { return }
        member(name) { writer in writer.string(value) }
    }

    /// A string member whose value is the concatenation of `parts`, escaped as one string.
    mutating func member(_ name: StaticString, parts: NoticeURLParts) {
        member(name) { writer in
            writer.append(UInt8(ascii: "\""))
            writer.escaped(parts.0)
            writer.appendPlain(parts.1)
            writer.appendPlain(parts.2)
            writer.appendPlain(parts.3)
            writer.append(UInt8(ascii: "\""))
        }
    }

    mutating func member(_ name: StaticString, int value: Int?) {
        guard let value else { return }
        member(name) { writer in writer.integer(Int64(value)) }
    }

    mutating func member(_ name: StaticString, strings values: [String]?) {
        guard let values else { return }
        member(name) { writer in writer.array(values) { writer, value in writer.string(value) } }
    }

    mutating func member(_ name: StaticString, ints values: [Int]?) {
        guard let values else { return }
        member(name) { writer in writer.array(values) { writer, value in writer.integer(Int64(value)) } }
    }

    /// Copies runs of bytes that need no escaping in one append each, finding the end of a run
    /// eight bytes at a time (the decoder's SWAR test): markup and notice URLs are hundreds of
    /// bytes with at most a few quotes, and testing them byte by byte was most of encoding a bid.
    mutating func string(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { escaped($0) }
        append(UInt8(ascii: "\""))
    }

    /// Appends bytes that need no escaping (checked in debug builds).
    private mutating func appendPlain(_ bytes: UnsafeBufferPointer<UInt8>) {
        assert(Self.firstEscaped(in: bytes, from: 0) == bytes.count, "notice URL bytes need escaping")
        append(bytes)
    }

    /// Appends `bytes` as JSON string content, escaping what must be.
    private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            index = Self.firstEscaped(in: bytes, from: index)
            guard index < bytes.count else { break }
            if runStart < index { append(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            escape(bytes[index])
            index += 1
            runStart = index
        }
        if runStart < bytes.count { append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// The position of the first byte at or after `start` that JSON requires escaped (a quote, a
    /// backslash or a control character), or `bytes.count`. Non-ASCII bytes are copied as they are.
    static func firstEscaped(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let base = bytes.baseAddress {
            // Sixteen bytes classified at once (`CGavelSIMD`), as the scanner reads strings.
            while position + 16 <= bytes.count {
                let escaped = gavel_json_escapes16(base + position)
                if escaped != 0 { return position + escaped.trailingZeroBitCount }
                position += 16
            }
        }
        while position < bytes.count, !needsEscape(bytes[position]) { position += 1 }
        return position
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func escape(_ byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        default:
            append(UInt8(ascii: "u"))
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "0"))
            append(Self.hexDigits[Int(byte >> 4)])
            append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    mutating func integer(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumDigits: 1)
    }

    /// An amount of micros as a plain decimal with no trailing zeros: 1_250_000 → `1.25`.
    mutating func decimal(_ amount: Micros) {
        let raw = amount.rawValue
        if raw < 0 { append(UInt8(ascii: "-")) }
        let magnitude = raw.magnitude
        appendDigits(magnitude / 1_000_000, minimumDigits: 1)
        var fraction = magnitude % 1_000_000
        guard fraction > 0 else { return }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        append(UInt8(ascii: "."))
        appendDigits(fraction, minimumDigits: digits)
    }

    private mutating func appendDigits(_ value: UInt64, minimumDigits: Int) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var index = buffer.count
            var remaining = value
            var written = 0
            while remaining > 0 || written < minimumDigits {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                written += 1
            }
            append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[index...]))
        }
    }
}
