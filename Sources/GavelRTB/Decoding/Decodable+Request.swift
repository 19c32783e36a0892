/// `Decodable` conformances that synthesis cannot provide: required members that read as
/// `""`/`[]` when absent (so decoding never judges a request) and the 2.5-era `ext` locations.
/// They are the reference that ``OpenRTBDecoder``'s byte-level decoding is tested against.

extension OpenRTB.BidRequest: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, imp, site, app, dooh, device, user, test, at, tmax, wseat, bseat, cur, wlang, wlangb, acat
        case bcat, cattax, badv, bapp, source, regs
        case allImps = "allimps"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        imp = try container.decodeIfPresent([OpenRTB.Imp].self, forKey: .imp) ?? []
        site = try container.decodeIfPresent(OpenRTB.Site.self, forKey: .site)
        app = try container.decodeIfPresent(OpenRTB.App.self, forKey: .app)
        dooh = try container.decodeIfPresent(OpenRTB.DOOH.self, forKey: .dooh)
        device = try container.decodeIfPresent(OpenRTB.Device.self, forKey: .device)
        user = try container.decodeIfPresent(OpenRTB.User.self, forKey: .user)
        test = try container.decodeIfPresent(Int.self, forKey: .test)
        at = try container.decodeIfPresent(Int.self, forKey: .at)
        tmax = try container.decodeIfPresent(Int.self, forKey: .tmax)
        wseat = try container.decodeIfPresent([String].self, forKey: .wseat)
        bseat = try container.decodeIfPresent([String].self, forKey: .bseat)
        allImps = try container.decodeIfPresent(Int.self, forKey: .allImps)
        cur = try container.decodeIfPresent([String].self, forKey: .cur)
        wlang = try container.decodeIfPresent([String].self, forKey: .wlang)
        wlangb = try container.decodeIfPresent([String].self, forKey: .wlangb)
        acat = try container.decodeIfPresent([String].self, forKey: .acat)
        bcat = try container.decodeIfPresent([String].self, forKey: .bcat)
        cattax = try container.decodeIfPresent(Int.self, forKey: .cattax)
        badv = try container.decodeIfPresent([String].self, forKey: .badv)
        bapp = try container.decodeIfPresent([String].self, forKey: .bapp)
        source = try container.decodeIfPresent(OpenRTB.Source.self, forKey: .source)
        regs = try container.decodeIfPresent(OpenRTB.Regs.self, forKey: .regs)
    }
}

extension OpenRTB.Imp: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, banner, video, audio, native, pmp, instl, secure, rwdd, ssai, exp
        case displayManager = "displaymanager"
        case displayManagerVer = "displaymanagerver"
        case tagID = "tagid"
        case bidFloor = "bidfloor"
        case bidFloorCur = "bidfloorcur"
        case clickBrowser = "clickbrowser"
        case iframeBuster = "iframebuster"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        banner = try container.decodeIfPresent(OpenRTB.Banner.self, forKey: .banner)
        video = try container.decodeIfPresent(OpenRTB.Video.self, forKey: .video)
        audio = try container.decodeIfPresent(OpenRTB.Audio.self, forKey: .audio)
        native = try container.decodeIfPresent(OpenRTB.Native.self, forKey: .native)
        pmp = try container.decodeIfPresent(OpenRTB.Pmp.self, forKey: .pmp)
        displayManager = try container.decodeIfPresent(String.self, forKey: .displayManager)
        displayManagerVer = try container.decodeIfPresent(String.self, forKey: .displayManagerVer)
        instl = try container.decodeIfPresent(Int.self, forKey: .instl)
        tagID = try container.decodeIfPresent(String.self, forKey: .tagID)
        bidFloor = try container.decodeIfPresent(OpenRTB.CPM.self, forKey: .bidFloor)
        bidFloorCur = try container.decodeIfPresent(String.self, forKey: .bidFloorCur)
        clickBrowser = try container.decodeIfPresent(Int.self, forKey: .clickBrowser)
        secure = try container.decodeIfPresent(Int.self, forKey: .secure)
        iframeBuster = try container.decodeIfPresent([String].self, forKey: .iframeBuster)
        rwdd = try container.decodeIfPresent(Int.self, forKey: .rwdd)
        ssai = try container.decodeIfPresent(Int.self, forKey: .ssai)
        exp = try container.decodeIfPresent(Int.self, forKey: .exp)
    }
}

