// A theme: Mustache templates (`templates/*.mustache`) and static assets (`assets/`), loaded and checked
// before any page is rendered, so a missing template or partial fails the build with its name and place.
import Foundation
import Synchronization

public struct Theme: Sendable {
    public var name: String
    /// Theme folder relative to the project root, e.g. `Themes/default`.
    public var folder: String
    /// Every template and partial, compiled once when the theme loads (markup partials as `markup/<name>`).
    let program: TemplateProgram
    /// Files under `assets/`, relative to that folder; served at `/assets/<path>`.
    public var assets: [String]
    /// The names of its templates and partials (`post`, `header`, ...).
    public var templates: Set<String>
    /// `card:` in theme.yml: the font the social card template names. Nil when the theme draws no cards.
    public var card: CardStyle?
    /// The HTML of callouts, heading anchors, code figures, footnotes... (`templates/markup/`). Nil when one of
    /// them is missing or does not compile (the build has an error then).
    var markup: MarkupTemplates?
    /// A digest of every template's text: a page composed with other templates is never reused.
    var templatesDigest = 0
    /// Copies of `program` for pages rendered at the same time (`ProgramCopies`); both are constants, so a copy
    /// never outlives the templates it was made from.
    let copies = ProgramCopies()

    /// The page templates the engine renders; a theme must have every one.
    public static let pageTemplates = ["home", "post", "page", "series", "series-index", "tag", "tags", "archive", "404"]

