import GavelBidding
import GavelCore
import PropertyBased
import Testing

@Suite struct GuardrailTests {
    let limits = BidLimits(
        minBid: Micros(100_000), maxBid: Micros(units: 5), maxRaise: 0.2, maxLower: 0.2, minClicks: 0,
        bidStep: Micros(10_000))

    @Test func clampsToTheChangeBand() {
        let guardrails = BidGuardrails(limits: limits)
        let down = guardrails.apply(proposed: Micros(1_140_000), current: Micros(1_600_000))
        #expect(down.bid == Micros(1_280_000))
        #expect(down.note == "capped −20 % of €1.60 → €1.28")
        let up = guardrails.apply(proposed: Micros(units: 3), current: Micros(units: 1))
        #expect(up.bid == Micros(1_200_000))
        #expect(up.note == "capped +20 % of €1.00 → €1.20")
        let inside = guardrails.apply(proposed: Micros(1_104_999), current: Micros(units: 1))
        #expect(inside.bid == Micros(1_100_000))
        #expect(inside.note == nil)
    }

    /// A simulated point is the least bid that bought its clicks: €1.0401 goes to €1.05, not €1.04; a whole cent
    /// stays; at the top of the band the step below is taken rather than none.
    @Test func roundingUpKeepsAPointsBidAtOrAboveIt() {
        let guardrails = BidGuardrails(limits: limits)
        #expect(guardrails.apply(proposed: Micros(1_040_100), current: Micros(units: 1), rounding: .up).bid == Micros(1_050_000))
        #expect(guardrails.apply(proposed: Micros(1_040_100), current: Micros(units: 1)).bid == Micros(1_040_000))
        #expect(guardrails.apply(proposed: Micros(1_040_000), current: Micros(units: 1), rounding: .up).bid == Micros(1_040_000))
        let top = guardrails.apply(proposed: Micros(1_195_000), current: Micros(995_000), rounding: .up)
        #expect(top.bid == Micros(1_190_000))
    }

    @Test func hardBoundsBeatTheBand() {
        let guardrails = BidGuardrails(limits: limits)
        let capped = guardrails.apply(
            proposed: Micros(units: 1), current: Micros(1_600_000),
            ceiling: .init(amount: Micros(500_000), reason: "cap (rule 'QS')"))
        #expect(capped.bid == Micros(500_000))
        #expect(capped.note == "cap (rule 'QS') €0.50 → €0.50")
        let aboveMax = guardrails.apply(proposed: Micros(units: 9), current: Micros(units: 8))
        #expect(aboveMax.bid == Micros(units: 5))
        let floorAboveCap = guardrails.apply(
            proposed: Micros(units: 1), current: Micros(units: 1),
            ceiling: .init(amount: Micros(400_000), reason: "cap"),
            floor: .init(amount: Micros(600_000), reason: "floor"))
        #expect(floorAboveCap.bid == Micros(400_000))
    }

    @Test func newBidAlwaysWithinBoundsAndWithinMaxChange() async {
        await propertyCheck(
            count: 500, input: Gen.int(in: 1...20_000_000), Gen.int(in: 1...20_000_000), Gen.int(in: 0...6_000_000),
            Gen.int(in: 0...90), Gen.int(in: 0...90)
        ) { proposed, current, cap, raise, lower in
            let limits = BidLimits(
                minBid: Micros(50_000), maxBid: Micros(units: 5), maxRaise: Double(raise) / 100,
                maxLower: Double(lower) / 100, bidStep: Micros(10_000))
            let ceiling = BidGuardrails.Bound(amount: Micros(Int64(cap)), reason: "cap")
            let outcome = BidGuardrails(limits: limits).apply(
                proposed: Micros(Int64(proposed)), current: Micros(Int64(current)), ceiling: ceiling)
            let upper = min(limits.maxBid, ceiling.amount)
            let lowerBound = min(limits.minBid, upper)
            #expect(outcome.bid <= upper)
            #expect(outcome.bid >= lowerBound)
            let old = Micros(Int64(current))
            if old >= lowerBound && old <= upper {
                #expect(outcome.bid <= old.scaled(by: 1 + limits.maxRaise))
                #expect(outcome.bid >= old.scaled(by: 1 - limits.maxLower))
            }
        }
    }
}
