import Dispatch
import GavelBidding
import GavelCore
import GavelReports
import GavelStore

/// Every keyword's history in a window as a job holds it — one element per keyword in row-id order, with its
/// row id — and the run records a plan's decisions turn into. Shared by the rule-based and the portfolio job.
struct StoredKeywords<Element: Sendable>: Sendable {
    var elements: [Element]
    var ids: [Int64]

    /// Reads the window on two connections, each filling its keywords' positions of the same arrays.
    static func read(
        from store: HistoryStore, window: DayRange, progress: (Int) -> Void,
        _ makeElement: @escaping @Sendable (StoredKeyword, [FactRow]) -> Element
    ) throws -> Self {
        var elementSlots = ConcurrentSlots<Element>(count: 0)
        var idSlots = ConcurrentSlots<Int64>(count: 0)
        try store.forEachKeyword(in: window, columns: .daily, partitions: 2, progress: progress) { count in
            elementSlots = ConcurrentSlots(count: count)
            idSlots = ConcurrentSlots(count: count)
            return { [elementSlots, idSlots] position, keyword, rows in
                elementSlots.fill(position, with: makeElement(keyword, rows))
                idSlots.fill(position, with: keyword.id)
            }
        }
        return StoredKeywords(elements: elementSlots.take(), ids: idSlots.take())
    }

    /// What a run stores and uploads of `plan`: each changed or skipped keyword with its trace (unchanged keywords
    /// are counted in the summary: a million-keyword run would otherwise store a million "no change" lines every
    /// night), and each new bid.
    func records(
        of plan: BidPlan, ruleSet: RuleSet, history: (Element) -> KeywordHistory
    ) -> (changes: [BidChangeRecord], uploads: [BidUpload]) {
        // The engine decides the in-scope keywords in the order given, so decision `n` belongs to the `n`th
        // in-scope keyword; the identity is checked, and a hashed look-up is the fallback.
        let inScope: [Int]? =
            plan.decisions.count == elements.count
            ? nil
            : elements.indices.filter {
                let keyword = history(elements[$0])
                return ruleSet.applies(to: keyword.identity, labels: keyword.labels)
            }
        var positionByIdentity: [KeywordIdentity: Int]?
        func position(of decision: BidDecision, at index: Int) -> Int? {
            let position = inScope.map { index < $0.count ? $0[index] : -1 } ?? index
            if elements.indices.contains(position), history(elements[position]).identity == decision.identity {
                return position
            }
            if positionByIdentity == nil {
                var byIdentity: [KeywordIdentity: Int] = [:]
                byIdentity.reserveCapacity(elements.count)
                for (position, element) in elements.enumerated() { byIdentity[history(element).identity] = position }
                positionByIdentity = byIdentity
            }
            return positionByIdentity?[decision.identity]
        }

        var changes: [BidChangeRecord] = []
        var uploads: [BidUpload] = []
        for index in plan.changedIndices {
            let decision = plan.decisions[index]
            guard let position = position(of: decision, at: index) else { continue }
            changes.append(
                BidChangeRecord(
                    keywordID: ids[position], action: decision.action.name, oldBid: decision.oldBid,
                    newBid: decision.newBid, estimatedCVR: decision.estimatedCVR, trace: decision.trace))
            if let newBid = decision.newBid, newBid != decision.oldBid {
                let keyword = history(elements[position])
                uploads.append(BidUpload(keyword: keyword.identity, attributes: keyword.attributes, newBid: newBid))
            }
        }
        return (changes, uploads)
    }

    /// Frees the elements on another thread: a million histories (25 million daily points) take a second on one
    /// core to free, and the caller still has a run to store and files to write.
    func releaseInBackground() {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(elements) {} }
    }
}

extension KeywordHistory {
    /// A keyword's history as the bid jobs read it from the store.
    init(stored keyword: StoredKeyword, rows: [FactRow], asOf: CalendarDay) {
        self.init(
            identity: keyword.identity, attributes: keyword.attributes, daily: rows.map(DailyPoint.init(row:)),
            daysSinceBidChange: BidJob.daysSinceBidChange(rows, current: keyword.attributes.maxCPC, asOf: asOf))
    }
}
