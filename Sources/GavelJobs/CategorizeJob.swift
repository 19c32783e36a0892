public import GavelBidding
public import GavelCore
public import GavelStore

/// Reads what `gavel categorize` judges from the store: every keyword's rows in a window, folded into one
/// performance per keyword (or per keyword × device).
public enum CategorizeJob {
    /// Folds every keyword's facts in `window` into the categorizer's input, keywords in row-id order.
    ///
    /// A million-keyword store is read on two connections at once (each folding its half of the keywords), which
    /// is what makes the categorizer a few seconds' job: the folding is cheap, the scan is not.
    /// - Parameter progress: called with the number of keywords read so far.
    public static func collect(
        from store: HistoryStore, window: DayRange, segmentation: Segmentation, progress: (Int) -> Void = { _ in }
    ) throws -> CollectedKeywords {
        struct Part: Sendable {
            var collected: CollectedKeywords
            var folder: KeywordRowFolder
        }
        // The categorizer judges totals, top rates and search impression share; first days tell multi-day rows
        // reaching outside the window.
        let parts = try store.forEachKeyword(
            in: window, columns: .firstDay, partitions: 2,
            into: { estimate in
                var collected = CollectedKeywords(segmentation: segmentation)
                collected.reserveCapacity(estimate)
                return Part(collected: collected, folder: KeywordRowFolder(window: window, segmentation: segmentation))
            }, progress: progress
        ) { part, keyword, rows in
            for row in rows {
                part.folder.add(period: row.period, device: row.device, totals: row.totals, shares: row.shares)
            }
            part.folder.finish(attributes: keyword.attributes) { device, performance in
                part.collected.append(KeywordSegment(identity: keyword.identity, device: device), performance)
            }
        }
        guard parts.count > 1 else {
            var collected = parts[0].collected
            collected.notes = parts[0].folder.notes
            return collected
        }
        var collected = CollectedKeywords(segmentation: segmentation)
        collected.reserveCapacity(parts.reduce(0) { $0 + $1.collected.segments.count })
        for part in parts {
            collected.segments += part.collected.segments
            collected.performances += part.collected.performances
            collected.notes.add(part.folder.notes)
        }
        return collected
    }
}
