public import GavelCore

/// How one device differs from the keyword's base (desktop-like) behaviour.
public struct DeviceProfile: Sendable, Hashable, Codable {
    /// Share of the keyword's searches made on this device.
    public var share: Double
    /// CTR relative to the keyword's base CTR.
    public var clickThroughRateMultiplier: Double
    /// CVR relative to the keyword's base CVR (mobile converts worse in most shops).
    public var conversionRateMultiplier: Double
    /// CPC paid relative to the keyword's CPC; at most 1, so the CPC never exceeds the bid.
    public var costPerClickMultiplier: Double

    public init(
        share: Double,
        clickThroughRateMultiplier: Double,
        conversionRateMultiplier: Double,
        costPerClickMultiplier: Double
    ) {
        self.share = share
        self.clickThroughRateMultiplier = clickThroughRateMultiplier
        self.conversionRateMultiplier = conversionRateMultiplier
        self.costPerClickMultiplier = costPerClickMultiplier
    }
}

/// The three device segments search platforms report, with their own CTR, CVR and CPC behaviour.
public struct DeviceMix: Sendable, Hashable, Codable {
    public var desktop: DeviceProfile
    public var mobile: DeviceProfile
    public var tablet: DeviceProfile

    public init(desktop: DeviceProfile, mobile: DeviceProfile, tablet: DeviceProfile) {
        self.desktop = desktop
        self.mobile = mobile
        self.tablet = tablet
    }

    /// A typical retail mix: half the searches on mobile, converting at 60 % of desktop.
    public static let standard = DeviceMix(
        desktop: DeviceProfile(
            share: 0.42,
            clickThroughRateMultiplier: 1.0,
            conversionRateMultiplier: 1.0,
            costPerClickMultiplier: 1.0
        ),
        mobile: DeviceProfile(
            share: 0.50,
            clickThroughRateMultiplier: 1.1,
            conversionRateMultiplier: 0.6,
            costPerClickMultiplier: 0.85
        ),
        tablet: DeviceProfile(
            share: 0.08,
            clickThroughRateMultiplier: 0.9,
            conversionRateMultiplier: 0.8,
            costPerClickMultiplier: 0.9
        )
    )

    /// The segments in report order.
    public var segments: [(device: Device, profile: DeviceProfile)] {
        [(.desktop, desktop), (.mobile, mobile), (.tablet, tablet)]
    }

    /// The profile of `device`; `.all` (and devices the market does not simulate) get the search-weighted blend.
    public func profile(of device: Device) -> DeviceProfile {
        switch device {
        case .desktop: desktop
        case .mobile: mobile
        case .tablet: tablet
        default: blended
        }
    }

    /// The mix as one device: shares sum, CTR is search-weighted, CVR and CPC are click-weighted.
    public var blended: DeviceProfile {
        let parts = segments.map(\.profile)
        let share = parts.reduce(0) { $0 + $1.share }
        let clicks = parts.reduce(0) { $0 + $1.share * $1.clickThroughRateMultiplier }
        func clickWeighted(_ value: (DeviceProfile) -> Double) -> Double {
            parts.reduce(0) { $0 + $1.share * $1.clickThroughRateMultiplier * value($1) } / clicks
        }
        return DeviceProfile(
            share: share,
            clickThroughRateMultiplier: clicks / share,
            conversionRateMultiplier: clickWeighted(\.conversionRateMultiplier),
            costPerClickMultiplier: clickWeighted(\.costPerClickMultiplier)
        )
    }

    func validate() throws(MarketSpecError) {
        for (device, profile) in segments {
            func require(_ ok: Bool, _ field: String, _ reason: String) throws(MarketSpecError) {
                if !ok { throw MarketSpecError(field: "devices.\(device.rawValue).\(field)", reason: reason) }
            }
            try require(profile.share >= 0, "share", "must be ≥ 0")
            try require(profile.clickThroughRateMultiplier > 0, "clickThroughRateMultiplier", "must be > 0")
            try require(profile.conversionRateMultiplier >= 0, "conversionRateMultiplier", "must be ≥ 0")
            try require(
                profile.costPerClickMultiplier > 0 && profile.costPerClickMultiplier <= 1,
                "costPerClickMultiplier",
                "must be in (0, 1] so the CPC paid never exceeds the bid"
            )
        }
        let total = segments.reduce(0) { $0 + $1.profile.share }
        guard abs(total - 1) < 1e-9 else {
            throw MarketSpecError(field: "devices", reason: "shares must sum to 1, got \(total)")
        }
    }
}
