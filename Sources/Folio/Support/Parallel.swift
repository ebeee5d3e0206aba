// Data-parallel map over the machine's cores, for CPU-bound per-document work.
import Foundation

extension Array where Element: Sendable {
    /// Like `map`, but runs `transform` on all cores. Order of results matches the input.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let source = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(transform(source[index]), at: index)
        }
        return results.collect()
    }
}

/// Result storage for `parallelMap`.
/// `@unchecked Sendable` is sound here: each slot is written exactly once, by the single iteration that owns
/// its index, and read only after `concurrentPerform` has returned (which happens-after every iteration).
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    /// The results, moved out of their slots (a copy would retain every reference a result holds, once per
    /// result, on the one thread that collects).
    func collect() -> [T] { (0..<count).map { slots[$0].take()! } }
}
