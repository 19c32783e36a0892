/// The bid path's decode (``OpenRTBDecoder/Scope/bidding``) is the complete decode filtered by
/// key: in each object the bidder enters, a member that validation, targeting, pricing or the
/// response reads is decoded by the type's own `decodeMember` — the same reader, the same
/// checks, the same value — and every other member, known or not, is stepped over by
/// ``JSONScanner/skipValue()``, which checks JSON syntax only, and left `nil`. Objects the
/// bidder never enters (`source`, `publisher`, `content`, `sua`, `eids`, …) are skipped
/// whole; `dooh` is entered only to count as present. `regs` and `user.consent` are read for
/// ``PrivacyPolicy`` (GPP is not); `user.ext` only for its `consent`.
///
/// Keep these lists in step with what `Validation`, `Campaigns`, `Pricing` and `Bidding` read:
/// a member read there but missing here reads as `nil` on the bid path. `BiddingScopeTests`
/// states the same lists independently and checks every corpus request and fuzz input against
/// the complete decode.
///
/// The lists are inlined into the member loops: asked once per member, a call cost about as
/// much as the few comparisons it made (≈ 350 instructions a corpus request).

extension OpenRTB.BidRequest {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id", "imp", "site", "app", "dooh", "device", "user", "at", "tmax", "cur", "bcat", "badv", "bapp",
            "wseat", "bseat", "regs":
            true
        default: false
        }
    }
}

extension OpenRTB.Imp {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id", "banner", "video", "audio", "native", "pmp", "bidfloor", "bidfloorcur": true
        default: false
        }
    }
}

extension OpenRTB.Banner {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "format", "w", "h", "battr", "pos": true
        default: false
        }
    }
}

extension OpenRTB.Format {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "w", "h": true
        default: false
        }
    }
}

extension OpenRTB.Video {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "battr", "pos", "minduration", "maxduration", "rqddurs": true
        default: false
        }
    }
}

extension OpenRTB.Audio {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "battr", "minduration", "maxduration", "rqddurs": true
        default: false
        }
    }
}

extension OpenRTB.Native {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "battr": true
        default: false
        }
    }
}

extension OpenRTB.Pmp {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "deals", "private_auction": true
        default: false
        }
    }
}

extension OpenRTB.Deal {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id", "bidfloor", "bidfloorcur", "wseat", "wadomain": true
        default: false
        }
    }
}

extension OpenRTB.Site {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "domain", "cat", "sectioncat", "pagecat": true
        default: false
        }
    }
}

extension OpenRTB.App {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "bundle", "cat", "sectioncat", "pagecat": true
        default: false
        }
    }
}

extension OpenRTB.DOOH {
    /// Only its presence counts (one inventory per request).
    static func bidderReads(_ key: JSONKey) -> Bool { false }
}

extension OpenRTB.Device {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "geo", "os", "devicetype", "connectiontype": true
        default: false
        }
    }
}

extension OpenRTB.Geo {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "country", "region", "utcoffset": true
        default: false
        }
    }
}

extension OpenRTB.User {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id", "buyeruid", "geo", "data", "consent", "ext": true
        default: false
        }
    }
}

extension OpenRTB.Regs {
    /// Everything but GPP, which ``PrivacyPolicy`` does not read: `coppa`, `gdpr`, `us_privacy`, `ext`.
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool { !("gpp" ~= key || "gpp_sid" ~= key) }
}

extension OpenRTB.Data {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id", "segment": true
        default: false
        }
    }
}

extension OpenRTB.Segment {
    @inline(__always)
    static func bidderReads(_ key: JSONKey) -> Bool {
        switch key {
        case "id": true
        default: false
        }
    }
}
