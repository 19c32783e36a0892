/// The lowest locally envy-free equilibrium of GSP (Edelman–Ostrovsky–Schwarz 2007; Varian 2007).
///
/// In it every bidder pays exactly its VCG price, which is why GSP "looks like" VCG in a steady
/// market even though truthful bidding is not an equilibrium of GSP. The simulator uses it as a
/// known answer: GSP on these bids must reproduce VCG revenue.
public enum PositionEquilibrium {
    /// Equilibrium bids per click, in the order of `values`.
    ///
    /// Bidders are ranked by value × quality; the top bidder and every bidder ranked below the
    /// first loser bid their value; the bidder at rank k + 1 bids its predecessor's VCG payment
    /// divided by (x_k · q_(k+1)), so that the bidder at rank k pays its VCG price per click.
    /// - Parameters:
    ///   - values: value per click of each bidder.
    ///   - qualities: quality (click multiplier) of each bidder; `nil` means all 1.
    ///   - clickRates: clicks per impression of each slot for quality 1, best first.
    public static func lowestEnvyFreeBids(
        values: [Double],
        qualities: [Double]? = nil,
        clickRates: [Double]
    )
        -> [Double]
    {
        let quality = qualities ?? Array(repeating: 1, count: values.count)
        precondition(quality.count == values.count, "one quality per value")
        let ranked = values.indices.sorted { values[$0] * quality[$0] > values[$1] * quality[$1] }
        var bids = values
        let slots = min(clickRates.count, ranked.count - 1)
        for rank in 0..<max(slots, 0) {
            var payment = 0.0
            for slot in rank..<clickRates.count {
                let lower = slot + 1 < clickRates.count ? clickRates[slot + 1] : 0
                let next = slot + 1 < ranked.count ? values[ranked[slot + 1]] * quality[ranked[slot + 1]] : 0
                payment += (clickRates[slot] - lower) * next
            }
            bids[ranked[rank + 1]] = payment / (clickRates[rank] * quality[ranked[rank + 1]])
        }
        return bids
    }
}
