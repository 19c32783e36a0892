/// The request-level values targeting and pricing read — geo, device, inventory and content
/// categories — taken out of the request once per request.
///
/// Every `request.device?.…` or `request.site?.…` chain copied the whole optional `Device`,
/// `Site`, `App` or `User` (and retained their strings) to read one member: matching read about
/// twenty such values per request and pricing eight more per impression. Here each of those
/// structs is entered once, in a `switch` that borrows it, and the few values kept are small.
struct RequestFacts {
    /// `country` of `device.geo`, else of `user.geo` (the geo is the device's if it has one).
    let country: String?
    /// `region` of the same geo.
    let region: String?
    /// `utcoffset` (minutes) of the same geo.
    let utcOffset: Int?
    let deviceType: Int?
    let os: String?
    let connectionType: Int?
    let siteDomain: String?
    let appBundle: String?
    let contentCategories: ContentCategories
    /// `regs.coppa` = 1: child-directed inventory, which campaigns may exclude.
    let childDirected: Bool

    /// `borrowing`: an initializer otherwise takes its argument owned, a copy of the whole request.
    /// Each member is set once, from locals: a helper that filled `self` member by member made
    /// the optimiser build the facts in a temporary and copy them out.
    init(_ request: borrowing OpenRTB.BidRequest) {
        var geo: (country: String?, region: String?, utcOffset: Int?)?
        switch request.device {
        case .some(let device):
            deviceType = device.deviceType
            os = device.os
            connectionType = device.connectionType
            if case .some(let deviceGeo) = device.geo {
                geo = (deviceGeo.country, deviceGeo.region, deviceGeo.utcOffset)
            }
        case .none:
            deviceType = nil
            os = nil
            connectionType = nil
        }
        if geo == nil, case .some(let user) = request.user, case .some(let userGeo) = user.geo {
            geo = (userGeo.country, userGeo.region, userGeo.utcOffset)
        }
        if case .some(let regs) = request.regs { childDirected = regs.coppa == 1 } else { childDirected = false }
        country = geo?.country
        region = geo?.region
        utcOffset = geo?.utcOffset
        var categories = ContentCategories()
        var domain: String?
        if case .some(let site) = request.site {
            (domain, categories.site) = (site.domain, (site.cat, site.sectionCat, site.pageCat))
        }
        siteDomain = domain
        var bundle: String?
        if case .some(let app) = request.app {
            (bundle, categories.app) = (app.bundle, (app.cat, app.sectionCat, app.pageCat))
        }
        appBundle = bundle
        contentCategories = categories
    }
}
