public import GavelCore

/// Which keyword a performance belongs to, and on which device when segments are kept apart.
public struct KeywordSegment: Hashable, Sendable {
    public var identity: KeywordIdentity
    /// `.all` when the keyword's device rows were combined (the default) or the source was not segmented.
    public var device: Device

    public init(identity: KeywordIdentity, device: Device = .all) {
        self.identity = identity
        self.device = device
    }
}

/// Whether a keyword's device rows are combined into one keyword (the default) or categorized per device.
public enum Segmentation: String, Sendable, Hashable, CaseIterable {
    case combined
    case perDevice = "per_device"
}

/// What collecting rows noticed, so the output can state how the figures were put together.
public struct CollectionNotes: Hashable, Sendable {
    /// Keywords whose rows came in more than one device segment (combined unless `--per-segment`).
    public var keywordsWithDeviceSegments = 0
    /// Rows covering days outside the window (multi-day report rows at its edge), left out rather than prorated.
    public var rowsOutsideWindow = 0
    /// Device rows left out because the same keyword and period also has an unsegmented (`all`) row.
    public var rowsDuplicatingUnsegmented = 0

    public init() {}

    /// Counts what another reader of other keywords noticed too.
    public mutating func add(_ other: CollectionNotes) {
        keywordsWithDeviceSegments += other.keywordsWithDeviceSegments
        rowsOutsideWindow += other.rowsOutsideWindow
        rowsDuplicatingUnsegmented += other.rowsDuplicatingUnsegmented
    }
}

/// The categorizer's input: one entry per keyword (or keyword × device), in the order they were collected.
public struct CollectedKeywords: Sendable {
    public var segments: [KeywordSegment] = []
    /// Parallel to ``segments``.
    public var performances: [KeywordPerformance] = []
    public var notes = CollectionNotes()
    public let segmentation: Segmentation

    public init(segmentation: Segmentation) { self.segmentation = segmentation }

    public mutating func append(_ segment: KeywordSegment, _ performance: KeywordPerformance) {
        segments.append(segment)
        performances.append(performance)
    }

    public mutating func reserveCapacity(_ count: Int) {
        segments.reserveCapacity(count)
        performances.reserveCapacity(count)
    }
}

/// Folds one keyword's stored rows at a time (the store visits keywords one after the other) into its segments.
///
/// Rows must come ordered by period and then device, as the store returns them, which puts a period's
/// unsegmented `all` row before its device rows: when both exist, the device rows would count the same traffic
/// twice and are left out (and counted in ``CollectionNotes/rowsDuplicatingUnsegmented``).
public struct KeywordRowFolder: Sendable {
    /// Rows must lie inside it; `nil` takes every row.
    public let window: DayRange?
    public let segmentation: Segmentation
    public private(set) var notes = CollectionNotes()
    private var accumulators = [PerformanceAccumulator](
        repeating: PerformanceAccumulator(), count: Device.allCases.count)
    private var devicesSeen: UInt8 = 0
    private var lastUnsegmentedPeriod: DayRange?

    public init(window: DayRange?, segmentation: Segmentation) {
        self.window = window
        self.segmentation = segmentation
    }

    /// Adds one row of the current keyword.
    public mutating func add(period: DayRange, device: Device, totals: PerformanceTotals, shares: ShareMetrics) {
        if let window, period.first < window.first || period.last > window.last {
            notes.rowsOutsideWindow += 1
            return
        }
        if device == .all {
            lastUnsegmentedPeriod = period
        } else if period == lastUnsegmentedPeriod {
            notes.rowsDuplicatingUnsegmented += 1
            return
        }
        let slot = Self.slot(device)
        devicesSeen |= 1 << UInt8(slot)
        accumulators[segmentation == .combined ? 0 : slot].add(totals, shares: shares)
    }

