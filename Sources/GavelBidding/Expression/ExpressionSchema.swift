/// The names an expression may read and the slot each one's value sits in.
///
/// Compiling against a schema turns every name into a slot index once, so evaluating a rule for a million keywords
/// reads values from a flat buffer instead of hashing names. The bid rules use ``KeywordMetric/schema``; the
/// categorizer extends it with its own boolean labels (`converting`, `high_volume`) via ``adding(_:type:)``.
public struct ExpressionSchema: Hashable, Sendable {
    public enum ValueType: Hashable, Sendable {
        /// A quantity: counts, money in currency units, rates as fractions.
        case number
        /// A condition the caller computed, stored as 1 (true) or 0 (false) in its slot.
        case boolean
    }

    public private(set) var names: [String] = []
    public private(set) var types: [ValueType] = []
    private var slots: [String: Int] = [:]

    public init() {}

    public init(numbers: [String], booleans: [String] = []) {
        for name in numbers { add(name, type: .number) }
        for name in booleans { add(name, type: .boolean) }
    }

    /// Adds a name in the next free slot and returns that slot; adding an existing name returns its slot unchanged.
    @discardableResult
    public mutating func add(_ name: String, type: ValueType) -> Int {
        if let slot = slots[name] { return slot }
        slots[name] = names.count
        names.append(name)
        types.append(type)
        return names.count - 1
    }

    /// A copy with more names, each in the next free slot.
    public func adding(_ names: [String], type: ValueType) -> ExpressionSchema {
        var copy = self
        for name in names { copy.add(name, type: type) }
        return copy
    }

    public var count: Int { names.count }

    public func slot(of name: String) -> Int? { slots[name] }

    /// The nearest known name to a misspelt one, for "did you mean" hints.
    public func suggestion(for name: String) -> String? { NameSuggestion.nearest(to: name, among: names) }
}
