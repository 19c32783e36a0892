public import GavelAuction
import GavelCore
import Synchronization

/// A priced bid for one match: what to bid, in which currency, and why.
public struct Quote: Hashable, Sendable {
    /// The CPM to bid, in `currency`.
    public var price: OpenRTB.CPM
    public var currency: String
    /// The floor that applied (deal floor or `imp.bidfloor`), converted to `currency`.
    public var floor: OpenRTB.CPM
    /// The value before the `maxBid` cap, in `currency`.
    public var value: OpenRTB.CPM
    public var predictedCTR: Double?
    public var predictedCVR: Double?
    /// `price` in the campaign's own currency when `currency` is another (else `nil`): what the
    /// budget reserves and a win is charged against.
    public var campaignPrice: OpenRTB.CPM?
}

/// Why a match is not bid on after pricing.
public enum PricingRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bid would be below the floor, which the exchange would reject anyway.
    case belowFloor(bid: OpenRTB.CPM, floor: OpenRTB.CPM, currency: String)
    /// A currency the table does not know: the floor or the bid cannot be compared.
    case unknownCurrency(String)
    /// The campaign's currency is not among the request's allowed `cur`, and cannot be converted.
    case currencyNotAllowed(String)
    /// The valuation came to nothing (zero predicted rate or zero target).
    case noValue

    public var description: String {
        switch self {
        case .belowFloor(let bid, let floor, let currency): "bid \(bid) \(currency) is below the floor \(floor)"
        case .unknownCurrency(let code): "unknown currency \(code)"
        case .currencyNotAllowed(let code): "currency \(code) is not allowed by the request"
        case .noValue: "the impression is worth nothing to the campaign"
        }
    }
}

/// Turns a ``CampaignMatch`` into a bid price.
///
/// `fixedCPM` bids its CPM; `targetCPC` bids `target × pCTR × 1000`; `targetCPA` bids
/// `target × pCTR × pCVR × 1000` — the CPM at which the campaign pays its target on average —
/// capped at the rule's `maxBid`. Budget pacing scales the value down first. In a first-price
/// auction (`at` = 1) the paced value is shaded with the simulator's ``BidShader`` against the
/// market-price model — the same shading `gavel simulate` evaluates — and raised to the floor when
/// the value clears it; in a second-price auction the bid is the value. A campaign bids in its own
/// currency where the request's `cur` allows it (or names none), else in the first allowed
/// currency ``currencies`` converts to, so a euro-only exchange still hears from a dollar
/// campaign. Such a quote carries its price in the campaign's currency too
/// (``Quote/campaignPrice``): the budget reserves that, and the notice URLs sign it, so a win —
/// however late, whatever the rates have done since — is charged at the rate the bid was made
/// at. Floors in other currencies are converted with ``currencies`` as well. A bid under the
/// floor (the deal's when bidding through a deal, else `imp.bidfloor`) is no bid.
public struct Pricer: Sendable {
    public var clickModel: LogisticModel
    /// Post-click conversion model; without one, each campaign's `conversionRate` is used.
    public var conversionModel: LogisticModel?
    public var currencies: CurrencyTable
    /// First-price shading against the highest competing CPM (in currency units); without one,
    /// first-price auctions are bid at value like second-price ones.
    public var shader: BidShader? {
        didSet { shadedBids = ShadedBids() }
    }
    /// Shaded bids already solved, by paced value: see ``ShadedBids``.
    private var shadedBids = ShadedBids()

    public init(
        clickModel: LogisticModel,
        conversionModel: LogisticModel? = nil,
        currencies: CurrencyTable = CurrencyTable(),
        shader: BidShader? = nil
    ) {
        self.clickModel = clickModel
        self.conversionModel = conversionModel
        self.currencies = currencies
        self.shader = shader
    }

