// A Mustache template compiled to a tree, once per theme load; rendering walks it (TemplateRenderer).

/// A name in a tag, read once when the template compiles: `post.title`, `.`, `empty(post.tags)`. A class, so a
/// node that holds it is copied with one retain as the renderer walks the tree.
final class TemplateName: Sendable {
    enum Scope: Sendable, Equatable {
        /// `{{.}}`: the current value.
        case current
        /// `{{first()}}`: a transform of the current element's place in its list.
        case listPosition
        /// `{{.title}}`: looked up in the current value only.
        case currentOnly
        /// `{{title}}`: the first value on the context stack that has the first part, then the rest from it.
        case stack
    }

    let scope: Scope
    /// The dotted parts (`post`, `title`); empty parts are dropped, as swift-mustache does.
    let parts: [String]
    /// Outermost first, as written: `a(b(x))` is `[a, b]` and applies `b` first.
    let transforms: [String]
    /// The name as written (without transforms).
    let text: String

    init(_ text: String, transforms: [String]) {
        self.text = text
        self.transforms = transforms
        parts = text.split(separator: ".").map(String.init)
        if text == "." {
            scope = .current
        } else if text.isEmpty, !transforms.isEmpty {
            scope = .listPosition
        } else if text.first == "." {
            scope = .currentOnly
        } else {
            scope = .stack
        }
    }
}

enum TemplateNode: Sendable {
    case text([UInt8])
    /// `{{x}}` escapes (unless the content type is TEXT); `{{{x}}}` and `{{&x}}` do not.
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case invertedSection(TemplateName, [TemplateNode])
    /// `{{$name}}default{{/name}}` where it is filled in: the parent's override, else the default.
    case block(String, default: [TemplateNode], indentation: [UInt8])
    /// `{{>name}}`, and `{{<name}}…{{/name}}` with the blocks it overrides. A standalone partial indents every
    /// line it renders by the whitespace before it.
    case partial(String, indentation: [UInt8]?, overrides: [String: [TemplateNode]]?)
    /// `{{>*name}}`: the partial named by the value of `name`.
    case dynamicPartial(TemplateName, indentation: [UInt8]?, overrides: [String: [TemplateNode]]?)
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override, collected into the partial's tag.
    case blockDefinition(String, [TemplateNode])
    /// `{{%CONTENT_TYPE:TEXT}}`: whether `{{x}}` escapes HTML from here on.
    case contentType(escapes: Bool)
}

/// One compiled template.
struct Template: Sendable {
    var nodes: [TemplateNode]

    /// Compiles `text`; the error has the line and column where reading stopped.
    init(_ text: String) throws(TemplateParseError) {
        var parser = TemplateParser(text)
        nodes = try parser.parseTemplate()
    }
}

/// Why a template does not compile, and where (1-based line, column in characters).
struct TemplateParseError: Error, Equatable {
    var line: Int
    var column: Int
    var message: String
}

extension Template {
    /// The same template in storage of its own: no array, string or name is shared with `self`.
    func deepCopy() -> Template {
        var copy = self
        copy.nodes = Self.copied(nodes)
        return copy
    }

    private static func copied(_ nodes: [TemplateNode]) -> [TemplateNode] { nodes.map(copied) }

    private static func copied(_ node: TemplateNode) -> TemplateNode {
        switch node {
        case .text(let bytes): .text(fresh(bytes))
        case .variable(let name, let escaped): .variable(name.deepCopy(), escaped: escaped)
        case .section(let name, let body): .section(name.deepCopy(), copied(body))
        case .invertedSection(let name, let body): .invertedSection(name.deepCopy(), copied(body))
        case .block(let name, let body, let indentation): .block(fresh(name), default: copied(body), indentation: fresh(indentation))
        case .partial(let name, let indentation, let overrides):
            .partial(fresh(name), indentation: indentation.map(fresh), overrides: overrides.map(copied))
        case .dynamicPartial(let name, let indentation, let overrides):
            .dynamicPartial(name.deepCopy(), indentation: indentation.map(fresh), overrides: overrides.map(copied))
        case .blockDefinition(let name, let body): .blockDefinition(fresh(name), copied(body))
        case .contentType: node
        }
    }

    private static func copied(_ overrides: [String: [TemplateNode]]) -> [String: [TemplateNode]] {
        Dictionary(uniqueKeysWithValues: overrides.map { (fresh($0.key), copied($0.value)) })
    }

    static func fresh(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBufferPointer { Array($0) } }
    static func fresh(_ text: String) -> String { String(decoding: fresh(Array(text.utf8)), as: UTF8.self) }
}

extension TemplateName {
    func deepCopy() -> TemplateName { TemplateName(Template.fresh(text), transforms: transforms.map(Template.fresh)) }
}
