import GavelCore
import RealModule

extension SeededRandom {
    /// Poisson(mean): a keyword's searches on one day.
    ///
    /// Exact by inversion below a mean of 30; above it a rounded normal, whose error is far below the day-to-day
    /// noise a bid engine has to live with (and the head keywords are few).
    mutating func nextPoisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean >= 30 { return max(0, Int((mean + mean.squareRoot() * nextNormal()).rounded())) }
        let target = nextUnit()
        var count = 0
        var probability = Double.exp(-mean)
        var cumulative = probability
        while target >= cumulative && probability > 0 {
            count += 1
            probability *= mean / Double(count)
            cumulative += probability
        }
        return count
    }
}

/// Days between a click and its conversion: geometric with a given mean (0 = the same day), as the market
/// generator draws them, so the nightly job meets the same late conversions it meets on generated history.
struct ConversionLagDraw: Sendable {
    /// log(P(lag > k + 1) ÷ P(lag > k)); `nil` for no lag.
    private let logContinue: Double?

    init(meanDays: Double) {
        precondition(meanDays >= 0 && meanDays.isFinite, "a lag is a finite number of days ≥ 0")
        logContinue = meanDays > 0 ? Double.log(meanDays / (1 + meanDays)) : nil
    }

    func draw(using random: inout SeededRandom) -> Int {
        guard let logContinue else { return 0 }
        return Int((Double.log(1 - random.nextUnit()) / logContinue).rounded(.down))
    }
}