    /// - Parameter impressionFeatures: ``FeatureHasher/impressionFeatures(request:impIndex:at:)``
    ///   of the match's impression when the caller prices many matches of it; computed if `nil`.
    /// - Parameter pacing: the campaign's budget-pacing multiplier, 0…1.
    public func price(
        _ match: CampaignMatch,
        in request: OpenRTB.BidRequest,
        campaigns: CampaignIndex,
        at unixTime: Int64,
        impressionFeatures: [UInt64]? = nil,
        pacing: Double = 1
    ) -> Result<Quote, PricingRejection> {
        let rule = campaigns.campaigns[match.campaignIndex].pricing
        var predictedCTR: Double?
        var predictedCVR: Double?
        let value: Micros
        switch rule.strategy {
        case .fixedCPM(let cpm):
            value = cpm
        case .targetCPC(let cpc):
            let features = features(of: match, in: request, campaigns: campaigns, at: unixTime, impressionFeatures)
            let ctr = clickModel.probability(
                score: clickModel.score(features.impression) + clickModel.score(features.creative)
            )
            predictedCTR = ctr
            value = cpc.scaled(by: ctr * 1000)
        case .targetCPA(let cpa):
            let features = features(of: match, in: request, campaigns: campaigns, at: unixTime, impressionFeatures)
            let ctr = clickModel.probability(
                score: clickModel.score(features.impression) + clickModel.score(features.creative)
            )
            let cvr =
                conversionModel.map { model in
                    model.probability(score: model.score(features.impression) + model.score(features.creative))
                } ?? rule.conversionRate
            predictedCTR = ctr
            predictedCVR = cvr
            value = cpa.scaled(by: ctr * cvr * 1000)
        }
        guard value > .zero else { return .failure(.noValue) }
        let paced = min(pacing < 1 ? value.scaled(by: max(pacing, 0)) : value, rule.maxBid)
        guard paced > .zero else { return .failure(.noValue) }
        let firstPrice = request.at == 1 && shader != nil
        let capped = firstPrice ? shade(paced) : paced

        guard let currency = bidCurrency(for: rule.currency, allowed: request.cur) else {
            return .failure(.currencyNotAllowed(rule.currency))
        }
        guard let converted = currencies.convert(capped, from: rule.currency, to: currency),
            let uncapped = currencies.convert(value, from: rule.currency, to: currency)
        else { return .failure(.unknownCurrency(rule.currency)) }

        let (floorAmount, floorCurrency) = Self.floor(of: match, in: request)
        guard
            let floor = floorAmount == .zero
                ? .zero : currencies.convert(floorAmount, from: floorCurrency, to: currency)
        else { return .failure(.unknownCurrency(floorCurrency)) }
        var bid = converted
        // A shaded bid under the floor is raised to it when the paced value itself clears the floor:
        // winning at the floor still leaves surplus, while bidding below it never wins.
        if firstPrice, bid < floor, let value = currencies.convert(paced, from: rule.currency, to: currency),
            value >= floor
        {
            bid = floor
        }
        guard bid > .zero else { return .failure(.noValue) }
        guard bid >= floor else {
            return .failure(
                .belowFloor(bid: OpenRTB.CPM(micros: bid), floor: OpenRTB.CPM(micros: floor), currency: currency)
            )
        }
        return .success(
            Quote(
                price: OpenRTB.CPM(micros: bid),
                currency: currency,
                floor: OpenRTB.CPM(micros: floor),
                value: OpenRTB.CPM(micros: uncapped),
                predictedCTR: predictedCTR,
                predictedCVR: predictedCVR,
                campaignPrice: currency == rule.currency
                    ? nil : currencies.convert(bid, from: currency, to: rule.currency).map(OpenRTB.CPM.init(micros:))
            )
        )
    }

    /// The surplus-maximising first-price bid for `value`, never above it.
    private func shade(_ value: Micros) -> Micros {
        guard let shader else { return value }
        return shadedBids.bid(for: value) { min(value, Micros(rounding: shader.shade(value: value.units))) }
    }

    /// The deal's floor when bidding through a deal, else the impression's, with its currency.
    /// Reads through `request.imp[…]` in place: copying an `Imp` per match shows in profiles.
    private static func floor(of match: CampaignMatch, in request: OpenRTB.BidRequest) -> (Micros, String) {
        if let deal = match.dealIndex {
            let amount = request.imp[match.impIndex].pmp?.deals?[deal].bidFloor?.micros ?? .zero
            return (amount, request.imp[match.impIndex].pmp?.deals?[deal].bidFloorCur ?? "USD")
        }
        return (request.imp[match.impIndex].bidFloor?.micros ?? .zero, request.imp[match.impIndex].bidFloorCur ?? "USD")
    }

    private func features(
        of match: CampaignMatch,
        in request: OpenRTB.BidRequest,
        campaigns: CampaignIndex,
        at unixTime: Int64,
        _ impressionFeatures: [UInt64]?
    ) -> (impression: [UInt64], creative: [UInt64]) {
        let impression =
            impressionFeatures
            ?? FeatureHasher.impressionFeatures(request: request, impIndex: match.impIndex, at: unixTime)
        return (impression, campaigns.creativeFeatures(campaign: match.campaignIndex, creative: match.creativeIndex))
    }

    /// The campaign's own currency if the request allows it (or names none), else the first
    /// allowed currency the table can convert to, in the exchange's order of preference.
    private func bidCurrency(for own: String, allowed: [String]?) -> String? {
        guard let allowed, !allowed.isEmpty, !allowed.contains(own) else { return own }
        if allowed.contains(where: { $0.uppercased() == own }) { return own }
        guard currencies.knows(own) else { return nil }
        return allowed.first(where: currencies.knows)?.uppercased()
    }
}

/// The shaded bid of each paced value seen lately, since solving the shading optimum (a bisection
/// over the market model's density and distribution, ≈ 12,000 instructions) was the costliest
/// step of a first-price bid, and a campaign's paced value repeats: a fixed CPM always gives the
/// same one, a target CPC one per distinct prediction. The result is the one `shade` computes,
/// exactly; only the work is saved. At most ``capacity`` values are kept, then the table starts over.
final class ShadedBids: Sendable {
    private let solved = Mutex<[Int64: Micros]>([:])
    private static let capacity = 4096

    func bid(for value: Micros, solve: () -> Micros) -> Micros {
        if let known = solved.withLock({ $0[value.rawValue] }) { return known }
        let bid = solve()
        solved.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[value.rawValue] = bid
        }
        return bid
    }
}
