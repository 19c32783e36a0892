/// Everything `gavel serve` can be told, with defaults a bidder on one machine can start with.
public struct ServerConfiguration: Sendable {
    /// How a no-bid goes on the wire.
    public enum NoBidStyle: String, Sendable, CaseIterable {
        /// HTTP 204 with no body: the cheapest signal for the exchange (OpenRTB 2.6 §4.3).
        case emptyResponse
        /// HTTP 200 with `{"id":"…","nbr":N}`: the reason travels back, which the implementation
        /// guide encourages when the exchange reads it.
        case reasonCode
    }

    /// How a request that is not valid OpenRTB 2.x is answered.
    public enum MalformedRequestStyle: String, Sendable, CaseIterable {
        /// HTTP 400 with a one-line explanation: the exchange's integration team sees what is wrong.
        case badRequest
        /// A no-bid with `nbr` 2 (*invalid request*), in the ``NoBidStyle`` in force: for
        /// exchanges that count 4xx answers as bidder errors.
        case noBid
    }

    /// Interface to listen on; `127.0.0.1` keeps a development bidder off the network.
    public var host: String
    /// TCP port; 0 asks the system for a free one, reported to `makeApplication(onServerRunning:)`.
    public var port: Int
    /// Largest request body accepted as it arrives on the wire (compressed or not): HTTP 413 above.
    public var maximumBodyBytes: Int
    /// Largest body after gzip inflation, so a small compressed bomb cannot exhaust memory.
    public var maximumInflatedBytes: Int
    /// Time kept back from `tmax` for the network between exchange and bidder, both ways.
    /// The bidder's own deadline is arrival + `tmax` − margin; a request whose `tmax` does not
    /// exceed the margin is answered with *insufficient auction time* at once.
    public var networkMargin: Duration
    /// `tmax` in milliseconds assumed when a request carries none (exchanges then use their own default).
    public var defaultTmax: Int
    public var noBidStyle: NoBidStyle
    public var malformedRequestStyle: MalformedRequestStyle
    /// The SQLite file holding spend per campaign, the notice signing key and the notices seen:
    /// a restart must neither lose spend nor accept a notice twice.
    public var ledgerPath: String
    /// Scheme, host and port the exchange calls notices on, e.g. `https://bid.example.com`;
    /// `nil` means `http://host:port`, right for a bidder reached directly.
    public var noticeBaseURL: String?
    /// How long after the bid its notices are honoured. Seen bid ids are remembered this long,
    /// so a notice can be neither replayed while valid nor replayed once forgotten.
    public var noticeLifetime: Duration
    /// Which notice commits the clearing price to the budget: the win notice (`nurl`), or the
    /// billing notice (`burl`) where the exchange only bills rendered impressions.
    public var chargedNotice: NoticeKind
    /// Event-loop threads answering requests; `nil` means one per core (NIO's shared group).
    /// Fewer threads than cores leaves a core to whatever shares the machine (a load generator,
    /// the kernel's network stack), so the loops are preempted less often mid-request. The group
    /// made for it lives, like NIO's shared one, until the process exits.
    public var eventLoopThreads: Int?
    /// A connection that sends nothing this long is closed: an exchange's keep-alive connections
    /// carry traffic every few milliseconds, while a client that went away, or one trickling a
    /// request head byte by byte, would otherwise hold its socket and memory for good.
    public var idleTimeout: Duration
    /// The bidder's id in the IAB Global Vendor List, looked up in each GDPR request's TCF
    /// consent string (``PrivacyPolicy``); `nil` means GDPR requests get no personal data.
    public var tcfVendorID: Int?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maximumBodyBytes: Int = 256 * 1024,
        maximumInflatedBytes: Int = 1024 * 1024,
        networkMargin: Duration = .milliseconds(10),
        defaultTmax: Int = 100,
        noBidStyle: NoBidStyle = .emptyResponse,
        malformedRequestStyle: MalformedRequestStyle = .badRequest,
        ledgerPath: String = "gavel-ledger.sqlite",
        noticeBaseURL: String? = nil,
        noticeLifetime: Duration = .seconds(3600),
        chargedNotice: NoticeKind = .win,
        eventLoopThreads: Int? = nil,
        idleTimeout: Duration = .seconds(60),
        tcfVendorID: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumInflatedBytes = maximumInflatedBytes
        self.networkMargin = networkMargin
        self.defaultTmax = defaultTmax
        self.noBidStyle = noBidStyle
        self.malformedRequestStyle = malformedRequestStyle
        self.ledgerPath = ledgerPath
        self.noticeBaseURL = noticeBaseURL
        self.noticeLifetime = noticeLifetime
        self.chargedNotice = chargedNotice
        self.eventLoopThreads = eventLoopThreads
        self.idleTimeout = idleTimeout
        self.tcfVendorID = tcfVendorID
    }
}
