import GavelCore
import GavelRTB
import Prometheus
import Synchronization

/// The bidder's counters, in a Prometheus registry of its own (never the process-wide
/// swift-metrics bootstrap: two servers in one test process must not share counts).
///
/// Series whose label values are only known at run time (no-bid reasons, campaigns) are made
/// on first use and cached; everything on the request path is an atomic increment.
package final class BidderMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let bidRequests: Counter
    /// Responses carrying at least one bid.
    let bidResponses: Counter
    /// Individual bids (a response may bid on several impressions).
    let bids: Counter
    /// Answers the engine produced after the deadline, sent as no-bids instead.
    let deadlinesMissed: Counter
    let latency: DurationHistogram
    /// Requests answered without personal data, by restriction.
    private let privacyRestricted: [PrivacyRestriction: Counter]
    private let noBids = Mutex<[Int: Counter]>([:])
    private let rejections = Mutex<[Int: Counter]>([:])
    private let notices = Mutex<[String: Counter]>([:])
    private let campaigns = Mutex<[String: (spent: Gauge, budget: Gauge, pacing: Gauge)]>([:])

    package init() {
        bidRequests = registry.makeCounter(descriptor: Self.name("bid_requests", "total", "Bid requests received."))
        bidResponses = registry.makeCounter(descriptor: Self.name("bid_responses", "total", "Responses with bids."))
        bids = registry.makeCounter(descriptor: Self.name("bids", "total", "Bids sent."))
        deadlinesMissed = registry.makeCounter(
            descriptor: Self.name("deadline_missed", "total", "Answers past the deadline, replaced by no-bids.")
        )
        latency = registry.makeDurationHistogram(
            descriptor: Self.name("bid_duration", "seconds", "Time from a bid request's arrival to its answer."),
            buckets: [
                .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100),
            ]
        )
        // Made up front: the labels are known, and a zero series tells an operator the signal
        // is counted and has not fired, where an absent one says nothing.
        privacyRestricted = Dictionary(
            uniqueKeysWithValues: PrivacyRestriction.allCases.map { [registry] restriction in
                let counter = registry.makeCounter(
                    descriptor: Self.name(
                        "privacy_restricted_requests",
                        "total",
                        "Bid requests answered without personal data, by privacy signal and reason."
                    ),
                    labels: [("signal", restriction.signal), ("reason", restriction.rawValue)]
                )
                return (restriction, counter)
            }
        )
    }

    func countPrivacyRestriction(_ restriction: PrivacyRestriction) {
        privacyRestricted[restriction]?.increment()
    }

    func countNoBid(_ reason: NoBidReason) {
        let counter = noBids.withLock { counters in
            if let counter = counters[reason.rawValue] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.name("no_bids", "total", "No-bids by OpenRTB no-bid reason."),
                labels: [("nbr", "\(reason.rawValue)"), ("reason", reason.description)]
            )
            counters[reason.rawValue] = counter
            return counter
        }
        counter.increment()
    }

    /// A bid request refused at the HTTP level (400, 413, 415).
    func countRejection(status: Int) {
        let counter = rejections.withLock { counters in
            if let counter = counters[status] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.name(
                    "bid_requests_rejected",
                    "total",
                    "Bid requests refused with an HTTP error status."
                ),
                labels: [("status", "\(status)")]
            )
            counters[status] = counter
            return counter
        }
        counter.increment()
    }

    func countNotice(_ kind: NoticeKind, result: String) {
        let key = "\(kind.rawValue)/\(result)"
        let counter = notices.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: Self.name("notices", "total", "Win, billing and loss notices by outcome."),
                labels: [("kind", kind.rawValue), ("result", result)]
            )
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    /// The Prometheus text exposition, with the campaigns' budget state as of now.
    func exposition(campaigns states: [CampaignPacing]) -> [UInt8] {
        for state in states {
            let gauges = campaigns.withLock { gauges in
                if let existing = gauges[state.campaign] { return existing }
                let labels = [("campaign", state.campaign)]
                let made = (
                    spent: registry.makeGauge(
                        descriptor: Self.name("campaign_spend", "", "Confirmed spend, in currency units."),
                        labels: labels
                    ),
                    budget: registry.makeGauge(
                        descriptor: Self.name("campaign_budget", "", "Budget of the pacing period."),
                        labels: labels
                    ),
                    pacing: registry.makeGauge(
                        descriptor: Self.name("campaign_pacing_rate", "", "Pacing throttle, 0 to 1."),
                        labels: labels
                    )
                )
                gauges[state.campaign] = made
                return made
            }
            gauges.spent.set(state.spent.units)
            gauges.budget.set(state.budget?.units ?? 0)
            gauges.pacing.set(state.pacingRate)
        }
        return registry.emitToBuffer()
    }

    /// `gavel_<metric>_<unit>`, with its help text.
    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "gavel", metricName: metric, unitName: unit, helpText: help)
    }
}
