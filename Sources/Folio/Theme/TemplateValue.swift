// How a typed context answers a template's name lookups: one table per type, from field name to value, so a
// field is written twice (its declaration and its table entry) and a new one cannot be half added. A lookup
// probes the table with the hash the template computed when it compiled (`FieldKey`) and answers a
// TemplateData, never reflection, a dynamic cast or hashing a name.
import Synchronization

/// An object templates read. Conforming types list their fields in `templateFields`.
protocol TemplateValue: TemplateRepresentable {
    static var templateFields: TemplateFields<Self> { get }
}

extension TemplateValue {
    var templateData: TemplateData? { nil }
    func field(_ key: FieldKey) -> TemplateData { Self.templateFields.value(key, of: self) }
    func digest(into digest: inout ContextDigest) { Self.templateFields.digest(of: self, into: &digest) }
}

struct TemplateFields<Value>: Sendable {
    typealias Read = @Sendable (Value) -> any TemplateRepresentable

    /// The tables, behind one reference: a lookup reads a type's `templateFields` through its protocol witness,
    /// which hands out a copy, and a copy of several arrays retained several objects every core shares.
    private final class Storage: Sendable {
        /// The fields in name order (for digests), each with its key.
        let fields: [(key: FieldKey, read: Read)]
        /// Open addressing on `FieldKey.hash`: a field's place in `fields`, or -1 for an empty slot. At least
        /// twice as many slots as fields, so a probe for a name the type lacks ends within a slot or two.
        let slots: [Int32]

        init(table: [String: Read]) {
            fields = table.sorted { $0.key < $1.key }.map { (FieldKey($0.key), $0.value) }
            var size = 4
            while size < 2 * fields.count { size *= 2 }
            var slots = [Int32](repeating: -1, count: size)
            for (place, field) in fields.enumerated() {
                var slot = Int(truncatingIfNeeded: field.key.hash) & (size - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(place)
            }
            self.slots = slots
        }

        func place(of key: FieldKey) -> Int? {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let place = Int(slots[slot])
                if place < 0 { return nil }
                if fields[place].key == key { return place }
                slot = (slot + 1) & mask
            }
        }
    }

    private let storage: Storage

    init(_ reads: KeyValuePairs<String, Read>) {
        self.init(table: Dictionary(uniqueKeysWithValues: reads.map { ($0.key, $0.value) }))
    }

    init(table: [String: Read]) { storage = Storage(table: table) }

    func value(_ key: FieldKey, of value: Value) -> TemplateData {
        guard let place = storage.place(of: key) else { return .absent }
        return TemplateData(storage.fields[place].read(value))
    }

    /// Every field by name, in name order: all a template could read of `value`, whichever fields it names.
    func digest(of value: Value, into digest: inout ContextDigest) {
        for (key, read) in storage.fields {
            digest.combine(key.text)
            read(value).digest(into: &digest)
        }
    }

    /// The names templates may use, for documentation and tests.
    var names: Set<String> { Set(storage.fields.map(\.key.text)) }

    /// These fields, read through `keyPath` of a value that holds them (a page's shared `frame`), plus `more`.
    func lifted<Outer>(_ keyPath: KeyPath<Outer, Value> & Sendable, adding more: KeyValuePairs<String, TemplateFields<Outer>.Read>)
        -> TemplateFields<Outer>
    {
        var table: [String: TemplateFields<Outer>.Read] = [:]
        for (key, read) in storage.fields { table[key.text] = { read($0[keyPath: keyPath]) } }
        for (name, read) in more { table[name] = read }
        return TemplateFields<Outer>(table: table)
    }
}

/// Empty text reads as absent, so `{{#field}}` sections skip it.
func present(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

/// A value shared by many pages (the site, a post's entry in lists), handed to templates by reference: a lookup
/// then retains one object instead of boxing and copying a struct of many strings each time.
/// Its digest is taken once, however many pages hold it.
@dynamicMemberLookup
final class Shared<Value: TemplateValue>: TemplateRepresentable {
    let value: Value
    /// Nil until first asked; then the digest, nil itself when incomplete.
    private let digestOnce = Mutex<Int??>(nil)

    init(_ value: Value) { self.value = value }

    subscript<Field>(dynamicMember keyPath: KeyPath<Value, Field>) -> Field { value[keyPath: keyPath] }

    var templateData: TemplateData? { nil }
    /// Through the value's own conformance, whose code is compiled for its type: reading the table here, in code
    /// generic over `Value`, asked the runtime for the metadata of the table's tuple and closure types (a
    /// locked cache lookup) on every field of every list item.
    func field(_ key: FieldKey) -> TemplateData { value.field(key) }

    func digest(into digest: inout ContextDigest) {
        let own = digestOnce.withLock { once -> Int? in
            if let once { return once }
            var inner = ContextDigest()
            value.digest(into: &inner)
            once = .some(inner.value)
            return inner.value
        }
        if let own { digest.combine(own) } else { digest.giveUp() }
    }
}

/// HTML the engine rendered for a document (`{{{post.content}}}`, `{{{post.toc}}}`), with the stamp of that
/// rendering: a digest combines the stamp instead of every byte of the article.
struct RenderedHTML: TemplateRepresentable {
    var bytes: [UInt8]
    var stamp: Int?

    init(bytes: [UInt8], stamp: Int?) {
        self.bytes = bytes
        self.stamp = stamp
    }

    init(text: String, stamp: Int?) { self.init(bytes: Array(text.utf8), stamp: stamp) }

    var templateData: TemplateData? { .html(bytes) }

    func digest(into digest: inout ContextDigest) {
        guard let stamp else { return TemplateData.html(bytes).digest(into: &digest) }
        // Tagged apart from text, which TemplateData.digest tags 1.
        digest.combine(6)
        digest.combine(stamp)
    }
}