extension OpenRTB.Deal: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, at, wseat, wadomain, guar
        case bidFloor = "bidfloor"
        case bidFloorCur = "bidfloorcur"
        case minCPMPerSec = "mincpmpersec"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        bidFloor = try container.decodeIfPresent(OpenRTB.CPM.self, forKey: .bidFloor)
        bidFloorCur = try container.decodeIfPresent(String.self, forKey: .bidFloorCur)
        at = try container.decodeIfPresent(Int.self, forKey: .at)
        wseat = try container.decodeIfPresent([String].self, forKey: .wseat)
        wadomain = try container.decodeIfPresent([String].self, forKey: .wadomain)
        guar = try container.decodeIfPresent(Int.self, forKey: .guar)
        minCPMPerSec = try container.decodeIfPresent(OpenRTB.CPM.self, forKey: .minCPMPerSec)
    }
}

extension OpenRTB.User: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, yob, gender, keywords, geo, data, consent, eids, ext
        case buyerUID = "buyeruid"
        case kwArray = "kwarray"
        case customData = "customdata"
    }

    /// `user.ext` members of OpenRTB 2.5 exchanges; a member of an unexpected type is ignored.
    private struct Extension: Decodable {
        var consent: String?
        var eids: [OpenRTB.EID]?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            consent = (try? container.decodeIfPresent(String.self, forKey: .consent)) ?? nil
            eids = (try? container.decodeIfPresent([OpenRTB.EID].self, forKey: .eids)) ?? nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        buyerUID = try container.decodeIfPresent(String.self, forKey: .buyerUID)
        yob = try container.decodeIfPresent(Int.self, forKey: .yob)
        gender = try container.decodeIfPresent(String.self, forKey: .gender)
        keywords = try container.decodeIfPresent(String.self, forKey: .keywords)
        kwArray = try container.decodeIfPresent([String].self, forKey: .kwArray)
        customData = try container.decodeIfPresent(String.self, forKey: .customData)
        geo = try container.decodeIfPresent(OpenRTB.Geo.self, forKey: .geo)
        data = try container.decodeIfPresent([OpenRTB.Data].self, forKey: .data)
        consent = try container.decodeIfPresent(String.self, forKey: .consent)
        eids = try container.decodeIfPresent([OpenRTB.EID].self, forKey: .eids)
        let ext = (try? container.decodeIfPresent(Extension.self, forKey: .ext)) ?? nil
        consent = consent ?? ext?.consent
        eids = eids ?? ext?.eids
    }
}

extension OpenRTB.Regs: Decodable {
    enum CodingKeys: String, CodingKey {
        case coppa, gdpr, gpp, ext
        case usPrivacy = "us_privacy"
        case gppSID = "gpp_sid"
    }

    /// `regs.ext` members of OpenRTB 2.5 exchanges; a member of an unexpected type is ignored.
    private struct Extension: Decodable {
        var gdpr: Int?
        var usPrivacy: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            gdpr = (try? container.decodeIfPresent(Int.self, forKey: .gdpr)) ?? nil
            usPrivacy = (try? container.decodeIfPresent(String.self, forKey: .usPrivacy)) ?? nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        coppa = try container.decodeIfPresent(Int.self, forKey: .coppa)
        gdpr = try container.decodeIfPresent(Int.self, forKey: .gdpr)
        usPrivacy = try container.decodeIfPresent(String.self, forKey: .usPrivacy)
        gpp = try container.decodeIfPresent(String.self, forKey: .gpp)
        gppSID = try container.decodeIfPresent([Int].self, forKey: .gppSID)
        let ext = (try? container.decodeIfPresent(Extension.self, forKey: .ext)) ?? nil
        gdpr = gdpr ?? ext?.gdpr
        usPrivacy = usPrivacy ?? ext?.usPrivacy
    }
}

extension OpenRTB.Source: Decodable {
    enum CodingKeys: String, CodingKey {
        case fd, tid, pchain, schain, ext
    }

    /// `source.ext` of OpenRTB 2.5 exchanges; a `schain` of an unexpected shape is ignored.
    private struct Extension: Decodable {
        var schain: OpenRTB.SupplyChain?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            schain = (try? container.decodeIfPresent(OpenRTB.SupplyChain.self, forKey: .schain)) ?? nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fd = try container.decodeIfPresent(Int.self, forKey: .fd)
        tid = try container.decodeIfPresent(String.self, forKey: .tid)
        pchain = try container.decodeIfPresent(String.self, forKey: .pchain)
        schain = try container.decodeIfPresent(OpenRTB.SupplyChain.self, forKey: .schain)
        let ext = (try? container.decodeIfPresent(Extension.self, forKey: .ext)) ?? nil
        schain = schain ?? ext?.schain
    }
}
