public import GavelCore

/// What is really true about one keyword — the answer the estimators, the portfolio optimiser and
/// the simulator are scored against. Reports only ever show noisy, censored samples of it.
public struct KeywordTruth: Sendable, Hashable {
    /// The keyword's index in the market (its stream number).
    public let index: Int
    public let identity: KeywordIdentity
    public let placement: KeywordPlacement
    /// True conversion rate per click on a device with multiplier 1 (desktop), before any event.
    public let conversionRate: Double
    /// Mean value of one conversion.
    public let valuePerConversion: Micros
    /// CTR at position 1 on a device with multiplier 1.
    public let clickThroughRateAtTop: Double
    /// Expected searches per day over all devices, before seasonality.
    public let dailySearches: Double
    /// The competitors' bid level for this keyword.
    public let competitorBid: Micros
    /// How traffic and price respond to the bid.
    public let response: BidResponse
    /// The max CPC on the last day of history: what the keyword is bid at now.
    public let currentBid: Micros
    /// 1–10; higher quality lowers the bid needed to win ( `response.parityBid`) and raises CTR.
    public let qualityScore: Int
    /// The market's device mix, so expectations can be split or blended by device.
    public let devices: DeviceMix
    /// The market's seasonality, for expectations on a given day.
    public let seasonality: Seasonality
    /// Steps in the conversion rate from events (e.g. a landing-page change), oldest first.
    public let conversionRateChanges: [ConversionRateChange]
    /// The max CPC on the first day of history; the bid walk starts here.
    let initialBid: Micros
    /// Seeds of the keyword's bid path and daily activity, split from its stream.
    let bidSeed: UInt64
    let activitySeed: UInt64

    /// The product of event factors in force for clicks on `day`.
    public func conversionRateFactor(on day: CalendarDay) -> Double {
        var factor = 1.0
        for change in conversionRateChanges where change.from <= day { factor *= change.factor }
        return factor
    }

    /// The true CVR of a click on `device` on `day`; `.all` gives the click-weighted blend over devices.
    public func conversionRate(device: Device = .all, on day: CalendarDay) -> Double {
        conversionRate * devices.profile(of: device).conversionRateMultiplier * conversionRateFactor(on: day)
    }

    /// The true CTR of an impression on `device` at `bid`; capped at 1.
    public func clickThroughRate(bid: Micros, device: Device = .all) -> Double {
        min(
            1,
            clickThroughRateAtTop * response.positionFactor(bid: bid)
                * devices.profile(of: device).clickThroughRateMultiplier
        )
    }

    /// Expected impressions per day at `bid` on an average day (no seasonality).
    public func expectedImpressions(bid: Micros) -> Double {
        dailySearches * response.impressionShare(bid: bid)
    }

    /// Expected clicks per day at `bid` on an average day: volume × impression share × CTR(position).
    public func expectedClicks(bid: Micros) -> Double {
        expectedImpressions(bid: bid) * clickThroughRate(bid: bid)
    }

    /// Expected clicks at `bid` on `day`, with that day's seasonality.
    public func expectedClicks(bid: Micros, on day: CalendarDay) -> Double {
        expectedClicks(bid: bid) * seasonality.factor(on: day)
    }

    /// Expected cost per day at `bid` on an average day; ÷ expected clicks it never exceeds the bid.
    public func expectedCost(bid: Micros) -> Micros {
        let blendedCPC = response.costPerClick(bid: bid).units * devices.blended.costPerClickMultiplier
        return Micros(rounding: expectedClicks(bid: bid) * blendedCPC)
    }

    /// Expected cost at `bid` on `day`, with that day's seasonality.
    public func expectedCost(bid: Micros, on day: CalendarDay) -> Micros {
        expectedCost(bid: bid).scaled(by: seasonality.factor(on: day))
    }

    /// Expected conversions from the clicks of `day` at `bid`, however late they are reported.
    public func expectedConversions(bid: Micros, on day: CalendarDay) -> Double {
        expectedClicks(bid: bid, on: day) * conversionRate(on: day)
    }

    /// Expected conversion value from the clicks of `day` at `bid`.
    public func expectedConversionValue(bid: Micros, on day: CalendarDay) -> Micros {
        Micros(rounding: expectedConversions(bid: bid, on: day) * valuePerConversion.units)
    }

    /// The current state as a report would show it.
    public var attributes: KeywordAttributes {
        KeywordAttributes(
            maxCPC: currentBid,
            qualityScore: qualityScore,
            status: "Enabled",
            platformKeywordID: String(index + 1),
            platformAdGroupID: String(placement.adGroup + 1)
        )
    }
}
