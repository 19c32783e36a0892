/// Byte-level decoding of bid responses, for tests, replay tools and exchange simulators.
/// Required members that are absent read as `""` / zero here, while `Decodable` throws.

extension OpenRTB.BidResponse: JSONObjectDecodable {
    init() { self.init(id: "") }

    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "seatbid": seatBid = try scanner.objects(OpenRTB.SeatBid.self) ?? []
        case "bidid": bidID = try scanner.string()
        case "cur": cur = try scanner.string()
        case "customdata": customData = try scanner.string()
        case "nbr": nbr = try scanner.int().map(NoBidReason.init(rawValue:))
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.SeatBid: JSONObjectDecodable {
    init() { self.init(bid: []) }

    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "bid": bid = try scanner.objects(OpenRTB.Bid.self) ?? []
        case "seat": seat = try scanner.string()
        case "group": group = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Bid: JSONObjectDecodable {
    init() { self.init(id: "", impID: "", price: .zero) }

    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "impid": impID = try scanner.string() ?? ""
        case "price": price = try scanner.cpm() ?? .zero
        case "nurl": nurl = try scanner.string()
        case "burl": burl = try scanner.string()
        case "lurl": lurl = try scanner.string()
        case "adm": adm = try scanner.string()
        case "adid": adID = try scanner.string()
        case "adomain": adomain = try scanner.strings()
        case "bundle": bundle = try scanner.string()
        case "iurl": iurl = try scanner.string()
        case "cid": cid = try scanner.string()
        case "crid": crid = try scanner.string()
        case "tactic": tactic = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "attr": attr = try scanner.ints()
        case "apis": apis = try scanner.ints()
        case "dealid": dealID = try scanner.string()
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "wratio": wRatio = try scanner.int()
        case "hratio": hRatio = try scanner.int()
        case "exp": exp = try scanner.int()
        case "dur": dur = try scanner.int()
        case "mtype": mtype = try scanner.int()
        case "slotinpod": slotInPod = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}
