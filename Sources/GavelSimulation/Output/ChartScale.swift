import RealModule

/// A linear axis with "nice" round ticks (1, 2 or 5 × 10ⁿ apart) covering the data, as a person would
/// draw it (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
struct ChartScale {
    let lower: Double
    let upper: Double
    let step: Double

    /// - Parameters:
    ///   - values: the data to cover; zero is always included, so cost and conversions are read against a
    ///     true origin rather than an exaggerated slope.
    ///   - ticks: about how many ticks to draw.
    init(covering values: [Double], ticks: Int = 6) {
        let finite = values.filter(\.isFinite)
        let low = min(finite.min() ?? 0, 0)
        var high = max(finite.max() ?? 0, 0)
        if high == low { high = low + 1 }
        let step = ChartScale.nice((high - low) / Double(max(ticks - 1, 1)), round: true)
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = (high / step).rounded(.up) * step
    }

    /// The tick values from lower to upper.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        return (0..<count).map { lower + Double($0) * step }
    }

    /// Position of `value` between `start` (at lower) and `end` (at upper).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// Decimals needed to tell the ticks apart.
    var decimals: Int { max(0, min(6, -Int(Double.log10(step).rounded(.down)))) }

    /// The nice number near `value`: 1, 2, 5 or 10 × a power of ten.
    private static func nice(_ value: Double, round: Bool) -> Double {
        let exponent = Double.log10(value).rounded(.down)
        let fraction = value / Double.pow(10, exponent)
        let niceFraction: Double =
            round
            ? (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10)
            : (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10)
        return niceFraction * Double.pow(10, exponent)
    }
}
