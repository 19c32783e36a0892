import GavelCore
public import GavelMarket
public import GavelStore

/// Writes a generated market into the store: facts with the day's bid, keyword attributes and the
/// ground truth. Generation runs in parallel; one writer stores each batch in its own transaction
/// (a generated market is reproducible from its seed, so it needs no all-or-nothing import).
public enum GenerateJob {
    /// - Parameter progress: called with the number of keywords written so far.
    /// - Returns: the counts of everything written.
    @discardableResult
    public static func run(
        _ market: Market, into store: HistoryStore, progress: (Int) -> Void = { _ in }
    ) async throws -> FactWriter.Counts {
        var total = FactWriter.Counts()
        try await market.generateAll { batch in
            let (_, counts) = try store.write(source: nil) { writer in
                for (offset, truth) in batch.truths.enumerated() {
                    try writer.write(attributes: batch.attributes[offset], of: batch.identities[offset])
                    try writer.write(
                        truth: MarketTruthRecord(
                            seed: market.spec.seed, trueCVR: truth.conversionRate,
                            valuePerConversion: truth.valuePerConversion, positionOneCTR: truth.clickThroughRateAtTop,
                            dailyQueries: truth.dailySearches, competitorBid: truth.competitorBid,
                            qualityScore: truth.qualityScore),
                        of: batch.identities[offset])
                }
                for (fact, bid) in zip(batch.facts, batch.bids) {
                    try writer.write(fact, attributes: KeywordAttributes(maxCPC: bid))
                }
            }
            total += counts
            progress(batch.keywords.upperBound)
        }
        let spec = market.spec
        try store.logImport(
            source: "gavel generate --seed \(spec.seed) --keywords \(spec.keywords) --days \(spec.days) --as-of \(spec.asOf)",
            format: "generated", counts: total)
        return total
    }
}
