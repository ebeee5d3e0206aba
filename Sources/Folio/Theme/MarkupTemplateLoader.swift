// Loads a theme's markup partials (`templates/markup/*.mustache`): a theme without one inherits it from
// `Themes/default/templates/markup/`; when neither has it, the build stops with an error naming the partial.

extension ThemeLoader {
    static let defaultMarkupFolder = "Themes/default/templates/markup"

    /// Reads every markup partial (the theme's own, or the default theme's), adds it to `sources`, registers it
    /// in `library` and compiles it. Nil when one is missing or does not compile; the reasons are in `diagnostics`.
    func loadMarkup(
        templateFolder: String, sources: inout [String: (path: String, text: String)], library: inout [String: Template],
        into diagnostics: inout [Diagnostic]
    ) -> MarkupTemplates? {
        var fragments: [String: MarkupFragment] = [:]
        var hasher = Hasher()
        for shape in MarkupTemplates.shapes {
            let own = "\(templateFolder)/\(shape.path).mustache"
            let inherited = "\(Self.defaultMarkupFolder)/\(shape.name).mustache"
            var path = own
            if !files.exists(own), own != inherited, files.exists(inherited) { path = inherited }
            guard files.exists(path), !files.isDirectory(path) else {
                diagnostics.append(.error(
                    "the theme has no markup partial '\(shape.name)' and there is none to inherit "
                        + "(looked for \(own) and \(inherited))",
                    at: SourceLocation(path: own)))
                continue
            }
            let text: String
            do {
                text = try files.readText(path)
            } catch {
                diagnostics.append(error.diagnostic)
                continue
            }
            sources[shape.path] = (path, text)
            hasher.combine(path)
            hasher.combine(text)
            if let problem = TemplateLimits.sectionNestingProblem(in: text) {
                diagnostics.append(.error("markup partial '\(shape.name)': \(problem.message)",
                                          at: SourceLocation(path: path, line: problem.line, column: problem.column)))
                continue
            }
            // The file's last line break is not part of the fragment: most of them sit inside a line of text.
            let fragmentText = text.hasSuffix("\n") ? String(text.dropLast()) : text
            do {
                library[shape.path] = try Template(fragmentText)
            } catch {
                diagnostics.append(.error("markup partial '\(shape.name)' does not parse: \(error.message)",
                                          at: SourceLocation(path: path, line: error.line, column: error.column)))
                continue
            }
            switch MarkupFragment.compile(shape, library: library) {
            case .success(let fragment): fragments[shape.name] = fragment
            case .failure(let problem):
                diagnostics.append(.error(problem.message(shape), at: location(of: problem, in: text, path: path)))
            }
        }
        guard fragments.count == MarkupTemplates.shapes.count else { return nil }
        return MarkupTemplates(fragments: fragments, fingerprint: hasher.finalize())
    }

    /// Where a compile problem is best shown: the first `content` tag when content is the problem.
    private func location(of problem: MarkupFragment.CompileProblem, in text: String, path: String) -> SourceLocation {
        let tag: String? = switch problem {
        case .escapedContent: "{{content}}"
        case .content(let count) where count > 0: "{{{content}}}"
        default: nil
        }
        // `{{content}}` is looked for where it is not the inside of `{{{content}}}`.
        let range = tag.flatMap { tag in
            text.ranges(of: tag).first { tag.hasPrefix("{{{") || $0.lowerBound == text.startIndex
                || text[text.index(before: $0.lowerBound)] != "{" }
        }
        guard let range else { return SourceLocation(path: path) }
        let before = text[..<range.lowerBound]
        let line = before.count { $0 == "\n" } + 1
        let column = before.distance(from: before.lastIndex(of: "\n").map(before.index(after:)) ?? before.startIndex,
                                     to: before.endIndex) + 1
        return SourceLocation(path: path, line: line, column: column)
    }
}

extension MarkupTemplates {
    /// The markup partials of theme `theme` of the project at `root` (inheriting the default theme's), for
    /// rendering outside a build (`folio render`). Nil, with the reasons, when one is missing or does not compile.
    public static func load(root: String, theme: String = "default") -> (MarkupTemplates?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (path: String, text: String)] = [:]
        var library: [String: Template] = [:]
        let markup = ThemeLoader(files: ProjectFiles(root: root)).loadMarkup(
            templateFolder: "Themes/\(theme)/templates", sources: &sources, library: &library, into: &diagnostics)
        return (markup, diagnostics)
    }
}
