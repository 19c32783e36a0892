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
    /// The privacy signal that made the request anonymous, if one did (``PrivacyPolicy``).
    public var privacyRestriction: PrivacyRestriction?

    /// Whether to answer HTTP 204 instead of a body: a no-bid without a specific reason.
    public var isEmptyNoBid: Bool { response.seatBid.isEmpty && noBidReason == nil }
}

/// The bidder's brain, for `gavel serve`: bytes in, a response and budget reservations out.
///
/// validate → privacy policy → for each impression: campaign index lookup → price every match
/// → take the highest quote whose impression cost the campaign's budget can still reserve →
/// build the response. No HTTP, no clock: the caller passes the auction time and account day,
/// so a replay of logged requests gives the same answers.
///
/// A request whose personal data ``privacy`` denies is bid on as an anonymous user (see
/// ``AudienceChecks``): campaigns that need its segments or audiences cannot match, frequency caps
/// are not consulted, and when nothing is bid because a campaign needed the user, the no-bid
/// says *unmatched user* (`nbr` 8).
public struct Bidder: Sendable {
    public var validator: BidRequestValidator
    public var index: CampaignIndex
    public var pricer: Pricer
    public var ledger: BudgetLedger
    /// Asked when the caller's ``BidContext/personalData`` is `nil`. The default, without a TCF
    /// vendor id, denies personal data on every GDPR request.
    public var privacy: PrivacyPolicy

    public init(
        validator: BidRequestValidator = BidRequestValidator(scope: .bidding),
        index: CampaignIndex,
        pricer: Pricer,
        ledger: BudgetLedger,
        privacy: PrivacyPolicy = PrivacyPolicy()
    ) {
        self.validator = validator
        self.index = index
        self.pricer = pricer
        self.ledger = ledger
        self.privacy = privacy
    }

    public func respond(to bytes: UnsafeRawBufferPointer, at unixTime: Int64, on day: CalendarDay) -> BidDecision {
        switch validator.read(bytes) {
        case .failure(let rejection):
            let id = (try? OpenRTBDecoder.decodeBidRequest(bytes, scope: .bidding).id) ?? ""
            return BidDecision(
                response: .noBid(id: id, reason: rejection.noBidReason),
                reservations: [],
                noBidReason: rejection.noBidReason
            )
        case .success(let request):
            return respond(to: request, at: unixTime, on: day)
        }
    }

    /// - Parameter context: the user's first-party audiences, frequency-capped campaigns and
    ///   pacing multipliers, which live outside the request, and the privacy decision if the
    ///   caller took it.
    public func respond(
        to request: OpenRTB.BidRequest,
        at unixTime: Int64,
        on day: CalendarDay,
        context: BidContext = .none
    ) -> BidDecision {
        let permission = context.personalData ?? privacy.permission(for: request)
        var scratch = MatchScratch.borrow(campaigns: index.campaigns.count)
        let facts = RequestFacts(request)
        index.collectMatches(
            for: request,
            facts,
            at: unixTime,
            context: context,
            personalData: permission.isPermitted,
            into: &scratch
        )
        let decision = respond(to: request, facts, scratch: &scratch, at: unixTime, on: day, context: context)
        let refusedForUser = scratch.refusedForUser
        // Moved back, not from a `defer`: there the scratch was copied (its eight arrays
        // retained) and the local destroyed, on every request.
        MatchScratch.giveBack(consume scratch)
        // Returned as it is when permitted: a `var` changed only when denied was copied on every request.
        guard case .denied(let restriction) = permission else { return decision }
        var restricted = consume decision
        restricted.privacyRestriction = restriction
        if restricted.reservations.isEmpty, refusedForUser {
            restricted.noBidReason = .unmatchedUser
            restricted.response = .noBid(id: request.id, reason: .unmatchedUser)
        }
        return restricted
    }

    /// - Parameter scratch: its `matches` hold each impression's candidates together, in
    ///   impression order: each impression sorts its own run in place (by ceiling, for
    ///   ``bestAffordable``) instead of filtering and copying the array.
    private func respond(
        to request: OpenRTB.BidRequest,
        _ facts: RequestFacts,
        scratch: inout MatchScratch,
        at unixTime: Int64,
        on day: CalendarDay,
        context: BidContext
    ) -> BidDecision {
        // Seats in order of their first bid; a response rarely has more than one or two, so a
        // short array beats a dictionary keyed by seat.
        var seats: [OpenRTB.SeatBid] = []
        var reservations: [Reservation] = []
        var currency: String?
        var start = scratch.matches.startIndex
        while start < scratch.matches.endIndex {
            let impIndex = scratch.matches[start].impIndex
            var end = start + 1
            while end < scratch.matches.endIndex, scratch.matches[end].impIndex == impIndex { end += 1 }
            defer { start = end }
            if end - start > 1 {
                index.ceilings.withUnsafeBufferPointer { ceilings in
                    scratch.matches.withUnsafeMutableBufferPointer { matches in
                        matches[start..<end].sort { ceilings[$0.campaignIndex] > ceilings[$1.campaignIndex] }
                    }
                }
            }
            guard
                let (match, quote, reservation) = bestAffordable(
                    scratch.matches[start..<end],
                    priced: &scratch.priced,
                    features: &scratch.features,
                    request: request,
                    facts,
                    currency: currency,
                    at: unixTime,
                    on: day,
                    pacing: context.pacing
                )
            else { continue }
            reservations.append(reservation)
            currency = quote.currency
            let bid = bid(for: match, quote: quote, reservation: reservation, request: request)
            let seat = index.campaigns.withUnsafeBufferPointer { campaigns in
                // Read in place: `index.campaigns[i].seat` copied the whole `Campaign`.
                let seat = campaigns[match.campaignIndex].seat
                return seat.isEmpty ? nil : seat
            }
            // `consume`: the bid moves into the response instead of being copied and destroyed.
            if let position = seats.firstIndex(where: { $0.seat == seat }) {
                seats[position].bid.append(consume bid)
            } else {
                seats.append(OpenRTB.SeatBid(bid: [consume bid], seat: seat))
            }
        }
        guard !reservations.isEmpty else {
            return BidDecision(response: OpenRTB.BidResponse(id: request.id), reservations: [], noBidReason: nil)
        }
        return BidDecision(
            response: OpenRTB.BidResponse(id: request.id, seatBid: seats, cur: currency),
            reservations: reservations,
            noBidReason: nil
        )
    }

