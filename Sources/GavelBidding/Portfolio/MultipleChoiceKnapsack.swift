/// The exact optimum of a small portfolio on discretised bid grids, by dynamic programming: each keyword picks
/// exactly one of its options (a bid with its cost and value), total cost within a capacity, total value maximal.
///
/// O(keywords × options × capacity) time and O(keywords × capacity) memory: a check for the optimiser on small
/// instances, not a way to bid a portfolio.
public enum MultipleChoiceKnapsack {
    public struct Option: Hashable, Sendable {
        /// In whole cost units (e.g. cents), so the table is indexed by it.
        public var cost: Int
        public var value: Double

        public init(cost: Int, value: Double) {
            self.cost = cost
            self.value = value
        }
    }

    /// - Returns: The best total value and each keyword's chosen option index, or `nil` when even the cheapest
    ///   options exceed `capacity`.
    public static func solve(_ options: [[Option]], capacity: Int) -> (value: Double, choices: [Int])? {
        precondition(
            capacity >= 0 && options.allSatisfy { !$0.isEmpty }, "every keyword needs an option")
        var best = [Double](repeating: 0, count: capacity + 1)
        var choice = [[Int32]](repeating: [], count: options.count)
        for (keyword, keywordOptions) in options.enumerated() {
            var next = [Double](repeating: -.infinity, count: capacity + 1)
            var picked = [Int32](repeating: -1, count: capacity + 1)
            for (index, option) in keywordOptions.enumerated() where option.cost <= capacity {
                for budget in option.cost...capacity {
                    let candidate = best[budget - option.cost] + option.value
                    if candidate > next[budget] {
                        next[budget] = candidate
                        picked[budget] = Int32(index)
                    }
                }
            }
            best = next
            choice[keyword] = picked
        }
        guard best[capacity] > -.infinity else { return nil }
        var choices = [Int](repeating: 0, count: options.count)
        var budget = capacity
        for keyword in options.indices.reversed() {
            let index = Int(choice[keyword][budget])
            choices[keyword] = index
            budget -= options[keyword][index].cost
        }
        return (best[capacity], choices)
    }
}
