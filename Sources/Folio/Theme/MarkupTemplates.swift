// The HTML that Markdown transforms produce (callouts, heading anchors, code figures, footnotes...), taken from
// the theme's `templates/markup/` partials. Render is a hot path (one heading anchor per heading of 10,000
// posts), so each partial is rendered through Mustache once, when the theme loads, with marker values for its
// fields, and kept as text with holes; filling one in is a few appends.

/// What a markup partial may use: the fields it substitutes, the ones that may be absent (so `{{#title}}`
/// sections work), true-or-false flags, and whether it wraps content (`{{{content}}}`, the callout's text).
struct MarkupShape: Sendable {
    var name: String
    var fields: [String] = []
    var optionalFields: [String] = []
    var flags: [String] = []
    var wraps = false

    var path: String { "markup/\(name)" }
    /// Every substituted field, in the order of `MarkupContext.values`; `content` comes after them.
    var allFields: [String] { fields + optionalFields }
    /// Each optional field and flag is one bit of a variant: every variant is compiled once.
    var variantCount: Int { 1 << (optionalFields.count + flags.count) }
}

/// A typed context for one markup partial. `values` are the fields then the optional fields in the shape's
/// order, nil for an absent optional one; text is escaped by `{{ }}`, HTML (already rendered) goes in `{{{ }}}`.
protocol MarkupContext {
    static var shape: MarkupShape { get }
    var values: [String?] { get }
    var flags: [Bool] { get }
}

extension MarkupContext {
    var flags: [Bool] { [] }

    /// The variant for these `values` (this context's, made once by the caller: `values` builds an array).
    func variant(of values: [String?]) -> Int {
        let shape = Self.shape
        var key = 0
        var bit = 0
        for index in shape.fields.count..<(shape.fields.count + shape.optionalFields.count) {
            if values[index] != nil { key |= 1 << bit }
            bit += 1
        }
        for flag in flags {
            if flag { key |= 1 << bit }
            bit += 1
        }
        return key
    }
}