    /// Ends the current keyword: `body` receives each segment's performance — exactly one `.all` entry when
    /// combined or when the keyword has no rows, so keywords without impressions are never lost.
    public mutating func finish(attributes: KeywordAttributes, _ body: (Device, KeywordPerformance) -> Void) {
        if devicesSeen.nonzeroBitCount > 1 { notes.keywordsWithDeviceSegments += 1 }
        if segmentation == .combined || devicesSeen == 0 {
            body(.all, accumulators[0].performance(attributes: attributes))
            accumulators[0] = PerformanceAccumulator()
        } else {
            for (slot, device) in Device.allCases.enumerated() where devicesSeen & (1 << UInt8(slot)) != 0 {
                body(device, accumulators[slot].performance(attributes: attributes))
                accumulators[slot] = PerformanceAccumulator()
            }
        }
        devicesSeen = 0
        lastUnsegmentedPeriod = nil
    }

    /// The index of `device` in `Device.allCases`, without a search.
    private static func slot(_ device: Device) -> Int {
        switch device {
        case .all: 0
        case .desktop: 1
        case .mobile: 2
        case .tablet: 3
        case .tv: 4
        case .other: 5
        }
    }
}

/// Collects a report download's records, which arrive in file order (a daily report lists each keyword once per
/// day), into one entry per keyword or keyword × device. A download is categorized over all its rows.
public struct ReportKeywordCollector: Sendable {
    public let segmentation: Segmentation
    private var index: [KeywordSegment: Int] = [:]
    private var segments: [KeywordSegment] = []
    private var accumulators: [PerformanceAccumulator] = []
    private var attributes: [KeywordIdentity: KeywordAttributes] = [:]
    /// Identities in first-seen order, including those only an attributes record (a bulk file) named.
    private var identities: [KeywordIdentity] = []
    private var devices: [KeywordIdentity: UInt8] = [:]

    public init(segmentation: Segmentation) { self.segmentation = segmentation }

    /// Adds one performance row and what it says about the keyword's current state.
    public mutating func add(_ fact: PerformanceFact, attributes rowAttributes: KeywordAttributes) {
        note(fact.keyword, rowAttributes)
        devices[fact.keyword, default: 0] |= 1 << UInt8(Device.allCases.firstIndex(of: fact.device) ?? 0)
        let segment = KeywordSegment(identity: fact.keyword, device: segmentation == .combined ? .all : fact.device)
        let position: Int
        if let known = index[segment] {
            position = known
        } else {
            position = segments.count
            index[segment] = position
            segments.append(segment)
            accumulators.append(PerformanceAccumulator())
        }
        accumulators[position].add(fact.totals, shares: fact.shares)
    }

    /// Adds a state-only record (bulk file keyword): the keyword is known even if no row shows performance.
    public mutating func add(attributes rowAttributes: KeywordAttributes, of keyword: KeywordIdentity) {
        note(keyword, rowAttributes)
    }

    private mutating func note(_ keyword: KeywordIdentity, _ rowAttributes: KeywordAttributes) {
        if let known = attributes[keyword] {
            attributes[keyword] = known.updated(with: rowAttributes)
        } else {
            attributes[keyword] = rowAttributes
            identities.append(keyword)
        }
    }

    /// Every keyword with its performance; keywords without performance rows come last, with zero totals.
    public func collected() -> CollectedKeywords {
        var result = CollectedKeywords(segmentation: segmentation)
        result.reserveCapacity(segments.count)
        for (position, segment) in segments.enumerated() {
            let state = attributes[segment.identity] ?? KeywordAttributes()
            result.append(segment, accumulators[position].performance(attributes: state))
        }
        for identity in identities where devices[identity] == nil {
            result.append(
                KeywordSegment(identity: identity),
                PerformanceAccumulator().performance(attributes: attributes[identity] ?? KeywordAttributes()))
        }
        result.notes.keywordsWithDeviceSegments = devices.values.count { $0.nonzeroBitCount > 1 }
        return result
    }
}
