public import GavelCore

/// A discrete distribution on 0, unit, 2·unit, … given by counts, such as iPinYou's
/// `price_counter_train` (how many training impressions cleared at each price).
public struct EmpiricalDistribution: Hashable, Sendable {
    /// cumulative[i] = counts[0] + … + counts[i].
    private let cumulative: [Int]
    public let unit: Double

    /// - Parameters:
    ///   - counts: occurrences of value `i · unit` at index `i`; at least one must be positive.
    ///   - unit: the value step between bins.
    public init(counts: [Int], unit: Double = 1) {
        precondition(counts.allSatisfy { $0 >= 0 } && counts.contains { $0 > 0 }, "counts must be ≥ 0, one > 0")
        var running = 0
        self.cumulative = counts.map {
            running += $0
            return running
        }
        self.unit = unit
    }

    private var total: Int { cumulative[cumulative.count - 1] }

    public func sample(using random: inout SeededRandom) -> Double {
        let target = Int(random.next() % UInt64(total))
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return Double(low) * unit
    }

    public func cdf(_ x: Double) -> Double {
        guard x >= 0 else { return 0 }
        let bin = min(Int((x / unit).rounded(.down)), cumulative.count - 1)
        return Double(cumulative[bin]) / Double(total)
    }

    public var mean: Double {
        var sum = 0.0
        var previous = 0
        for (bin, running) in cumulative.enumerated() {
            sum += Double(bin) * Double(running - previous)
            previous = running
        }
        return sum / Double(total) * unit
    }

    public var upperBound: Double { Double(cumulative.count - 1) * unit }
}
