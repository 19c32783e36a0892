/// Byte-level decoding of the bid request: one `switch` per object, wire key to property.
/// Keep each `case` list in step with the type's `CodingKeys`; the corpus tests compare both.

extension OpenRTB.BidRequest: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "imp": imp = try scanner.objects(OpenRTB.Imp.self) ?? []
        case "site": try scanner.object(into: &site)
        case "app": try scanner.object(into: &app)
        case "dooh": try scanner.object(into: &dooh)
        case "device": try scanner.object(into: &device)
        case "user": try scanner.object(into: &user)
        case "test": test = try scanner.int()
        case "at": at = try scanner.int()
        case "tmax": tmax = try scanner.int()
        case "wseat": wseat = try scanner.strings()
        case "bseat": bseat = try scanner.strings()
        case "allimps": allImps = try scanner.int()
        case "cur": cur = try scanner.strings()
        case "wlang": wlang = try scanner.strings()
        case "wlangb": wlangb = try scanner.strings()
        case "acat": acat = try scanner.strings()
        case "bcat": bcat = try scanner.strings()
        case "cattax": cattax = try scanner.int()
        case "badv": badv = try scanner.strings()
        case "bapp": bapp = try scanner.strings()
        case "source": try scanner.object(into: &source)
        case "regs": try scanner.object(into: &regs)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Imp: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "banner": try scanner.object(into: &banner)
        case "video": try scanner.object(into: &video)
        case "audio": try scanner.object(into: &audio)
        case "native": try scanner.object(into: &native)
        case "pmp": try scanner.object(into: &pmp)
        case "displaymanager": displayManager = try scanner.string()
        case "displaymanagerver": displayManagerVer = try scanner.string()
        case "instl": instl = try scanner.int()
        case "tagid": tagID = try scanner.string()
        case "bidfloor": bidFloor = try scanner.cpm()
        case "bidfloorcur": bidFloorCur = try scanner.string()
        case "clickbrowser": clickBrowser = try scanner.int()
        case "secure": secure = try scanner.int()
        case "iframebuster": iframeBuster = try scanner.strings()
        case "rwdd": rwdd = try scanner.int()
        case "ssai": ssai = try scanner.int()
        case "exp": exp = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Banner: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "format": format = try scanner.objects(OpenRTB.Format.self)
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "btype": btype = try scanner.ints()
        case "battr": battr = try scanner.ints()
        case "pos": pos = try scanner.int()
        case "mimes": mimes = try scanner.strings()
        case "topframe": topFrame = try scanner.int()
        case "expdir": expDir = try scanner.ints()
        case "api": api = try scanner.ints()
        case "id": id = try scanner.string()
        case "vcm": vcm = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Format: JSONObjectDecodable {
    init() { self.init(w: nil, h: nil) }

    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "wratio": wRatio = try scanner.int()
        case "hratio": hRatio = try scanner.int()
        case "wmin": wMin = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Video: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "mimes": mimes = try scanner.strings()
        case "minduration": minDuration = try scanner.int()
        case "maxduration": maxDuration = try scanner.int()
        case "startdelay": startDelay = try scanner.int()
        case "maxseq": maxSeq = try scanner.int()
        case "poddur": podDur = try scanner.int()
        case "protocols": protocols = try scanner.ints()
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "podid": podID = try scanner.string()
        case "podseq": podSeq = try scanner.int()
        case "rqddurs": rqdDurs = try scanner.ints()
        case "placement": placement = try scanner.int()
        case "plcmt": plcmt = try scanner.int()
        case "linearity": linearity = try scanner.int()
        case "skip": skip = try scanner.int()
        case "skipmin": skipMin = try scanner.int()
        case "skipafter": skipAfter = try scanner.int()
        case "sequence": sequence = try scanner.int()
        case "slotinpod": slotInPod = try scanner.int()
        case "mincpmpersec": minCPMPerSec = try scanner.cpm()
        case "battr": battr = try scanner.ints()
        case "maxextended": maxExtended = try scanner.int()
        case "minbitrate": minBitrate = try scanner.int()
        case "maxbitrate": maxBitrate = try scanner.int()
        case "boxingallowed": boxingAllowed = try scanner.int()
        case "playbackmethod": playbackMethod = try scanner.ints()
        case "playbackend": playbackEnd = try scanner.int()
        case "delivery": delivery = try scanner.ints()
        case "pos": pos = try scanner.int()
        case "companionad": companionAd = try scanner.companionAds()
        case "api": api = try scanner.ints()
        case "companiontype": companionType = try scanner.ints()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Audio: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "mimes": mimes = try scanner.strings()
        case "minduration": minDuration = try scanner.int()
        case "maxduration": maxDuration = try scanner.int()
        case "poddur": podDur = try scanner.int()
        case "protocols": protocols = try scanner.ints()
        case "startdelay": startDelay = try scanner.int()
        case "rqddurs": rqdDurs = try scanner.ints()
        case "podid": podID = try scanner.string()
        case "podseq": podSeq = try scanner.int()
        case "sequence": sequence = try scanner.int()
        case "slotinpod": slotInPod = try scanner.int()
        case "mincpmpersec": minCPMPerSec = try scanner.cpm()
        case "battr": battr = try scanner.ints()
        case "maxextended": maxExtended = try scanner.int()
        case "minbitrate": minBitrate = try scanner.int()
        case "maxbitrate": maxBitrate = try scanner.int()
        case "delivery": delivery = try scanner.ints()
        case "companionad": companionAd = try scanner.companionAds()
        case "api": api = try scanner.ints()
        case "companiontype": companionType = try scanner.ints()
        case "maxseq": maxSeq = try scanner.int()
        case "feed": feed = try scanner.int()
        case "stitched": stitched = try scanner.int()
        case "nvol": nvol = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Native: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "request": request = try scanner.nativeRequest()
        case "ver": ver = try scanner.string()
        case "api": api = try scanner.ints()
        case "battr": battr = try scanner.ints()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Pmp: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "private_auction": privateAuction = try scanner.int()
        case "deals": deals = try scanner.objects(OpenRTB.Deal.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Deal: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string() ?? ""
        case "bidfloor": bidFloor = try scanner.cpm()
        case "bidfloorcur": bidFloorCur = try scanner.string()
        case "at": at = try scanner.int()
        case "wseat": wseat = try scanner.strings()
        case "wadomain": wadomain = try scanner.strings()
        case "guar": guar = try scanner.int()
        case "mincpmpersec": minCPMPerSec = try scanner.cpm()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Site: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "domain": domain = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "sectioncat": sectionCat = try scanner.strings()
        case "pagecat": pageCat = try scanner.strings()
        case "page": page = try scanner.string()
        case "ref": ref = try scanner.string()
        case "search": search = try scanner.string()
        case "mobile": mobile = try scanner.int()
        case "privacypolicy": privacyPolicy = try scanner.int()
        case "publisher": try scanner.object(into: &publisher)
        case "content": try scanner.object(into: &content)
        case "keywords": keywords = try scanner.string()
        case "kwarray": kwArray = try scanner.strings()
        case "inventorypartnerdomain": inventoryPartnerDomain = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.App: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "bundle": bundle = try scanner.string()
        case "domain": domain = try scanner.string()
        case "storeurl": storeURL = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "sectioncat": sectionCat = try scanner.strings()
        case "pagecat": pageCat = try scanner.strings()
        case "ver": ver = try scanner.string()
        case "privacypolicy": privacyPolicy = try scanner.int()
        case "paid": paid = try scanner.int()
        case "publisher": try scanner.object(into: &publisher)
        case "content": try scanner.object(into: &content)
        case "keywords": keywords = try scanner.string()
        case "kwarray": kwArray = try scanner.strings()
        case "inventorypartnerdomain": inventoryPartnerDomain = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.DOOH: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "venuetype": venueType = try scanner.strings()
        case "venuetypetax": venueTypeTax = try scanner.int()
        case "publisher": try scanner.object(into: &publisher)
        case "domain": domain = try scanner.string()
        case "keywords": keywords = try scanner.string()
        case "content": try scanner.object(into: &content)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Publisher: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "domain": domain = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Content: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "episode": episode = try scanner.int()
        case "title": title = try scanner.string()
        case "series": series = try scanner.string()
        case "season": season = try scanner.string()
        case "artist": artist = try scanner.string()
        case "genre": genre = try scanner.string()
        case "album": album = try scanner.string()
        case "isrc": isrc = try scanner.string()
        case "url": url = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "prodq": prodQ = try scanner.int()
        case "context": context = try scanner.int()
        case "contentrating": contentRating = try scanner.string()
        case "userrating": userRating = try scanner.string()
        case "qagmediarating": qagMediaRating = try scanner.int()
        case "keywords": keywords = try scanner.string()
        case "kwarray": kwArray = try scanner.strings()
        case "livestream": liveStream = try scanner.int()
        case "sourcerelationship": sourceRelationship = try scanner.int()
        case "len": len = try scanner.int()
        case "language": language = try scanner.string()
        case "langb": langb = try scanner.string()
        case "embeddable": embeddable = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Device: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "geo": try scanner.object(into: &geo)
        case "dnt": dnt = try scanner.int()
        case "lmt": lmt = try scanner.int()
        case "ua": ua = try scanner.string()
        case "sua": try scanner.object(into: &sua)
        case "ip": ip = try scanner.string()
        case "ipv6": ipv6 = try scanner.string()
        case "devicetype": deviceType = try scanner.int()
        case "make": make = try scanner.string()
        case "model": model = try scanner.string()
        case "os": os = try scanner.string()
        case "osv": osv = try scanner.string()
        case "hwv": hwv = try scanner.string()
        case "h": h = try scanner.int()
        case "w": w = try scanner.int()
        case "ppi": ppi = try scanner.int()
        case "pxratio": pxRatio = try scanner.double()
        case "js": js = try scanner.int()
        case "geofetch": geoFetch = try scanner.int()
        case "flashver": flashVer = try scanner.string()
        case "language": language = try scanner.string()
        case "langb": langb = try scanner.string()
        case "carrier": carrier = try scanner.string()
        case "mccmnc": mccmnc = try scanner.string()
        case "connectiontype": connectionType = try scanner.int()
        case "ifa": ifa = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Geo: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "lat": lat = try scanner.double()
        case "lon": lon = try scanner.double()
        case "type": type = try scanner.int()
        case "accuracy": accuracy = try scanner.int()
        case "lastfix": lastFix = try scanner.int()
        case "ipservice": ipService = try scanner.int()
        case "country": country = try scanner.string()
        case "region": region = try scanner.string()
        case "regionfips104": regionFIPS104 = try scanner.string()
        case "metro": metro = try scanner.string()
        case "city": city = try scanner.string()
        case "zip": zip = try scanner.string()
        case "utcoffset": utcOffset = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.UserAgent: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "browsers": browsers = try scanner.objects(OpenRTB.BrandVersion.self)
        case "platform": try scanner.object(into: &platform)
        case "mobile": mobile = try scanner.int()
        case "architecture": architecture = try scanner.string()
        case "bitness": bitness = try scanner.string()
        case "model": model = try scanner.string()
        case "source": source = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.BrandVersion: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "brand": brand = try scanner.string()
        case "version": version = try scanner.strings()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.User: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "buyeruid": buyerUID = try scanner.string()
        case "yob": yob = try scanner.int()
        case "gender": gender = try scanner.string()
        case "keywords": keywords = try scanner.string()
        case "kwarray": kwArray = try scanner.strings()
        case "customdata": customData = try scanner.string()
        case "geo": try scanner.object(into: &geo)
        case "data": data = try scanner.objects(OpenRTB.Data.self)
        // A 2.6 member wins over its 2.5-era `ext` twin whichever comes first, as in `Decodable`.
        case "consent": if let value = try scanner.string() { consent = value }
        case "eids": if let value = try scanner.objects(OpenRTB.EID.self) { eids = value }
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "consent":
                    try scanner.fallback(&consent) { scanner throws(JSONSyntaxError) in try scanner.string() }
                // The bid path reads `user.ext` for the consent alone (`Stream+Bidding.swift`).
                case "eids" where scanner.scope == .complete:
                    try scanner.fallback(&eids) { scanner throws(JSONSyntaxError) in
                        try scanner.objects(OpenRTB.EID.self)
                    }
                default: try scanner.skipValue()
                }
            }
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Data: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "segment": segment = try scanner.objects(OpenRTB.Segment.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Segment: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.string()
        case "value": value = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.EID: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "inserter": inserter = try scanner.string()
        case "source": source = try scanner.string()
        case "matcher": matcher = try scanner.string()
        case "mm": mm = try scanner.int()
        case "uids": uids = try scanner.objects(OpenRTB.UID.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.UID: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "atype": atype = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Regs: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "coppa": coppa = try scanner.int()
        case "gdpr": if let value = try scanner.int() { gdpr = value }
        case "us_privacy": if let value = try scanner.string() { usPrivacy = value }
        case "gpp": gpp = try scanner.string()
        case "gpp_sid": gppSID = try scanner.ints()
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "gdpr": try scanner.fallback(&gdpr) { scanner throws(JSONSyntaxError) in try scanner.int() }
                case "us_privacy":
                    try scanner.fallback(&usPrivacy) { scanner throws(JSONSyntaxError) in try scanner.string() }
                default: try scanner.skipValue()
                }
            }
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Source: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "fd": fd = try scanner.int()
        case "tid": tid = try scanner.string()
        case "pchain": pchain = try scanner.string()
        case "schain": if let value = try scanner.object(OpenRTB.SupplyChain.self) { schain = value }
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "schain":
                    try scanner.fallback(&schain) { scanner throws(JSONSyntaxError) in
                        try scanner.object(OpenRTB.SupplyChain.self)
                    }
                default: try scanner.skipValue()
                }
            }
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.SupplyChain: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "complete": complete = try scanner.int()
        case "nodes": nodes = try scanner.objects(OpenRTB.SupplyChainNode.self)
        case "ver": ver = try scanner.string()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.SupplyChainNode: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "asi": asi = try scanner.string()
        case "sid": sid = try scanner.string()
        case "rid": rid = try scanner.string()
        case "name": name = try scanner.string()
        case "domain": domain = try scanner.string()
        case "hp": hp = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension JSONScanner {
    /// Walks an `ext` object; an `ext` that is not an object is skipped, as exchanges vary.
    mutating func forEachLenientMember(
        _ body: (JSONKey, inout JSONScanner) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "{") else { return try skipValue() }
        try forEachMember(body)
    }

    /// Fills `value` from a 2.5-era `ext` member only if the 2.6 member has not set it; the
    /// `ext` member is read leniently (see ``lenient(_:)``).
    mutating func fallback<T>(
        _ value: inout T?,
        _ read: (inout JSONScanner) throws(JSONSyntaxError) -> T?
    ) throws(JSONSyntaxError) {
        let found = try lenient(read)
        if value == nil { value = found }
    }

    /// `companionad` as the 2.6 array of banners or the older `{"banner": [...]}` object.
    mutating func companionAds() throws(JSONSyntaxError) -> OpenRTB.CompanionAds? {
        if try consumeNull() { return nil }
        if peek() == UInt8(ascii: "{") {
            var banners: [OpenRTB.Banner] = []
            try forEachMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "banner": banners = try scanner.objects(OpenRTB.Banner.self) ?? []
                default: try scanner.skipValue()
                }
            }
            return OpenRTB.CompanionAds(banners: banners)
        }
        return OpenRTB.CompanionAds(banners: try objects(OpenRTB.Banner.self) ?? [])
    }

    /// `native.request` as the specification's string or as an inline JSON object.
    mutating func nativeRequest() throws(JSONSyntaxError) -> OpenRTB.NativeRequest? {
        if try consumeNull() { return nil }
        if peek() == UInt8(ascii: "{"), case .object(let members) = try readValue() { return .object(members) }
        return .string(try readString())
    }
}
