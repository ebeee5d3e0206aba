// How a typed context answers a template's name lookups: one table per type, from field name to value, so a
// field is written twice (its declaration and its table entry) and a new one cannot be half added. A table
// lookup is a dictionary probe that answers a TemplateData, never reflection or a dynamic cast.
import Synchronization

/// An object templates read. Conforming types list their fields in `templateFields`.
protocol TemplateValue: TemplateRepresentable {
    static var templateFields: TemplateFields<Self> { get }
}

extension TemplateValue {
    var templateData: TemplateData? { nil }
    func field(named name: String) -> TemplateData { Self.templateFields.value(named: name, of: self) }
    func digest(into digest: inout ContextDigest) { Self.templateFields.digest(of: self, into: &digest) }
}

struct TemplateFields<Value>: Sendable {
    typealias Read = @Sendable (Value) -> any TemplateRepresentable
    /// Each field's place in `readList`: a dictionary whose types do not depend on `Value`, so a lookup is
    /// specialised code even where `Value` is generic (`Shared<Value>`), where `reads[name]` hashed the name
    /// through protocol witnesses.
    private let places: [String: Int]
    private let readList: [Read]
    /// The same fields in name order, for digests.
    private let ordered: [(name: String, read: Read)]

    init(_ reads: KeyValuePairs<String, Read>) {
        self.init(table: Dictionary(uniqueKeysWithValues: reads.map { ($0.key, $0.value) }))
    }

    private init(table: [String: Read]) {
        ordered = table.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        places = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.name, $0.offset) })
        readList = ordered.map(\.read)
    }

    func value(named name: String, of value: Value) -> TemplateData {
        guard let place = places[name] else { return .absent }
        return TemplateData(readList[place](value))
    }

    /// Every field by name, in name order: all a template could read of `value`, whichever fields it names.
    func digest(of value: Value, into digest: inout ContextDigest) {
        for (name, read) in ordered {
            digest.combine(name)
            read(value).digest(into: &digest)
        }
    }

    /// The names templates may use, for documentation and tests.
    var names: Set<String> { Set(places.keys) }

    /// These fields, read through `keyPath` of a value that holds them (a page's shared `frame`), plus `more`.
    func lifted<Outer>(_ keyPath: KeyPath<Outer, Value> & Sendable, adding more: KeyValuePairs<String, TemplateFields<Outer>.Read>)
        -> TemplateFields<Outer>
    {
        var table: [String: TemplateFields<Outer>.Read] = [:]
        for (name, read) in ordered { table[name] = { read($0[keyPath: keyPath]) } }
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
    func field(named name: String) -> TemplateData { Value.templateFields.value(named: name, of: value) }

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
