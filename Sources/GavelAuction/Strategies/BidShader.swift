/// First-price bid shading: bid below value by the amount that maximises expected surplus.
///
/// Against a highest-competing-bid distribution F, bidding b on value v earns (v − b)·F(b); the shaded
/// bid is its argmax. For F(b) = b^(n−1) (n − 1 truthful U[0,1] rivals) this is the textbook
/// equilibrium bid (n − 1)/n · v. The RTB bidder reuses this type with its own price model.
public struct BidShader: Hashable, Sendable {
    /// The distribution of the highest competing bid.
    public var marketPrice: Distribution

    public init(marketPrice: Distribution) { self.marketPrice = marketPrice }

    /// The surplus-maximising bid for value `value` (0 when the value is not positive).
    public func shade(value: Double) -> Double {
        guard value > 0 else { return 0 }
        switch marketPrice {
        case .empirical(let histogram): return bestPricePoint(value: value, histogram: histogram)
        case .constant(let price): return value >= price ? price : 0
        default: return firstOrderRoot(value: value)
        }
    }

    /// Solves the first-order condition (v − b)·f(b) = F(b) by bisection. The objective is flat at its
    /// maximum, so searching on its values would only reach √ε accuracy; the derivative's root is exact
    /// to the last bits. The crossing is unique when F is log-concave (all continuous cases here).
    private func firstOrderRoot(value: Double) -> Double {
        var low = 0.0
        var high = min(value, marketPrice.upperBound)
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle > low && middle < high else { break }
            if (value - middle) * marketPrice.density(middle) >= marketPrice.cdf(middle) {
                low = middle
            } else {
                high = middle
            }
        }
        return (low + high) / 2
    }

    /// With discrete prices the optimum sits on a price point: scan them.
    private func bestPricePoint(value: Double, histogram: EmpiricalDistribution) -> Double {
        var best = 0.0
        var bestSurplus = 0.0
        let lastBin = Int((min(value, histogram.upperBound) / histogram.unit).rounded(.down))
        for bin in 0...max(lastBin, 0) {
            let bid = Double(bin) * histogram.unit
            let surplus = (value - bid) * histogram.cdf(bid)
            if surplus > bestSurplus {
                best = bid
                bestSurplus = surplus
            }
        }
        return best
    }
}
