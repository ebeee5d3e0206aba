// The engine's small public surface beyond `Pipeline.build`: one-off rendering and new posts.
import Foundation

public enum Folio {
    public static let version = "0.1.0"

    /// Renders bytes as `renderFragment(_:)` does, with a warning at the first byte that is not UTF-8 (it and
    /// the bytes like it are shown as U+FFFD).
    public static func renderFragment(bytes: Data, displayPath: String = "<stdin>", markup: MarkupTemplates)
        -> RenderedMarkdown
    {
        var rendered = renderFragment(String(decoding: bytes, as: UTF8.self), displayPath: displayPath, markup: markup)
        if let bad = UTF8Check.firstInvalidByte(in: bytes) {
            rendered.diagnostics.insert(.warning(
                "not valid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true)) here); such bytes are shown as �",
                at: SourceLocation(path: displayPath, line: bad.line, column: bad.column)), at: 0)
        }
        return rendered
    }

    /// Renders Markdown (no front matter expected, though it is skipped when present) to an HTML fragment with
    /// every transform applied, in the HTML of `markup` (`MarkupTemplates.load`). Links to other Markdown files
    /// cannot be resolved here and are left as written.
    public static func renderFragment(_ text: String, displayPath: String = "<stdin>", markup: MarkupTemplates)
        -> RenderedMarkdown
    {
        var body = text
        var offset = 0
        if case .success(let parts) = FrontMatterSplitter.split(text), parts.yaml != nil {
            body = parts.body
            offset = parts.bodyLineOffset
        }
        return MarkdownRenderer(displayPath: displayPath, lineOffset: offset,
                                links: LinkContext(contentPath: nil, pageURL: nil, urlsByContentPath: [:]),
                                markup: markup)
            .render(body)
    }
}

/// `folio new post`: a Markdown file with valid front matter in the right folder.
public struct NewPost {
    public var root: String
    public var title: String
    public var series: String?
    public var date: Date = Date()

    public init(root: String, title: String, series: String? = nil) {
        self.root = root
        self.title = title
        self.series = series
    }

    public enum Failure: Error, CustomStringConvertible {
        case emptyTitle
        case unknownSeries(String, suggestion: String?, known: [String])
        case exists(String)
        case slugTaken(String, by: String)

        public var description: String {
            switch self {
            case .emptyTitle: return "the title must contain a letter or a digit"
            case .unknownSeries(let name, let suggestion, let known):
                if let suggestion { return "unknown series '\(name)'; did you mean '\(suggestion)'?" }
                return "unknown series '\(name)' (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            case .exists(let path): return "\(path) already exists; Folio will not overwrite it"
            case .slugTaken(let slug, let path):
                return "\(path) already has the slug '\(slug)' (URL /posts/\(slug)/); choose another title"
            }
        }
    }

    /// Creates the file and returns its path relative to the root.
    public func create() throws -> String {
        let files = ProjectFiles(root: root)
        let slug = Slug.make(title)
        guard !slug.isEmpty else { throw Failure.emptyTitle }
        if let taken = existingPost(withSlug: slug, in: files) { throw Failure.slugTaken(slug, by: taken) }
        let path: String
        var partLine = ""
        if let series {
            let known = files.list("Content/series").filter { files.isDirectory("Content/series/\($0)") }
            guard known.contains(series) else {
                throw Failure.unknownSeries(series, suggestion: Suggestion.closest(to: series, among: known), known: known)
            }
            let numbers = files.list("Content/series/\(series)").compactMap { name -> Int? in
                guard name.hasSuffix(".md") else { return nil }
                return ContentLoader.splitNumberPrefix(String(name.dropLast(3))).0
            }
            let next = (numbers.max() ?? 0) + 1
            path = "Content/series/\(series)/\(String(format: "%02d", next))-\(slug).md"
            partLine = "part: \(next)\n"
        } else {
            path = "Content/posts/\(slug).md"
        }
        guard !files.exists(path) else { throw Failure.exists(path) }
        let escapedTitle = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let text = """
        ---
        title: "\(escapedTitle)"
        date: \(DateText.iso(date))
        summary: ""
        tags: []
        \(partLine)draft: true
        ---

        Write the first paragraph here: it becomes the summary when `summary` is empty.

        """
        try files.write(Data(text.utf8), to: path)
        return path
    }

    /// A post file whose name gives it `slug` (front matter `slug:` overrides are found by the build's check).
    private func existingPost(withSlug slug: String, in files: ProjectFiles) -> String? {
        var candidates = files.list("Content/posts").map { "Content/posts/\($0)" }
        for folder in files.list("Content/series") {
            candidates += files.list("Content/series/\(folder)").map { "Content/series/\(folder)/\($0)" }
        }
        return candidates.first { path in
            guard path.hasSuffix(".md") else { return false }
            let stem = String(path.split(separator: "/").last!.dropLast(3))
            return Slug.make(ContentLoader.splitNumberPrefix(stem).1) == slug
        }
    }
}
