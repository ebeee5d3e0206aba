// How a typed context answers a template's name lookups: one table per type, from field name to value, so a
// field is written twice (its declaration and its table entry) and a new one cannot be half added. A table
// lookup is a dictionary probe that answers a TemplateData, never reflection or a dynamic cast.

/// An object templates read. Conforming types list their fields in `templateFields`.
protocol TemplateValue: TemplateRepresentable {
    static var templateFields: TemplateFields<Self> { get }
}

extension TemplateValue {
    var templateData: TemplateData? { nil }
    func field(named name: String) -> TemplateData { Self.templateFields.value(named: name, of: self) }
}

struct TemplateFields<Value>: Sendable {
    typealias Read = @Sendable (Value) -> any TemplateRepresentable
    private let reads: [String: Read]

    init(_ reads: KeyValuePairs<String, Read>) {
        self.reads = Dictionary(uniqueKeysWithValues: reads.map { ($0.key, $0.value) })
    }

    private init(table: [String: Read]) { reads = table }

    func value(named name: String, of value: Value) -> TemplateData {
        guard let read = reads[name] else { return .absent }
        return TemplateData(read(value))
    }

    /// The names templates may use, for documentation and tests.
    var names: Set<String> { Set(reads.keys) }

    /// These fields, read through `keyPath` of a value that holds them (a page's shared `frame`), plus `more`.
    func lifted<Outer>(_ keyPath: KeyPath<Outer, Value> & Sendable, adding more: KeyValuePairs<String, TemplateFields<Outer>.Read>)
        -> TemplateFields<Outer>
    {
        var table: [String: TemplateFields<Outer>.Read] = [:]
        for (name, read) in reads { table[name] = { read($0[keyPath: keyPath]) } }
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
@dynamicMemberLookup
final class Shared<Value: TemplateValue>: TemplateRepresentable {
    let value: Value

    init(_ value: Value) { self.value = value }

    subscript<Field>(dynamicMember keyPath: KeyPath<Value, Field>) -> Field { value[keyPath: keyPath] }

    var templateData: TemplateData? { nil }
    func field(named name: String) -> TemplateData { Value.templateFields.value(named: name, of: value) }
}
