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
        case "wlang": wlang = try scanner.unreadStrings()
        case "wlangb": wlangb = try scanner.unreadStrings()
        case "acat": acat = try scanner.unreadStrings()
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
        case "displaymanager": displayManager = try scanner.unreadString()
        case "displaymanagerver": displayManagerVer = try scanner.unreadString()
        case "instl": instl = try scanner.int()
        case "tagid": tagID = try scanner.unreadString()
        case "bidfloor": bidFloor = try scanner.cpm()
        case "bidfloorcur": bidFloorCur = try scanner.string()
        case "clickbrowser": clickBrowser = try scanner.int()
        case "secure": secure = try scanner.int()
        case "iframebuster": iframeBuster = try scanner.unreadStrings()
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
        case "btype": btype = try scanner.unreadInts()
        case "battr": battr = try scanner.ints()
        case "pos": pos = try scanner.int()
        case "mimes": mimes = try scanner.unreadStrings()
        case "topframe": topFrame = try scanner.int()
        case "expdir": expDir = try scanner.unreadInts()
        case "api": api = try scanner.unreadInts()
        case "id": id = try scanner.unreadString()
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
        case "mimes": mimes = try scanner.unreadStrings()
        case "minduration": minDuration = try scanner.int()
        case "maxduration": maxDuration = try scanner.int()
        case "startdelay": startDelay = try scanner.int()
        case "maxseq": maxSeq = try scanner.int()
        case "poddur": podDur = try scanner.int()
        case "protocols": protocols = try scanner.unreadInts()
        case "w": w = try scanner.int()
        case "h": h = try scanner.int()
        case "podid": podID = try scanner.unreadString()
        case "podseq": podSeq = try scanner.int()
        case "rqddurs": rqdDurs = try scanner.unreadInts()
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
        case "playbackmethod": playbackMethod = try scanner.unreadInts()
        case "playbackend": playbackEnd = try scanner.int()
        case "delivery": delivery = try scanner.unreadInts()
        case "pos": pos = try scanner.int()
        case "companionad": companionAd = try scanner.companionAds()
        case "api": api = try scanner.unreadInts()
        case "companiontype": companionType = try scanner.unreadInts()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Audio: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "mimes": mimes = try scanner.unreadStrings()
        case "minduration": minDuration = try scanner.int()
        case "maxduration": maxDuration = try scanner.int()
        case "poddur": podDur = try scanner.int()
        case "protocols": protocols = try scanner.unreadInts()
        case "startdelay": startDelay = try scanner.int()
        case "rqddurs": rqdDurs = try scanner.unreadInts()
        case "podid": podID = try scanner.unreadString()
        case "podseq": podSeq = try scanner.int()
        case "sequence": sequence = try scanner.int()
        case "slotinpod": slotInPod = try scanner.int()
        case "mincpmpersec": minCPMPerSec = try scanner.cpm()
        case "battr": battr = try scanner.ints()
        case "maxextended": maxExtended = try scanner.int()
        case "minbitrate": minBitrate = try scanner.int()
        case "maxbitrate": maxBitrate = try scanner.int()
        case "delivery": delivery = try scanner.unreadInts()
        case "companionad": companionAd = try scanner.companionAds()
        case "api": api = try scanner.unreadInts()
        case "companiontype": companionType = try scanner.unreadInts()
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
        case "ver": ver = try scanner.unreadString()
        case "api": api = try scanner.unreadInts()
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
        case "id": id = try scanner.unreadString()
        case "name": name = try scanner.unreadString()
        case "domain": domain = try scanner.string()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "sectioncat": sectionCat = try scanner.strings()
        case "pagecat": pageCat = try scanner.strings()
        case "page": page = try scanner.unreadString()
        case "ref": ref = try scanner.unreadString()
        case "search": search = try scanner.unreadString()
        case "mobile": mobile = try scanner.int()
        case "privacypolicy": privacyPolicy = try scanner.int()
        case "publisher": try scanner.unreadObject(into: &publisher)
        case "content": try scanner.unreadObject(into: &content)
        case "keywords": keywords = try scanner.unreadString()
        case "kwarray": kwArray = try scanner.unreadStrings()
        case "inventorypartnerdomain": inventoryPartnerDomain = try scanner.unreadString()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.App: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.unreadString()
        case "name": name = try scanner.unreadString()
        case "bundle": bundle = try scanner.string()
        case "domain": domain = try scanner.unreadString()
        case "storeurl": storeURL = try scanner.unreadString()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.strings()
        case "sectioncat": sectionCat = try scanner.strings()
        case "pagecat": pageCat = try scanner.strings()
        case "ver": ver = try scanner.unreadString()
        case "privacypolicy": privacyPolicy = try scanner.int()
        case "paid": paid = try scanner.int()
        case "publisher": try scanner.unreadObject(into: &publisher)
        case "content": try scanner.unreadObject(into: &content)
        case "keywords": keywords = try scanner.unreadString()
        case "kwarray": kwArray = try scanner.unreadStrings()
        case "inventorypartnerdomain": inventoryPartnerDomain = try scanner.unreadString()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.DOOH: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.unreadString()
        case "name": name = try scanner.unreadString()
        case "venuetype": venueType = try scanner.unreadStrings()
        case "venuetypetax": venueTypeTax = try scanner.int()
        case "publisher": try scanner.unreadObject(into: &publisher)
        case "domain": domain = try scanner.unreadString()
        case "keywords": keywords = try scanner.unreadString()
        case "content": try scanner.unreadObject(into: &content)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Publisher: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.unreadString()
        case "name": name = try scanner.unreadString()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.unreadStrings()
        case "domain": domain = try scanner.unreadString()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Content: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.unreadString()
        case "episode": episode = try scanner.int()
        case "title": title = try scanner.unreadString()
        case "series": series = try scanner.unreadString()
        case "season": season = try scanner.unreadString()
        case "artist": artist = try scanner.unreadString()
        case "genre": genre = try scanner.unreadString()
        case "album": album = try scanner.unreadString()
        case "isrc": isrc = try scanner.unreadString()
        case "url": url = try scanner.unreadString()
        case "cattax": cattax = try scanner.int()
        case "cat": cat = try scanner.unreadStrings()
        case "prodq": prodQ = try scanner.int()
        case "context": context = try scanner.int()
        case "contentrating": contentRating = try scanner.unreadString()
        case "userrating": userRating = try scanner.unreadString()
        case "qagmediarating": qagMediaRating = try scanner.int()
        case "keywords": keywords = try scanner.unreadString()
        case "kwarray": kwArray = try scanner.unreadStrings()
        case "livestream": liveStream = try scanner.int()
        case "sourcerelationship": sourceRelationship = try scanner.int()
        case "len": len = try scanner.int()
        case "language": language = try scanner.unreadString()
        case "langb": langb = try scanner.unreadString()
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
        case "ua": ua = try scanner.unreadString()
        case "sua": try scanner.unreadObject(into: &sua)
        case "ip": ip = try scanner.unreadString()
        case "ipv6": ipv6 = try scanner.unreadString()
        case "devicetype": deviceType = try scanner.int()
        case "make": make = try scanner.unreadString()
        case "model": model = try scanner.unreadString()
        case "os": os = try scanner.string()
        case "osv": osv = try scanner.unreadString()
        case "hwv": hwv = try scanner.unreadString()
        case "h": h = try scanner.int()
        case "w": w = try scanner.int()
        case "ppi": ppi = try scanner.int()
        case "pxratio": pxRatio = try scanner.double()
        case "js": js = try scanner.int()
        case "geofetch": geoFetch = try scanner.int()
        case "flashver": flashVer = try scanner.unreadString()
        case "language": language = try scanner.unreadString()
        case "langb": langb = try scanner.unreadString()
        case "carrier": carrier = try scanner.unreadString()
        case "mccmnc": mccmnc = try scanner.unreadString()
        case "connectiontype": connectionType = try scanner.int()
        case "ifa": ifa = try scanner.unreadString()
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
        case "regionfips104": regionFIPS104 = try scanner.unreadString()
        case "metro": metro = try scanner.unreadString()
        case "city": city = try scanner.unreadString()
        case "zip": zip = try scanner.unreadString()
        case "utcoffset": utcOffset = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.UserAgent: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "browsers": browsers = try scanner.unreadObjects(OpenRTB.BrandVersion.self)
        case "platform": try scanner.unreadObject(into: &platform)
        case "mobile": mobile = try scanner.int()
        case "architecture": architecture = try scanner.unreadString()
        case "bitness": bitness = try scanner.unreadString()
        case "model": model = try scanner.unreadString()
        case "source": source = try scanner.int()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.BrandVersion: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "brand": brand = try scanner.unreadString()
        case "version": version = try scanner.unreadStrings()
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
        case "gender": gender = try scanner.unreadString()
        case "keywords": keywords = try scanner.unreadString()
        case "kwarray": kwArray = try scanner.unreadStrings()
        case "customdata": customData = try scanner.unreadString()
        case "geo": try scanner.object(into: &geo)
        case "data": data = try scanner.objects(OpenRTB.Data.self)
        // A 2.6 member wins over its 2.5-era `ext` twin whichever comes first, as in `Decodable`.
        case "consent": if let value = try scanner.unreadString() { consent = value }
        case "eids": if let value = try scanner.unreadObjects(OpenRTB.EID.self) { eids = value }
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "consent":
                    try scanner.fallback(&consent) { scanner throws(JSONSyntaxError) in try scanner.unreadString() }
                case "eids":
                    try scanner.fallback(&eids) { scanner throws(JSONSyntaxError) in
                        try scanner.unreadObjects(OpenRTB.EID.self)
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
        case "name": name = try scanner.unreadString()
        case "segment": segment = try scanner.objects(OpenRTB.Segment.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.Segment: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.string()
        case "name": name = try scanner.unreadString()
        case "value": value = try scanner.unreadString()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.EID: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "inserter": inserter = try scanner.unreadString()
        case "source": source = try scanner.unreadString()
        case "matcher": matcher = try scanner.unreadString()
        case "mm": mm = try scanner.int()
        case "uids": uids = try scanner.unreadObjects(OpenRTB.UID.self)
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.UID: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "id": id = try scanner.unreadString()
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
        case "us_privacy": if let value = try scanner.unreadString() { usPrivacy = value }
        case "gpp": gpp = try scanner.unreadString()
        case "gpp_sid": gppSID = try scanner.unreadInts()
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "gdpr": try scanner.fallback(&gdpr) { scanner throws(JSONSyntaxError) in try scanner.int() }
                case "us_privacy":
                    try scanner.fallback(&usPrivacy) { scanner throws(JSONSyntaxError) in try scanner.unreadString() }
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
        case "tid": tid = try scanner.unreadString()
        case "pchain": pchain = try scanner.unreadString()
        case "schain": if let value = try scanner.unreadObject(OpenRTB.SupplyChain.self) { schain = value }
        case "ext":
            try scanner.forEachLenientMember { key, scanner throws(JSONSyntaxError) in
                switch key {
                case "schain":
                    try scanner.fallback(&schain) { scanner throws(JSONSyntaxError) in
                        try scanner.unreadObject(OpenRTB.SupplyChain.self)
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
        case "nodes": nodes = try scanner.unreadObjects(OpenRTB.SupplyChainNode.self)
        case "ver": ver = try scanner.unreadString()
        default: try scanner.skipValue()
        }
    }
}

extension OpenRTB.SupplyChainNode: JSONObjectDecodable {
    mutating func decodeMember(_ key: JSONKey, from scanner: inout JSONScanner) throws(JSONSyntaxError) {
        switch key {
        case "asi": asi = try scanner.unreadString()
        case "sid": sid = try scanner.unreadString()
        case "rid": rid = try scanner.unreadString()
        case "name": name = try scanner.unreadString()
        case "domain": domain = try scanner.unreadString()
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
    /// The bidder never reads it: see ``unreadString()``.
    mutating func nativeRequest() throws(JSONSyntaxError) -> OpenRTB.NativeRequest? {
        if try consumeNull() { return nil }
        if peek() == UInt8(ascii: "{"), case .object(let members) = try readValue() {
            return keepsUnread ? .object(members) : nil
        }
        guard keepsUnread else {
            try skipString()
            return nil
        }
        return .string(try readString())
    }
}
