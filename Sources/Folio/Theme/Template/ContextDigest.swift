// A digest of everything a template could read of a context: every field of every object, walked in name order.
// The dev server keeps each page with the digest of its context and reuses the page when the next build's digest
// is the same, so an edit recomposes only the pages whose inputs changed (`ComposedPages`).

/// Accumulates a context's values. Incomplete when it met a value that cannot say what it holds: such a page is
/// always composed again.
struct ContextDigest {
    private var hasher = Hasher()
    private(set) var isComplete = true

    mutating func combine(_ text: String) {
        var text = text
        // By bytes: hashing a `String` normalises its Unicode first, which costs more than the page's render.
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    mutating func combine(_ value: Int) { hasher.combine(value) }
    mutating func combine(bytes: UnsafeRawBufferPointer) { hasher.combine(bytes: bytes) }
    mutating func combine(_ value: Bool) { hasher.combine(value) }
    /// A value the engine made (front matter, site.yml), by its own `Hashable`.
    mutating func combine(value: some Hashable) { hasher.combine(value) }

    /// Marks the digest as one that no other build may match.
    mutating func giveUp() { isComplete = false }

    /// The digest; nil when it is incomplete.
    var value: Int? { isComplete ? hasher.finalize() : nil }
}

extension TemplateData {
    func digest(into digest: inout ContextDigest) {
        switch self {
        case .absent: digest.combine(0)
        case .text(let text):
            digest.combine(1)
            digest.combine(text)
        case .html(let bytes):
            digest.combine(7)
            bytes.withUnsafeBytes { digest.combine(bytes: $0) }
        case .bool(let flag):
            digest.combine(2)
            digest.combine(flag)
        case .number(let number):
            digest.combine(3)
            digest.combine(number)
        case .list(let list):
            digest.combine(4)
            digest.combine(list.count)
            for index in 0..<list.count { list.element(at: index).digest(into: &digest) }
        case .object(let object):
            digest.combine(5)
            object.digest(into: &digest)
        }
    }
}
