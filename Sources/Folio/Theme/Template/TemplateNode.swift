// A Mustache template compiled to a tree, once per theme load; the renderer runs it flattened (TemplateProgram).

/// A name in a tag, read once when the template compiles: `post.title`, `.`, `empty(post.tags)`. The program
/// stores it again as numbers (`TemplateProgram.Name`).
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
