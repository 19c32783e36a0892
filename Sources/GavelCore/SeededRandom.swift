/// A small, fast, seedable random number generator (SplitMix64).
///
/// Every random process in Gavel takes a seed so that generated markets, simulations
/// and tests replay exactly; `SystemRandomNumberGenerator` is never used for results.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    /// An independent stream for sub-task `index` (a keyword, a grid point, a worker),
    /// so parallel work gives the same numbers whatever the scheduling.
    public init(seed: UInt64, stream index: UInt64) {
        var mixer = SeededRandom(seed: seed ^ (index &* 0x9E37_79B9_7F4A_7C15))
        self.state = mixer.next() ^ index
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
