public import GavelCore

/// Turns a goal and the keyword's estimated rates into a max-CPC bid.
///
/// - Target CPA: bid = target CPA × CVR (a click is worth the share of a conversion it brings: €25 × 5 % = €1.25).
/// - Target ROAS: bid = CVR × value per conversion ÷ target ROAS (value per click, paid back `ROAS` times).
/// - Max CPC (traffic): bid the cap itself; the most clicks a cap allows are the clicks it wins. The cap is also a
///   hard ceiling in the guardrails.
/// - Max CPM (branding): bid = max CPM ÷ (1000 × CTR). A thousand impressions bring 1000 × CTR clicks, so paying
///   at most the bid per click costs at most the max CPM per thousand impressions (€6 CPM at 2 % CTR: €0.30).
///   The issue sketched "max CPM × CTR ÷ 1000", which is off by a factor of (1000 × CTR)²; see Docs/rules.md.
public struct BidStrategy: Sendable {
    public struct Estimate: Hashable, Sendable {
        public var cvr: Double
        public var ctr: Double
        public var valuePerConversion: Micros?

        public init(cvr: Double, ctr: Double = 0, valuePerConversion: Micros? = nil) {
            self.cvr = cvr
            self.ctr = ctr
            self.valuePerConversion = valuePerConversion
        }
    }

    public struct Proposal: Hashable, Sendable {
        public var bid: Micros
        fileprivate let goal: Goal
        fileprivate let valuePerConversion: Micros?
        fileprivate let format: TraceFormat

        /// The arithmetic, e.g. `× target CPA €25.00 = €1.25`. Formatted when read: a nightly run over a million
        /// keywords reads it only for the keywords whose bid changes.
        public var trace: String {
            switch goal {
            case .targetCPA(let target):
                "× target CPA \(format.money(target)) = \(format.money(bid))"
            case .targetROAS(let target):
                "× value/conv \(format.money(valuePerConversion ?? .zero)) ÷ target ROAS "
                    + "\(format.percent(target, decimals: 0)) = \(format.money(bid))"
            case .maxCPC(let cap):
                "traffic: bid the max CPC \(format.money(cap))"
            case .maxCPM(let cap):
                "max CPM \(format.money(cap)) ÷ (1000 × CTR) = \(format.money(bid))"
            }
        }
    }

    public let goal: Goal
    public let format: TraceFormat
    /// Stands for "as high as the limits allow" without overflowing micros.
    private static let unboundedBid = Micros(units: 1_000_000)

    public init(goal: Goal, format: TraceFormat = TraceFormat()) {
        self.goal = goal
        self.format = format
    }

    /// The bid the goal asks for, or `nil` when the estimate cannot support one (no conversion value yet).
    public func propose(_ estimate: Estimate) -> Proposal? {
        let bid: Micros
        switch goal {
        case .targetCPA(let target):
            bid = target.scaled(by: estimate.cvr)
        case .targetROAS(let target):
            guard let perConversion = estimate.valuePerConversion, perConversion > .zero, target > 0 else { return nil }
            bid = perConversion.scaled(by: estimate.cvr / target)
        case .maxCPC(let cap):
            bid = cap
        case .maxCPM(let cap):
            // A CTR of zero would ask for an unbounded bid; the guardrails' max bid then decides.
            let perClick = estimate.ctr > 0 ? cap.units / (1000 * estimate.ctr) : .infinity
            bid = perClick < Self.unboundedBid.units ? Micros(rounding: perClick) : Self.unboundedBid
        }
        return Proposal(bid: bid, goal: goal, valuePerConversion: estimate.valuePerConversion, format: format)
    }

    /// The ceiling the goal itself imposes (a traffic goal's max CPC), applied as a hard cap.
    public var ceiling: BidGuardrails.Bound? {
        if case .maxCPC(let cap) = goal { return BidGuardrails.Bound(amount: cap, reason: "max CPC goal") }
        return nil
    }
}