    /// The highest quote among one impression's matches whose cost the campaign's budget can
    /// still reserve. Campaigns are priced in order of their ``PricingRule/ceiling``, and pricing
    /// stops once no remaining campaign could beat the best quote in hand (same currency), so
    /// a request with hundreds of matches usually prices only a few.
    /// - Parameter order: the impression's matches, highest ceiling first.
    private func bestAffordable(
        _ order: ArraySlice<CampaignMatch>,
        priced: inout [(match: CampaignMatch, quote: Quote)],
        features: inout [UInt64],
        request: OpenRTB.BidRequest,
        _ facts: RequestFacts,
        currency: String?,
        at unixTime: Int64,
        on day: CalendarDay,
        pacing: [String: Double]
    ) -> (CampaignMatch, Quote, Reservation)? {
        // In pricing order; the best is the highest price, the latest priced among equals. Kept
        // unsorted with the best's position: inserting each quote in order moved (and retained)
        // the quotes after it, most of the cost of an impression with hundreds of matches.
        priced.removeAll(keepingCapacity: true)
        var best = -1
        features.removeAll(keepingCapacity: true)
        if let first = order.first {
            FeatureHasher.impressionFeatures(
                request: request,
                facts,
                impIndex: first.impIndex,
                at: unixTime,
                into: &features
            )
        }
        var next = order.startIndex
        while true {
            while next < order.endIndex, best < 0 || canBeat(order[next], priced[best].quote) {
                let match = order[next]
                next += 1
                guard
                    case .success(let quote) = pricer.price(
                        match,
                        in: request,
                        campaigns: index,
                        at: unixTime,
                        impressionFeatures: features,
                        pacing: pacing.isEmpty ? 1 : pacing[index.campaigns[match.campaignIndex].id] ?? 1
                    ),
                    currency == nil || quote.currency == currency
                else { continue }
                if best < 0 || pays(quote, atLeast: priced[best].quote) { best = priced.count }
                priced.append((match, quote))
            }
            guard best >= 0 else { return nil }
            let (match, quote) = priced.remove(at: best)
            // The budget refused it (rare): the next best, the latest among equal prices.
            best = priced.indices.reversed().max { !pays(priced[$0].quote, atLeast: priced[$1].quote) } ?? -1
            let campaign = index.campaigns[match.campaignIndex].id
            if case .success(let reservation) = ledger.reserve(
                (quote.campaignPrice ?? quote.price).costPerImpression,
                for: campaign,
                on: day,
                at: unixTime
            ) {
                return (match, quote, reservation)
            }
        }
    }

    /// Whether `quote` is worth at least `other`, compared in `other`'s currency. Campaigns in
    /// different currencies quote in their own when the request allows both (or names none), and
    /// their micros are not comparable: ¥300 is not more than $2.50. A quote the currency table
    /// cannot convert never outbids.
    private func pays(_ quote: Quote, atLeast other: Quote) -> Bool {
        guard quote.currency != other.currency else { return quote.price >= other.price }
        guard let converted = pricer.currencies.convert(quote.price.micros, from: quote.currency, to: other.currency)
        else { return false }
        return converted >= other.price.micros
    }

    /// Whether pricing `match` could produce more than `quote`.
    private func canBeat(_ match: CampaignMatch, _ quote: Quote) -> Bool {
        index.ceilings[match.campaignIndex] > quote.price.micros.rawValue
            || index.campaigns[match.campaignIndex].pricing.currency != quote.currency
    }

    private func bid(
        for match: CampaignMatch,
        quote: Quote,
        reservation: Reservation,
        request: OpenRTB.BidRequest
    ) -> OpenRTB.Bid {
        var bid = index.bidTemplate(campaign: match.campaignIndex, creative: match.creativeIndex)
        bid.id = String(reservation.id)
        bid.impID = request.imp[match.impIndex].id
        bid.price = quote.price
        bid.campaignPrice = quote.campaignPrice
        bid.dealID = match.deal(in: request)?.id
        return bid
    }
}
