public import GavelCore

/// What the bidder answers one request with.
public struct BidDecision: Sendable {
    /// The response to send: bids, or a no-bid carrying `nbr`.
    public var response: OpenRTB.BidResponse
    /// Money set aside for each bid; the bid's `id` is the reservation id, so a win or loss
    /// notice carrying `${AUCTION_BID_ID}` settles it with ``BudgetLedger/commit(reservationID:clearingPrice:)``.
    public var reservations: [Reservation]
    /// Why nothing was bid, when nothing was.
    public var noBidReason: NoBidReason?

    /// Whether to answer HTTP 204 instead of a body: a no-bid without a specific reason.
    public var isEmptyNoBid: Bool { response.seatBid.isEmpty && noBidReason == nil }
}

/// The bidder's brain, for `gavel serve`: bytes in, a response and budget reservations out.
///
/// validate → for each impression: campaign index lookup → price every match → take the
/// highest quote whose impression cost the campaign's budget can still reserve → build the
/// response. No HTTP, no clock: the caller passes the auction time and account day, so a
/// replay of logged requests gives the same answers.
public struct Bidder: Sendable {
    public var validator: BidRequestValidator
    public var index: CampaignIndex
    public var pricer: Pricer
    public var ledger: BudgetLedger

    public init(
        validator: BidRequestValidator = BidRequestValidator(),
        index: CampaignIndex,
        pricer: Pricer,
        ledger: BudgetLedger
    ) {
        self.validator = validator
        self.index = index
        self.pricer = pricer
        self.ledger = ledger
    }

    public func respond(to bytes: UnsafeRawBufferPointer, at unixTime: Int64, on day: CalendarDay) -> BidDecision {
        switch validator.read(bytes) {
        case .failure(let rejection):
            let id = (try? OpenRTBDecoder.decodeBidRequest(bytes).id) ?? ""
            return BidDecision(
                response: .noBid(id: id, reason: rejection.noBidReason),
                reservations: [],
                noBidReason: rejection.noBidReason
            )
        case .success(let request):
            return respond(to: request, at: unixTime, on: day)
        }
    }

    public func respond(to request: OpenRTB.BidRequest, at unixTime: Int64, on day: CalendarDay) -> BidDecision {
        let matches = index.matches(for: request, at: unixTime)
        var bidsBySeat: [String: [OpenRTB.Bid]] = [:]
        var seatOrder: [String] = []
        var reservations: [Reservation] = []
        var currency: String?
        for impIndex in request.imp.indices {
            // Highest quote first; a campaign out of budget gives way to the next.
            let quotes = matches.lazy.filter { $0.impIndex == impIndex }
                .compactMap { match in
                    (try? pricer.price(match, in: request, campaigns: index, at: unixTime).get()).map { (match, $0) }
                }
                .filter { currency == nil || $0.1.currency == currency }
                .sorted { $0.1.price > $1.1.price }
            for (match, quote) in quotes {
                let campaign = index.campaigns[match.campaignIndex]
                guard
                    case .success(let reservation) = ledger.reserve(
                        quote.price.costPerImpression,
                        for: campaign.id,
                        on: day,
                        at: unixTime
                    )
                else { continue }
                reservations.append(reservation)
                currency = quote.currency
                if bidsBySeat[campaign.seat] == nil { seatOrder.append(campaign.seat) }
                bidsBySeat[campaign.seat, default: []].append(
                    Self.bid(for: match, quote: quote, reservation: reservation, request: request, campaign: campaign)
                )
                break
            }
        }
        guard !reservations.isEmpty else {
            return BidDecision(response: OpenRTB.BidResponse(id: request.id), reservations: [], noBidReason: nil)
        }
        let seats = seatOrder.map { seat in
            OpenRTB.SeatBid(bid: bidsBySeat[seat] ?? [], seat: seat.isEmpty ? nil : seat)
        }
        return BidDecision(
            response: OpenRTB.BidResponse(id: request.id, seatBid: seats, cur: currency),
            reservations: reservations,
            noBidReason: nil
        )
    }

    private static func bid(
        for match: CampaignMatch,
        quote: Quote,
        reservation: Reservation,
        request: OpenRTB.BidRequest,
        campaign: Campaign
    ) -> OpenRTB.Bid {
        let creative = campaign.creatives[match.creativeIndex]
        var bid = OpenRTB.Bid(id: String(reservation.id), impID: request.imp[match.impIndex].id, price: quote.price)
        bid.adm = creative.markup
        bid.adomain = creative.advertiserDomains
        bid.cat = creative.categories.isEmpty ? nil : creative.categories
        bid.attr = creative.attributes.isEmpty ? nil : creative.attributes
        bid.bundle = creative.bundle
        bid.cid = campaign.id
        bid.crid = creative.id
        bid.w = creative.size?.w
        bid.h = creative.size?.h
        bid.mtype = creative.mediaType.rawValue
        bid.dealID = match.deal(in: request)?.id
        return bid
    }
}
