/// The bid path's decode (``OpenRTBDecoder/Scope/bidding``): for each object the bidder enters,
/// exactly the members that validation, targeting, pricing and the response read; every other
/// member — known or not — is stepped over by ``JSONScanner/skipValue()``, which checks JSON
/// syntax only, and left `nil`. Objects the bidder never enters (`regs`, `source`, `publisher`,
/// `content`, `sua`, `eids`, …) are skipped whole; `dooh` only counts as present.
///
/// Keep these lists in step with what `Validation`, `Campaigns`, `Pricing` and `Bidding` read:
/// a member read there but missing here reads as `nil` on the bid path. `BiddingScopeTests`
/// states the same list independently and checks every corpus request and fuzz input against
/// the complete decode.

extension OpenRTB.BidRequest {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "imp": imp = try scanner.objects(OpenRTB.Imp.self) ?? []
        case "site": try scanner.object(into: &site)
        case "app": try scanner.object(into: &app)
        case "device": try scanner.object(into: &device)
        case "user": try scanner.object(into: &user)
        case "at": at = try scanner.int()
        case "tmax": tmax = try scanner.int()
        case "cur": cur = try scanner.strings()
        case "bcat": bcat = try scanner.strings()
        case "badv": badv = try scanner.strings()
        case "bapp": bapp = try scanner.strings()
        case "wseat": wseat = try scanner.strings()
        case "bseat": bseat = try scanner.strings()
        case "dooh": try scanner.presence(of: &dooh)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Imp {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "banner": try scanner.object(into: &banner)
        case "video": try scanner.object(into: &video)
        case "audio": try scanner.object(into: &audio)
        case "native": try scanner.object(into: &native)
        case "pmp": try scanner.object(into: &pmp)
        case "bidfloor": bidFloor = try scanner.cpm()
        case "bidfloorcur": bidFloorCur = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Banner {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "format": format = try scanner.objects(OpenRTB.Format.self)
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "battr": battr = try scanner.ints()
        case "pos": pos = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Format {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Video {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "battr": battr = try scanner.ints()
        case "pos": pos = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Audio {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "battr": battr = try scanner.ints()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Native {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "battr": battr = try scanner.ints()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Pmp {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "deals": deals = try scanner.objects(OpenRTB.Deal.self)
        case "private_auction": privateAuction = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Deal {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "bidfloor": bidFloor = try scanner.cpm()
        case "bidfloorcur": bidFloorCur = try scanner.string()
        case "wseat": wseat = try scanner.strings()
        case "wadomain": wadomain = try scanner.strings()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Site {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "domain": domain = try scanner.string()
        default: try scanner.categories(key, cat: &cat, sectionCat: &sectionCat, pageCat: &pageCat)
        }
    }
}

extension OpenRTB.App {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "bundle": bundle = try scanner.string()
        default: try scanner.categories(key, cat: &cat, sectionCat: &sectionCat, pageCat: &pageCat)
        }
    }
}

extension OpenRTB.Device {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "geo": try scanner.object(into: &geo)
        case "os": os = try scanner.string()
        case "devicetype": deviceType = try scanner.int()
        case "connectiontype": connectionType = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Geo {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "country": country = try scanner.string()
        case "region": region = try scanner.string()
        case "utcoffset": utcOffset = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.User {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "buyeruid": buyerUID = try scanner.string()
        case "geo": try scanner.object(into: &geo)
        case "data": data = try scanner.objects(OpenRTB.Data.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Data {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "segment": segment = try scanner.objects(OpenRTB.Segment.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Segment {
    mutating func decodeBiddingMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension JSONScanner {
    /// The content categories a site and an app both carry, which targeting reads; any other
    /// member is skipped.
    mutating func categories(
        _ key: JSONKey,
        cat: inout [String]?,
        sectionCat: inout [String]?,
        pageCat: inout [String]?
    ) throws(JSONSyntaxError) {
        switch key {
        case "cat": cat = try strings()
        case "sectioncat": sectionCat = try strings()
        case "pagecat": pageCat = try strings()
        default: try skipValue()
        }
    }

    /// An object the bidder only checks for (`dooh`: one inventory per request): stepped over,
    /// an empty value standing for it; `null` reads as absent, anything else is refused.
    mutating func presence<T: JSONObjectDecodable>(of value: inout T?) throws(JSONSyntaxError) {
        if try consumeNull() {
            value = nil
            return
        }
        guard peek() == UInt8(ascii: "{") else { throw typeMismatch(.object) }
        try skipValue()
        value = T()
    }
}
