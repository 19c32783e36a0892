/// Why a bid request is refused before any campaign is looked at.
public enum RequestRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The body is not JSON, not a JSON object (`null`, an array, …), or has a member of the
    /// wrong type or value (`"id": 7`): ``OpenRTBDecodingError/isInvalidValue`` says which.
    case undecodable(OpenRTBDecodingError)
    /// `{"openrtb": {...}}`: an OpenRTB 3.0 request sent to a 2.x endpoint.
    case openRTB3Envelope
    /// `id` is absent or empty.
    case missingRequestID
    /// `imp` is absent or empty: the specification requires at least one impression.
    case noImpressions
    /// An impression without an `id`, at this index of `imp`.
    case missingImpressionID(index: Int)
    /// Two impressions share an `id`, so bids could not say which one they are for.
    case duplicateImpressionID(String)
    case negativeTmax(Int)
    /// More than one of `site`, `app` and `dooh`: the specification allows one.
    case conflictingInventory
    /// `tmax` leaves less time than the bidder needs to answer.
    case insufficientTime(tmax: Int, required: Int)

    /// The `nbr` to answer with.
    public var noBidReason: NoBidReason {
        switch self {
        case .insufficientTime: .insufficientAuctionTime
        default: .invalidRequest
        }
    }

    public var description: String {
        switch self {
        case .undecodable(let error) where error.isInvalidValue: "invalid value: \(error)"
        case .undecodable(let error): "malformed JSON: \(error)"
        case .openRTB3Envelope: "OpenRTB 3.0 envelope sent to an OpenRTB 2.x endpoint"
        case .missingRequestID: "request has no id"
        case .noImpressions: "request has no impressions"
        case .missingImpressionID(let index): "imp[\(index)] has no id"
        case .duplicateImpressionID(let id): "impression id \"\(id)\" appears more than once"
        case .negativeTmax(let tmax): "tmax is negative (\(tmax))"
        case .conflictingInventory: "request has more than one of site, app and dooh"
        case .insufficientTime(let tmax, let required): "tmax \(tmax) ms is below the \(required) ms needed"
        }
    }
}

/// Checks that a request is well-formed OpenRTB 2.6 before it reaches targeting, and says why
/// not in terms an exchange understands (``RequestRejection/noBidReason``).
public struct BidRequestValidator: Sendable {
    /// Requests whose `tmax` is below this many milliseconds are refused with *insufficient
    /// auction time*; 0 disables the check.
    public var minimumTmax: Int
    /// How much of the request ``read(_:)`` builds: ``OpenRTBDecoder/Scope/bidding`` when only
    /// the bidder will look at it.
    public var scope: OpenRTBDecoder.Scope

    public init(minimumTmax: Int = 0, scope: OpenRTBDecoder.Scope = .complete) {
        self.minimumTmax = minimumTmax
        self.scope = scope
    }

    /// Decodes and validates request bytes: the bid endpoint's single entry point.
    public func read(_ bytes: UnsafeRawBufferPointer) -> Result<OpenRTB.BidRequest, RequestRejection> {
        var request = OpenRTB.BidRequest()
        if let rejection = fill(&request, from: bytes) { return .failure(rejection) }
        return .success(request)
    }

    /// Decodes into `request` in place and validates it. Kept out of ``read(_:)``: a request is
    /// 1.7 KB, and returned by the decoder into a local and from there into the `Result` it was
    /// copied nine times (≈ 1,200 instructions a request).
    @inline(never)
    private func fill(_ request: inout OpenRTB.BidRequest, from bytes: UnsafeRawBufferPointer) -> RequestRejection? {
        do throws(OpenRTBDecodingError) {
            try OpenRTBDecoder.decode(from: bytes, into: &request, scope: scope)
        } catch {
            return .undecodable(error)
        }
        if request.id.isEmpty, request.imp.isEmpty, OpenRTBDecoder.isOpenRTB3Envelope(bytes) {
            return .openRTB3Envelope
        }
        return validate(request)
    }

    public func read(_ bytes: [UInt8]) -> Result<OpenRTB.BidRequest, RequestRejection> {
        bytes.withUnsafeBytes { read($0) }
    }

    /// The first rule the request breaks, or `nil` when it may go on to targeting.
    public func validate(_ request: OpenRTB.BidRequest) -> RequestRejection? {
        if request.id.isEmpty { return .missingRequestID }
        if request.imp.isEmpty { return .noImpressions }
        if let rejection = impressionIDProblem(request.imp) { return rejection }
        if Self.inventoryCount(request) > 1 { return .conflictingInventory }
        if let tmax = request.tmax {
            if tmax < 0 { return .negativeTmax(tmax) }
            if tmax < minimumTmax { return .insufficientTime(tmax: tmax, required: minimumTmax) }
        }
        return nil
    }

    /// How many of `site`, `app` and `dooh` the request has. Asked by case, not `== nil`: `Site`
    /// and `App` are `Equatable`, so `request.site == nil` compared two optionals member by
    /// member after copying the site (≈ 1,000 instructions a request).
    private static func inventoryCount(_ request: OpenRTB.BidRequest) -> Int {
        var count = 0
        if case .some = request.site { count += 1 }
        if case .some = request.app { count += 1 }
        if case .some = request.dooh { count += 1 }
        return count
    }

    /// Missing or repeated impression ids. Most requests carry one to a few impressions, where
    /// comparing pairs beats hashing; a set keeps hostile requests with thousands linear.
    private func impressionIDProblem(_ imps: [OpenRTB.Imp]) -> RequestRejection? {
        if let index = imps.firstIndex(where: { $0.id.isEmpty }) { return .missingImpressionID(index: index) }
        if imps.count <= 16 {
            for later in imps.indices.dropFirst() {
                for earlier in 0..<later where imps[earlier].id == imps[later].id {
                    return .duplicateImpressionID(imps[later].id)
                }
            }
            return nil
        }
        var seen = Set<String>(minimumCapacity: imps.count)
        for imp in imps where !seen.insert(imp.id).inserted { return .duplicateImpressionID(imp.id) }
        return nil
    }
}
