/// A name pattern as campaign managers write them: `*` is any text, `?` one character, case is ignored.
///
/// Chosen over regular expressions because campaign names are full of `.`, `(` and `|`, which a glob leaves alone.
public struct GlobPattern: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    private let pattern: [Character]
    /// `*` (or `**`…): the usual "every account" scope, answered without looking at the subject.
    private let matchesEverything: Bool

    public init(_ text: String) {
        self.text = text
        self.pattern = Array(text.lowercased())
        self.matchesEverything = !text.isEmpty && text.allSatisfy { $0 == "*" }
    }

    public var description: String { text }

    public func matches(_ subject: String) -> Bool {
        if matchesEverything { return true }
        let subject = Array(subject.lowercased())
        // Iterative wildcard matching with one backtrack point: linear in practice, no recursion.
        var p = 0
        var s = 0
        var star: Int?
        var starMatch = 0
        while s < subject.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == subject[s] {
                p += 1
                s += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                starMatch = s
                p += 1
            } else if let starIndex = star {
                p = starIndex + 1
                starMatch += 1
                s = starMatch
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
