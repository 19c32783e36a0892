/// A fixed number of slots that several threads fill at distinct positions, then handed over as one array
/// without copying: the way a parallel read builds a million-element array with no final concatenation.
final class ConcurrentSlots<Element>: @unchecked Sendable {
    let count: Int
    private let elements: UnsafeMutablePointer<Element>
    private let filled: UnsafeMutablePointer<Bool>

    init(count: Int) {
        self.count = count
        elements = .allocate(capacity: max(count, 1))
        filled = .allocate(capacity: max(count, 1))
        filled.initialize(repeating: false, count: max(count, 1))
    }

    /// Fills `position`; each position is filled at most once, by one thread.
    func fill(_ position: Int, with element: Element) {
        precondition(position >= 0 && position < count && !filled[position], "slot \(position) filled twice")
        (elements + position).initialize(to: element)
        filled[position] = true
    }

    /// Every slot, in position order, moved out (the slots are empty afterwards).
    /// - Precondition: every slot is filled.
    func take() -> [Element] {
        precondition((0..<count).allSatisfy { filled[$0] }, "slots taken before all were filled")
        let taken = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: elements, count: count)
            initialized = count
        }
        filled.update(repeating: false, count: count)
        return taken
    }

    deinit {
        for position in 0..<count where filled[position] { (elements + position).deinitialize(count: 1) }
        elements.deallocate()
        filled.deallocate()
    }
}
