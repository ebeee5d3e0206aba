// A growable run of bytes for writers that append many short pieces (a highlighted code block is a span tag,
// a few bytes of code and a closing tag, over and over): one bounds test and one copy per piece, where an
// `[UInt8]` also checks that it is uniquely referenced and goes through the generic sequence copy.

/// Bytes appended in order, owned by one writer (noncopyable: the storage is freed exactly once, in `deinit`).
struct GrowingBytes: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The bytes as a String (UTF-8 as written; a writer that copies its input's bytes keeps them valid).
    func string() -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.moveInitialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = newCapacity
    }
}
