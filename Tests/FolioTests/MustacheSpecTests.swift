// Folio's Mustache engine against the official spec (MustacheSpec/, from github.com/mustache/spec): every
// example of comments, delimiters, interpolation, inverted sections, partials, sections, inheritance and
// dynamic names. Lambdas are not supported (themes have no code). The few examples where swift-mustache, whose
// output themes were written against, departs from the spec are listed with the reason; a test proves each
// still departs, so the list cannot go stale.
import Foundation
import Testing
@testable import Folio

/// A spec example's data: JSON, as templates see it. `null` is absent, as a missing key is.
indirect enum MustacheSpecValue: Decodable, Sendable, TemplateRepresentable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([MustacheSpecValue]), object([String: MustacheSpecValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let int = try? container.decode(Int.self) { self = .int(int) }
        else if let double = try? container.decode(Double.self) { self = .double(double) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let array = try? container.decode([MustacheSpecValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: MustacheSpecValue].self)) }
    }

    var templateData: TemplateData? {
        switch self {
        case .null: .absent
        case .bool(let bool): .bool(bool)
        case .int(let int): .number(int)
        case .double(let double): .text(String(double))
        case .string(let string): .text(string)
        case .array(let array): .list(array)
        case .object: nil
        }
    }

    func field(_ key: FieldKey) -> TemplateData {
        guard case .object(let fields) = self, let value = fields[key.text] else { return .absent }
        return TemplateData(value)
    }
}

struct MustacheExample: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var desc: String
    var data: MustacheSpecValue
    var template: String
    var partials: [String: String]?
    var expected: String
    var file = ""

    enum CodingKeys: String, CodingKey { case name, desc, data, template, partials, expected }

    var testDescription: String { "\(file): \(name)" }

    /// The example rendered by Folio's engine; nil when a template does not compile.
    func rendered() -> String? {
        var library: [String: Template] = [:]
        do {
            for (name, text) in partials ?? [:] { library[name] = try Template(text) }
            library["(example)"] = try Template(template)
        } catch {
            return nil
        }
        var renderer = TemplateRenderer(templates: library)
        _ = renderer.render("(example)", context: TemplateData(data))
        return String(decoding: renderer.output, as: UTF8.self)
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections",
                        "~inheritance", "~dynamic-names"]

    static let all: [MustacheExample] = files.flatMap { file -> [MustacheExample] in
        struct Spec: Decodable { var tests: [MustacheExample] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("MustacheSpec/\(file).json")
        let spec = try! JSONDecoder().decode(Spec.self, from: Data(contentsOf: url))
        return spec.tests.map { var example = $0; example.file = file; return example }
    }

    /// Where Folio renders as swift-mustache did rather than as the spec says, by `file: name`.
    /// swift-mustache indents an overriding block by the whitespace before the block's tag only, not by the
    /// indentation of the default it replaces; a theme's blocks render as they always have.
    static let departures: [String: String] = [
        "~inheritance: Intrinsic indentation": "a block is not indented like its default content",
        "~inheritance: Nested block reindentation": "a nested block is not indented like its default content",
    ]
}

@Suite struct MustacheSpecTests {
    static let followed = MustacheExample.all.filter { MustacheExample.departures[$0.testDescription] == nil }
    static let departing = MustacheExample.all.filter { MustacheExample.departures[$0.testDescription] != nil }

    @Test func everySpecFileIsRead() {
        #expect(Set(MustacheExample.all.map(\.file)) == Set(MustacheExample.files))
        #expect(MustacheExample.all.count > 150)
    }

    @Test(arguments: followed) func rendersAsTheSpecSays(_ example: MustacheExample) {
        #expect(example.rendered() == example.expected, "\(example.desc)")
    }

    @Test(arguments: departing) func departsFromTheSpecAsListed(_ example: MustacheExample) {
        #expect(example.rendered() != example.expected, "no longer departs: remove it from `departures`")
    }
}
