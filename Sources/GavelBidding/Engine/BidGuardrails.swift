public import GavelCore

/// The last word on every bid: hard bounds that can never be crossed, a per-run change band, and cent rounding.
///
/// Hard bounds are `[max(min bid, floors), min(max bid, caps)]`; if a floor is above a cap, the cap wins. The
/// change band is `[current × (1 − max lower), current × (1 + max raise)]`. The bid is clamped into the band and
/// then into the hard bounds, so a cap is never exceeded; when the current bid already lies within the hard
/// bounds, the result lies within the band too. Rounding to the bid step never leaves either.
public struct BidGuardrails: Sendable {
    /// A ceiling or floor and what imposes it, for the trace (`max bid`, `cap (rule 'Low QS')`).
    public struct Bound: Hashable, Sendable {
        public var amount: Micros
        public var reason: String

        public init(amount: Micros, reason: String) {
            self.amount = amount
            self.reason = reason
        }
    }

    public struct Outcome: Hashable, Sendable {
        public var bid: Micros
        /// Which limit shaped the bid, e.g. `capped −20 % of €1.60 → €1.28`; `nil` when none did.
        public var note: String?
    }

    public let limits: BidLimits
    public let format: TraceFormat

    public init(limits: BidLimits, format: TraceFormat = TraceFormat()) {
        self.limits = limits
        self.format = format
    }

    /// How a bid between two bid steps is rounded.
    public enum Rounding: Sendable {
        /// To the nearer step: a bid from a formula or a smooth curve.
        case nearest
        /// To the step at or above: a bid that is the least one a simulator saw buy its clicks, where a position
        /// auction's slot or reserve may be lost just below it.
        case up
    }

    /// - Parameters:
    ///   - proposed: What the strategy and rules want.
    ///   - current: The keyword's bid now.
    ///   - ceiling: The tightest extra cap (rules, headroom, a max-CPC goal), if any.
    ///   - floor: The highest extra floor (rules), if any.
    ///   - rounding: How `proposed` goes to a bid step.
    public func apply(
        proposed: Micros, current: Micros, ceiling: Bound? = nil, floor: Bound? = nil, rounding: Rounding = .nearest
    ) -> Outcome {
        var upper = Bound(amount: limits.maxBid, reason: "max bid")
        if let ceiling, ceiling.amount < upper.amount { upper = ceiling }
        var lower = Bound(amount: limits.minBid, reason: "min bid")
        if let floor, floor.amount > lower.amount { lower = floor }
        if lower.amount > upper.amount { lower = Bound(amount: upper.amount, reason: upper.reason) }

        let bandLow = current.scaled(by: 1 - limits.maxLower)
        let bandHigh = current.scaled(by: 1 + limits.maxRaise)
        var low = max(lower.amount, bandLow)
        var high = min(upper.amount, bandHigh)
        if low > high {
            // The current bid is outside the hard bounds: only they count.
            (low, high) = bandHigh < lower.amount ? (lower.amount, lower.amount) : (upper.amount, upper.amount)
        }
        let clamped = min(max(proposed, low), high)
        let bid = rounded(clamped, within: low...high, rounding: rounding)

        var note: String?
        if proposed > high {
            note =
                high == bandHigh && high < upper.amount
                ? "capped \(format.change(limits.maxRaise)) of \(format.money(current)) → \(format.money(bid))"
                : "\(upper.reason) \(format.money(upper.amount)) → \(format.money(bid))"
        } else if proposed < low {
            note =
                low == bandLow && low > lower.amount
                ? "capped \(format.change(-limits.maxLower)) of \(format.money(current)) → \(format.money(bid))"
                : "\(lower.reason) \(format.money(lower.amount)) → \(format.money(bid))"
        }
        return Outcome(bid: bid, note: note)
    }

    /// The nearest multiple of the bid step (or the one at or above, by `rounding`) inside `range`, or the unrounded
    /// amount if the range holds none.
    private func rounded(_ amount: Micros, within range: ClosedRange<Micros>, rounding: Rounding) -> Micros {
        let step = limits.bidStep.rawValue
        let down = amount.rawValue / step * step
        let preferred =
            switch rounding {
            case .nearest: amount.rawValue - down >= (step + 1) / 2 ? down + step : down
            case .up: amount.rawValue == down ? down : down + step
            }
        for candidate in [preferred, preferred - step, preferred + step] where range.contains(Micros(candidate)) {
            return Micros(candidate)
        }
        return amount
    }
}
