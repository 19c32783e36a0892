import GavelCore

/// Device and day-of-week bid modifiers per campaign: segment value per click ÷ overall value per click,
/// shrunk toward 1 by `shrinkClicks` clicks of "no difference", then clamped.
///
/// `factor = ((value_s + K·v̄) ÷ (clicks_s + K)) ÷ v̄`: a segment with few clicks stays near 1, one with many
/// clicks approaches its own ratio. Value is conversion value for ROAS goals and conversions for CPA goals.
struct ModifierAccumulator: Sendable {
    private static let devices: [Device] = [.desktop, .mobile, .tablet, .tv, .other]
    private var deviceClicks: [Double]
    private var deviceValue: [Double]
    private var weekdayClicks: [Double]
    private var weekdayValue: [Double]

    init(campaignCount: Int) {
        deviceClicks = [Double](repeating: 0, count: campaignCount * Self.devices.count)
        deviceValue = deviceClicks
        weekdayClicks = [Double](repeating: 0, count: campaignCount * 7)
        weekdayValue = weekdayClicks
    }

    mutating func add(_ point: DailyPoint, campaign: Int32, value: Double) {
        let campaign = Int(campaign)
        let clicks = Double(point.clicks)
        let weekday = campaign * 7 + point.day.weekday - 1
        weekdayClicks[weekday] += clicks
        weekdayValue[weekday] += value
        guard let device = Self.slot(of: point.device) else { return }
        deviceClicks[campaign * Self.devices.count + device] += clicks
        deviceValue[campaign * Self.devices.count + device] += value
    }

    /// Adds another accumulator's sums (of other keywords, same campaigns).
    mutating func add(_ other: ModifierAccumulator) {
        for index in deviceClicks.indices {
            deviceClicks[index] += other.deviceClicks[index]
            deviceValue[index] += other.deviceValue[index]
        }
        for index in weekdayClicks.indices {
            weekdayClicks[index] += other.weekdayClicks[index]
            weekdayValue[index] += other.weekdayValue[index]
        }
    }

    private static func slot(of device: Device) -> Int? {
        switch device {
        case .all: nil
        case .desktop: 0
        case .mobile: 1
        case .tablet: 2
        case .tv: 3
        case .other: 4
        }
    }

    func modifiers(
        settings: ModifierSettings, campaignNames: [(account: String, campaign: String)], format: TraceFormat
    ) -> [BidModifier] {
        var result: [BidModifier] = []
        for (campaign, names) in campaignNames.enumerated() {
            if settings.devices {
                let segments = Self.devices.enumerated().map { (BidModifier.Segment.device($1), campaign * 5 + $0) }
                result += modifiers(segments, clicks: deviceClicks, value: deviceValue, names, settings, format)
            }
            if settings.weekdays {
                let segments = (1...7).map { (BidModifier.Segment.weekday($0), campaign * 7 + $0 - 1) }
                result += modifiers(segments, clicks: weekdayClicks, value: weekdayValue, names, settings, format)
            }
        }
        return result
    }

    private func modifiers(
        _ segments: [(BidModifier.Segment, Int)], clicks: [Double], value: [Double],
        _ names: (account: String, campaign: String), _ settings: ModifierSettings, _ format: TraceFormat
    ) -> [BidModifier] {
        let totalClicks = segments.reduce(0) { $0 + clicks[$1.1] }
        let totalValue = segments.reduce(0) { $0 + value[$1.1] }
        guard totalClicks > 0, totalValue > 0 else { return [] }
        let overall = totalValue / totalClicks
        let shrink = settings.shrinkClicks
        return segments.compactMap { segment, slot in
            guard clicks[slot] > 0 else { return nil }
            let own = value[slot] / clicks[slot]
            let shrunk = (value[slot] + shrink * overall) / (clicks[slot] + shrink) / overall
            let factor = min(max(shrunk, settings.minFactor), settings.maxFactor)
            let trace =
                "\(segment): value/click \(TraceFormat.fixed(own, decimals: 2)) vs "
                + "\(TraceFormat.fixed(overall, decimals: 2)) overall over \(format.count(clicks[slot])) clicks, "
                + "shrunk by \(format.count(shrink)) clicks → ×\(TraceFormat.fixed(factor, decimals: 2))"
            return BidModifier(
                account: names.account, campaign: names.campaign, segment: segment, factor: factor,
                clicks: clicks[slot], trace: trace)
        }
    }
}
