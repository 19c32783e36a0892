import GavelBidding
import GavelCore
import Testing

@Suite struct ModifierTests {
    @Test func mobileWorthHalfPerClickGetsAShrunkClampedModifier() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            goal: "target_roas: 400%",
            extra: "modifiers: {devices: true, shrink_clicks: 200, min_factor: 0.6, max_factor: 1.5}")
        // Desktop: 1,000 clicks worth €2,000; mobile: 1,000 clicks worth €1,000. Overall €1.50 per click.
        let keywords = [
            EngineFixtures.keyword(
                "k", clicks: 1_000, conversions: 20, value: Micros(units: 2_000), ages: 0...19, device: .desktop),
            EngineFixtures.keyword(
                "k", clicks: 1_000, conversions: 10, value: Micros(units: 1_000), ages: 0...19, device: .mobile),
        ]
        let plan = BidEngine(ruleSet: ruleSet, asOf: EngineFixtures.asOf).plan(keywords)
        let mobile = try #require(plan.modifiers.first { $0.segment == .device(.mobile) })
        // ((1000 + 200 × 1.5) ÷ 1200) ÷ 1.5 = 0.7222
        #expect(abs(mobile.factor - 1300.0 / 1200 / 1.5) < 1e-9)
        let desktop = try #require(plan.modifiers.first { $0.segment == .device(.desktop) })
        #expect(abs(desktop.factor - 2300.0 / 1200 / 1.5) < 1e-9)
        #expect(mobile.trace.hasPrefix("mobile: value/click 1.00 vs 1.50 overall"))
    }

    @Test func modifiersAreClamped() throws {
        let ruleSet = try EngineFixtures.ruleSet(
            goal: "target_cpa: 25", extra: "modifiers: {devices: true, shrink_clicks: 0, min_factor: 0.8}")
        let keywords = [
            EngineFixtures.keyword("k", clicks: 1_000, conversions: 50, ages: 0...19, device: .desktop),
            EngineFixtures.keyword("k", clicks: 1_000, conversions: 0, ages: 0...19, device: .tablet),
        ]
        let plan = BidEngine(ruleSet: ruleSet, asOf: EngineFixtures.asOf).plan(keywords)
        #expect(plan.modifiers.first { $0.segment == .device(.tablet) }?.factor == 0.8)
        #expect(plan.modifiers.first { $0.segment == .device(.desktop) }?.factor == 1.5)
    }
}