    /// The template rendered with `context`. Everything that could render nothing silently (a partial that does
    /// not exist, one named by data) is refused when the theme loads; what is left is a template name the theme
    /// does not have, which has no place in a file, hence line 1.
    func render(_ context: some TemplateRepresentable, template: String) throws(Diagnostic) -> String {
        String(decoding: try renderBytes(context, template: template), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for output written as it is.
    func renderBytes(_ context: some TemplateRepresentable, template: String) throws(Diagnostic) -> [UInt8] {
        let copy = copies.take(program)
        defer { copies.give(copy) }
        var renderer = TemplateRenderer(program: copy)
        guard renderer.render(template, context: TemplateData(context)) else {
            throw .error("theme '\(name)' has no template '\(template)' to render",
                         at: SourceLocation(path: "\(folder)/templates/\(template).mustache"))
        }
        return renderer.output
    }
}

struct ThemeLoader {
    var files: ProjectFiles

    func load(named name: String, into diagnostics: inout [Diagnostic]) -> Theme? {
        let folder = "Themes/\(name)"
        // A theme is a folder of Themes/, never a path: `theme: ../../elsewhere` would load templates and publish
        // assets from outside the project.
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            diagnostics.append(.error(
                "theme '\(name)' must be the name of a folder in Themes/, not a path", at: SourceLocation(path: "Content/site.yml")))
            return nil
        }
        if let target = files.resolvedOutsideRoot(folder) {
            diagnostics.append(FileProblem.outsideProject(folder, target: target).diagnostic)
            return nil
        }
        guard files.isDirectory(folder) else {
            let available = files.list("Themes").filter { files.isDirectory("Themes/\($0)") }
            diagnostics.append(.error(
                "theme '\(name)' not found (looked for \(folder)/; available: \(available.joined(separator: ", ")))",
                at: SourceLocation(path: folder)))
            return nil
        }
        let templateFolder = "\(folder)/templates"
        var library: [String: Template] = [:]
        var sources: [String: (path: String, text: String)] = [:]
        // Markup partials are read by `loadMarkup`, which also finds the ones a theme inherits.
        for relative in files.filesRecursively(in: templateFolder)
        where relative.hasSuffix(".mustache") && !relative.hasPrefix("markup/") {
            let path = "\(templateFolder)/\(relative)"
            let templateName = String(relative.dropLast(".mustache".count))
            let text: String
            do {
                text = try files.readText(path)
            } catch {
                diagnostics.append(error.diagnostic)
                continue
            }
            sources[templateName] = (path, text)
            if let problem = TemplateLimits.sectionNestingProblem(in: text) {
                diagnostics.append(.error("template '\(templateName)': \(problem.message)",
                                          at: SourceLocation(path: path, line: problem.line, column: problem.column)))
                continue
            }
            do {
                library[templateName] = try Template(text)
            } catch {
                // Sections that do not pair up are placed by TemplateSyntax, at the section that is left open
                // rather than where reading stopped (the end of the file, for an unclosed one).
                let problem = TemplateSyntax.sectionProblem(in: text)
                    ?? TemplateLimits.Problem(line: error.line, column: error.column, message: error.message)
                diagnostics.append(.error("template '\(templateName)' does not parse: \(problem.message)",
                                          at: SourceLocation(path: path, line: problem.line, column: problem.column)))
            }
        }
        for (templateName, source) in sources.sorted(by: { $0.key < $1.key }) {
            // A closing tag repeats its opening tag's transform: reported once, at the opening.
            for (tag, transform) in TemplateSyntax.unknownTransforms(in: source.text) where tag.sigil != "/" {
                diagnostics.append(.error(
                    "template '\(templateName)' applies '\(transform)', which is not a Mustache transform: \(tag.text) "
                        + "renders as if its value were missing (transforms: "
                        + TemplateSyntax.transforms.sorted().joined(separator: ", ") + ")",
                    at: SourceLocation(path: source.path, line: tag.line, column: tag.column)))
            }
            for tag in TemplateSyntax.dynamicPartials(in: source.text) {
                diagnostics.append(.error(
                    "template '\(templateName)' includes a partial named by its data (\(tag.text)); Folio checks every "
                        + "partial before rendering and a name it cannot check would render nothing, so name the "
                        + "partial ({{\(tag.sigil.map(String.init) ?? ">")name}})",
                    at: SourceLocation(path: source.path, line: tag.line, column: tag.column)))
            }
        }
        let markup = loadMarkup(templateFolder: templateFolder, sources: &sources, library: &library,
                                into: &diagnostics)
        for required in Theme.pageTemplates where sources[required] == nil {
            diagnostics.append(.error(
                "theme '\(name)' has no template '\(required)'; every theme needs one for its \(required) pages",
                at: SourceLocation(path: "\(templateFolder)/\(required).mustache")))
        }
        for (templateName, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in Self.partialReferences(in: source.text) where sources[reference.name] == nil {
                diagnostics.append(.error(
                    "template '\(templateName)' uses partial '\(reference.name)', which does not exist (expected \(templateFolder)/\(reference.name).mustache)",
                    at: SourceLocation(path: source.path, line: reference.line, column: reference.column)))
            }
        }
        let references = sources.mapValues { Self.partialReferences(in: $0.text) }
        for (template, reference, cycle) in TemplateLimits.partialCycles(references) {
            diagnostics.append(.error(
                "template '\(template)' includes partial '\(reference.name)', which includes it again ("
                    + cycle.joined(separator: " → ") + "); rendering would never end",
                at: SourceLocation(path: sources[template]?.path ?? templateFolder, line: reference.line,
                                   column: reference.column)))
        }
        let assetListing = files.isDirectory("\(folder)/assets") ? files.listing(in: "\(folder)/assets") : .init()
        diagnostics += assetListing.linkedFolders.map { ContentLoader.folderLinkWarning("\(folder)/assets/\($0)") }
        var assets: [String] = []
        for asset in assetListing.files {
            if let target = files.resolvedOutsideRoot("\(folder)/assets/\(asset)") {
                diagnostics.append(FileProblem.outsideProject("\(folder)/assets/\(asset)", target: target).diagnostic)
            } else {
                assets.append(asset)
            }
        }
        let card = CardStyle.load(theme: folder, files: files, hasTemplate: sources[CardStyle.template] != nil,
                                  into: &diagnostics)
        var digest = ContextDigest()
        for (templateName, source) in sources.sorted(by: { $0.key < $1.key }) {
            digest.combine(templateName)
            digest.combine(source.text)
        }
        return Theme(name: name, folder: folder, program: TemplateProgram(library), assets: assets, templates: Set(sources.keys),
                     card: card, markup: markup, templatesDigest: digest.value ?? 0)
    }

    struct PartialReference {
        var name: String
        var line: Int
        var column: Int
    }

    /// `{{> name}}` and `{{< name}}` tags. Templates here use the default `{{ }}` delimiters.
    static func partialReferences(in text: String) -> [PartialReference] {
        var result: [PartialReference] = []
        var line = 1, column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                var cursor = text.index(index, offsetBy: 2)
                if cursor < text.endIndex, text[cursor] == ">" || text[cursor] == "<" {
                    cursor = text.index(after: cursor)
                    let rest = text[cursor...]
                    if let close = rest.range(of: "}}") {
                        let name = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                        if !name.isEmpty && !name.hasPrefix("*") {
                            result.append(PartialReference(name: name, line: line, column: column))
                        }
                    }
                }
            }
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return result
    }
}

/// Private copies of a theme's compiled templates, one per page being rendered at once. A renderer retains the
/// program's arrays as it calls into itself; on one copy both cores share, each retain is a write to a cache line
/// the other core then has to fetch back.
final class ProgramCopies: Sendable {
    private let free = Mutex<[TemplateProgram]>([])

    /// A copy no other page is using: a free one, or a new deep copy of `program`.
    func take(_ program: TemplateProgram) -> TemplateProgram {
        free.withLock { $0.popLast() } ?? program.deepCopy()
    }

    func give(_ copy: TemplateProgram) { free.withLock { $0.append(copy) } }
}