/// One markup partial, compiled: for every variant, the text with holes for the fields.
struct MarkupFragment: Sendable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case field(Int, escaped: Bool)
        case content
    }

    var variants: [[Piece]]

    func render(_ values: [String?], variant: Int) -> String {
        Self.fill(variants[variant][...], values)
    }

    /// The HTML before and after the wrapped content.
    func wrap(_ values: [String?], variant: Int) -> (enter: String, exit: String) {
        let pieces = variants[variant]
        let split = pieces.firstIndex(of: .content) ?? pieces.endIndex
        let after = split < pieces.endIndex ? pieces.index(after: split) : split
        return (Self.fill(pieces[..<split], values), Self.fill(pieces[after...], values))
    }

    private static func fill(_ pieces: ArraySlice<Piece>, _ values: [String?]) -> String {
        // Room for all of it at once (escaping may add a little): appending grew the string several times.
        var capacity = 0
        for piece in pieces {
            switch piece {
            case .text(let text): capacity += text.utf8.count
            case .field(let index, _): capacity += (values[index]?.utf8.count ?? 0) + 8
            case .content: break
            }
        }
        var out = ""
        out.reserveCapacity(capacity)
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .field(let index, let escaped):
                let value = values[index] ?? ""
                out += escaped ? HTML.escape(value) : value
            case .content: break
            }
        }
        return out
    }

    /// Marker values: private-use characters a template never holds, around `vV` (which any change of case
    /// would show), the field's number, and a `<` that tells `{{ }}` (which writes `&lt;`) from `{{{ }}}`.
    private static func marker(_ index: Int) -> String { "\u{E000}vV\(index)<\u{E001}" }

    enum CompileProblem: Error, Equatable {
        case notRendered
        case changedField
        case content(count: Int)
        case escapedContent

        func message(_ shape: MarkupShape) -> String {
            switch self {
            case .notRendered:
                "markup partial '\(shape.name)' could not be rendered"
            case .changedField:
                "markup partial '\(shape.name)' changes a field's value (a transform such as "
                    + "{{uppercased(title)}}?); markup partials show fields as they are"
            case .content(let count):
                "markup partial '\(shape.name)' must show {{{content}}} exactly once (it wraps the "
                    + "\(shape.name)'s text), not \(count == 0 ? "never" : "\(count) times")"
            case .escapedContent:
                "markup partial '\(shape.name)' shows content with {{content}}; it is HTML: write {{{content}}}"
            }
        }
    }

    /// Renders every variant of `shape`'s partial from `library` with markers, and reads the holes back.
    static func compile(_ shape: MarkupShape, library: [String: Template]) -> Result<MarkupFragment, CompileProblem> {
        let names = shape.allFields
        let program = TemplateProgram(library)
        let contentIndex = names.count
        var variants: [[Piece]] = []
        variants.reserveCapacity(shape.variantCount)
        for variant in 0..<shape.variantCount {
            var context = MarkerContext()
            for (index, name) in shape.fields.enumerated() { context.values[name] = .text(marker(index)) }
            var bit = 0
            for (offset, name) in shape.optionalFields.enumerated() {
                if variant & (1 << bit) != 0 { context.values[name] = .text(marker(shape.fields.count + offset)) }
                bit += 1
            }
            for name in shape.flags {
                context.values[name] = .bool(variant & (1 << bit) != 0)
                bit += 1
            }
            if shape.wraps { context.values["content"] = .text(marker(contentIndex)) }
            var renderer = TemplateRenderer(program: program)
            guard renderer.render(shape.path, context: TemplateData(context)) else { return .failure(.notRendered) }
            let rendered = String(decoding: renderer.output, as: UTF8.self)
            guard let pieces = parse(rendered, contentIndex: contentIndex) else { return .failure(.changedField) }
            if pieces.contains(.field(contentIndex, escaped: true)) { return .failure(.escapedContent) }
            if shape.wraps {
                let count = pieces.count { $0 == .content }
                guard count == 1 else { return .failure(.content(count: count)) }
            }
            variants.append(pieces)
        }
        return .success(MarkupFragment(variants: variants))
    }

    /// The pieces of a rendering; nil when a marker came back changed.
    private static func parse(_ rendered: String, contentIndex: Int) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = Substring(rendered)
        while let open = rest.firstIndex(of: "\u{E000}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let start = rest.index(after: open)
            guard let close = rest[start...].firstIndex(of: "\u{E001}") else { return nil }
            var inner = rest[start..<close]
            guard inner.hasPrefix("vV") else { return nil }
            inner = inner.dropFirst(2)
            let escaped = inner.hasSuffix("&lt;")
            guard escaped || inner.hasSuffix("<"),
                  let index = Int(escaped ? inner.dropLast(4) : inner.dropLast()), index >= 0, index <= contentIndex
            else { return nil }
            pieces.append(index == contentIndex && !escaped ? .content : .field(index, escaped: escaped))
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("\u{E001}") { return nil }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}

/// The marker values a partial is compiled with.
private struct MarkerContext: TemplateRepresentable {
    var values: [String: TemplateData] = [:]
    var templateData: TemplateData? { nil }
    func field(_ key: FieldKey) -> TemplateData { values[key.text] ?? .absent }
}

/// Every markup partial of a theme, compiled; the renderer takes its fragments from here.
public struct MarkupTemplates: Sendable {
    var fragments: [String: MarkupFragment]
    /// Hash of the partials' text: the dev server's render cache re-renders documents when it changes.
    public var fingerprint: Int

    /// Every partial a theme has, or inherits from the default theme.
    static let shapes: [MarkupShape] = [
        CalloutMarkup.shape, HeadingMarkup.shape, CodeFigureMarkup.shape, DemoOutputMarkup.shape,
        DiagramFigureMarkup.shape, FootnoteReferenceMarkup.shape, FootnotesMarkup.shape, FootnoteMarkup.shape,
        FootnoteBacklinkMarkup.shape, TaskItemMarkup.shape,
    ]

    /// Only for a build whose theme did not load: it has failed already and writes nothing, but the documents
    /// are still rendered for their own diagnostics. Every fragment is empty.
    static let unavailable = MarkupTemplates(
        fragments: Dictionary(uniqueKeysWithValues: shapes.map {
            ($0.name, MarkupFragment(variants: Array(repeating: $0.wraps ? [.content] : [], count: $0.variantCount)))
        }),
        fingerprint: 0)

    func render<Context: MarkupContext>(_ context: Context) -> String {
        let values = context.values
        return fragments[Context.shape.name]!.render(values, variant: context.variant(of: values))
    }

    func wrap<Context: MarkupContext>(_ context: Context) -> (enter: String, exit: String) {
        let values = context.values
        return fragments[Context.shape.name]!.wrap(values, variant: context.variant(of: values))
    }
}
