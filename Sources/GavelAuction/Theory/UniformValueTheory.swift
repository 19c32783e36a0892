/// Closed forms for auctions among bidders with i.i.d. U[0,1] values — the yardsticks the simulator is
/// tested against (revenue equivalence, Myerson reserve, the pacing multiplier).
public enum UniformValueTheory {
    /// Expected revenue of a second-price auction (or any standard auction, by revenue equivalence)
    /// with `bidders` i.i.d. U[0,1] values and reserve `reserve` ∈ [0, 1].
    ///
    /// Revenue is the expected virtual value φ(v) = 2v − 1 of the winner when it clears the reserve:
    /// n ∫_r^1 (2v − 1) v^(n−1) dv = 2n(1 − r^(n+1))/(n+1) − (1 − r^n). With r = 0 this is (n−1)/(n+1).
    public static func expectedRevenue(bidders n: Int, reserve r: Double = 0) -> Double {
        precondition(n >= 1 && (0...1).contains(r), "need n ≥ 1 and r in [0, 1]")
        let count = Double(n)
        return 2 * count * (1 - power(r, n + 1)) / (count + 1) - (1 - power(r, n))
    }

    /// Myerson's optimal reserve for U[0,1] values: where the virtual value 2r − 1 is zero, for every n.
    public static let optimalReserve = 0.5

    /// The symmetric Bayes–Nash equilibrium bid of a first-price auction: E[second value | own value]
    /// = (n − 1)/n · v.
    public static func firstPriceEquilibriumBid(value: Double, bidders n: Int) -> Double {
        Double(n - 1) / Double(n) * value
    }

    /// The budget-pacing multiplier μ* when values and the highest competing bid are both U[0,1] and
    /// the bid is v/(1 + μ) in a second-price auction.
    ///
    /// Expected spend per auction is E[d; d ≤ v/(1+μ)] = 1/(6(1+μ)²) for μ ≥ 0; setting it equal to the
    /// target ρ gives μ* = 1/√(6ρ) − 1, or 0 when the budget does not bind (ρ ≥ 1/6).
    public static func optimalPacingMultiplier(targetSpendPerAuction rho: Double) -> Double {
        max(0, 1 / (6 * rho).squareRoot() - 1)
    }

    /// Expected spend per auction of the bidder above at multiplier μ ≥ 0.
    public static func expectedSpend(multiplier mu: Double) -> Double { 1 / (6 * (1 + mu) * (1 + mu)) }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
