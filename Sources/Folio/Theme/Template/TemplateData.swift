// What a template sees of a value: text, a number, a flag, a list or an object whose fields it reads by name.
// Every value a context hands out says which with a protocol requirement, so a lookup is a table probe and a
// switch, never a dynamic cast (swift-mustache asked each value, per tag, which of six protocols it conformed to).

/// A value as a template sees it.
enum TemplateData: Sendable {
    /// Not there: a variable shows nothing, a section is skipped, the lookup goes on down the context stack.
    case absent
    case text(String)
    /// HTML the engine rendered (an article), as UTF-8 bytes: written as they are, never made into a String.
    case html([UInt8])
    case bool(Bool)
    case number(Int)
    case list(any TemplateList)
    case object(any TemplateRepresentable)

    init(_ value: any TemplateRepresentable) {
        self = value.templateData ?? .object(value)
    }

    /// The field `key` of an object; absent for anything else (text, numbers and lists have no fields).
    func field(_ key: FieldKey) -> TemplateData {
        if case .object(let object) = self { return object.field(key) }
        return .absent
    }
}

/// A value a context may hand to templates.
protocol TemplateRepresentable: Sendable {
    /// Text, a number, a flag or a list; nil for an object, whose fields `field(_:)` answers.
    var templateData: TemplateData? { get }
    func field(_ key: FieldKey) -> TemplateData
    /// Feeds everything a template could read of the value into `digest` (`ContextDigest`). By default that is
    /// its `templateData`; an object that does not say gives up, so a page holding it is never reused.
    func digest(into digest: inout ContextDigest)
    /// The values in order, for the `sorted` transform; nil when they have no order (objects).
    static func sorted(_ values: [Self]) -> [Self]?
}

extension TemplateRepresentable {
    func field(_ key: FieldKey) -> TemplateData { .absent }
    func digest(into digest: inout ContextDigest) {
        if let data = templateData { data.digest(into: &digest) } else { digest.giveUp() }
    }
    static func sorted(_ values: [Self]) -> [Self]? { nil }
}

/// A list a section repeats over.
protocol TemplateList: Sendable {
    var count: Int { get }
    func element(at index: Int) -> TemplateData
    func reversedList() -> any TemplateList
    func sortedList() -> (any TemplateList)?
}

extension String: TemplateRepresentable {
    var templateData: TemplateData? { .text(self) }
    static func sorted(_ values: [String]) -> [String]? { values.sorted() }
}

extension Int: TemplateRepresentable {
    var templateData: TemplateData? { .number(self) }
    static func sorted(_ values: [Int]) -> [Int]? { values.sorted() }
}

extension Bool: TemplateRepresentable {
    var templateData: TemplateData? { .bool(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    var templateData: TemplateData? { map { TemplateData($0) } ?? .absent }
    func digest(into digest: inout ContextDigest) {
        if let self { self.digest(into: &digest) } else { TemplateData.absent.digest(into: &digest) }
    }
}

extension Array: TemplateRepresentable, TemplateList where Element: TemplateRepresentable {
    var templateData: TemplateData? { .list(self) }
    func element(at index: Int) -> TemplateData { TemplateData(ArrayElement(array: self, index: index)) }
    func reversedList() -> any TemplateList { Array(reversed()) }
    func sortedList() -> (any TemplateList)? { Element.sorted(self) }
}

/// An element of a list as a section sees it: the array and a place in it. Two words, so it fits in an
/// existential's inline buffer, where the element itself (a struct of several strings, such as a navigation
/// link) was copied into a heap box for every element of every list of every page.
private struct ArrayElement<Element: TemplateRepresentable>: TemplateRepresentable {
    let array: [Element]
    let index: Int

    // Read in place through the buffer: `array[index]` copied the whole element (retaining each of its strings)
    // to read one field of it.
    var templateData: TemplateData? { array.withUnsafeBufferPointer { $0[index].templateData } }
    func field(_ key: FieldKey) -> TemplateData { array.withUnsafeBufferPointer { $0[index].field(key) } }
    func digest(into digest: inout ContextDigest) { array.withUnsafeBufferPointer { $0[index].digest(into: &digest) } }
}
