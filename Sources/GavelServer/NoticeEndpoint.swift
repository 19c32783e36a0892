import GavelCore
import GavelRTB
import Logging

/// `GET /win`, `/billing` and `/loss`: checks a notice and, for the charged kind, commits the
/// clearing price to the campaign's spend.
///
/// Order of checks: readable, signed by us, not expired, price within the bid, not seen before.
/// Only then is anything written, so a forged or replayed notice costs one HMAC and no spend.
struct NoticeEndpoint: Sendable {
    let signer: NoticeSigner
    let store: SpendStore
    let ledger: any SpendLedger
    let metrics: BidderMetrics
    let chargedNotice: NoticeKind
    let wallClock: @Sendable () -> Int64
    let logger: Logger

    /// Handles one notice.
    /// - Parameter parameter: The percent-decoded query parameter of that name, if present.
    /// - Returns: The HTTP status: 200 accepted, 400 malformed or priced above the bid,
    ///   403 forged, 409 replayed, 410 expired, 503 when the ledger cannot be written (the
    ///   exchange should retry: the spend is real).
    func answer(_ kind: NoticeKind, parameter: (String) -> Substring?) async -> Int {
        do {
            let received = try NoticeURL.parse(parameter)
            let ticket = received.ticket
            guard signer.isValid(received.signature, for: ticket) else { throw NoticeError.forged }
            let now = wallClock()
            guard now <= ticket.expiresAt else { throw NoticeError.expired }
            if let price = received.clearingPrice, price > ticket.maxPrice { throw NoticeError.priceAboveBid }
            var cost: Micros?
            if kind == chargedNotice {
                guard let price = received.clearingPrice else { throw NoticeError.malformed("missing price") }
                cost = ticket.campaignCost(ofClearingPrice: price)
            }
            let day = CalendarDay(rawValue: Int32(now / 86_400))
            let recording = try await store.record(
                ticket,
                kind: kind,
                clearingPrice: received.clearingPrice,
                cost: cost,
                receivedAt: now,
                day: day
            )
            guard recording != .replayed else { throw NoticeError.replayed }
            if let cost {
                ledger.commit(bidID: ticket.bidID, campaign: ticket.campaign, cost: cost, on: day)
            } else if kind == .loss {
                ledger.release(bidID: ticket.bidID, campaign: ticket.campaign)
            }
            metrics.countNotice(kind, result: "accepted")
            return 200
        } catch let error as NoticeError {
            let (status, result) = Self.outcome(of: error)
            metrics.countNotice(kind, result: result)
            return status
        } catch {
            logger.error("spend ledger write failed", metadata: ["error": "\(error)"])
            metrics.countNotice(kind, result: "store_error")
            return 503
        }
    }

    private static func outcome(of error: NoticeError) -> (status: Int, result: String) {
        switch error {
        case .malformed: (400, "malformed")
        case .priceAboveBid: (400, "price_above_bid")
        case .forged: (403, "forged")
        case .replayed: (409, "replayed")
        case .expired: (410, "expired")
        }
    }
}
