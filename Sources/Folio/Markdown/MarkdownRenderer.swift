// Markdown text in, an HTML fragment and what templates need about it out: every transform, in order.

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var toc: [TOCEntry]
    public var headingIDs: Set<String>
    /// Plain text of the first paragraph, for summaries.
    public var firstParagraph: String
    public var wordCount: Int
    public var links: [LinkReference]
    public var diagnostics: [Diagnostic]
    /// Companion regions this document includes.
    public var snippetUses: [SnippetUse] = []
    /// Demos whose captured output this document shows.
    public var demos: [DemoUse] = []
    /// Every diagram drawn, as downloadable files (`/diagrams/<digest>.svg` and `.png`).
    public var diagramFiles: [DiagramFile] = []

    /// Minutes at 230 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 229) / 230) }
    public var tocHTML: String { TableOfContents.html(toc) }
}

/// A demo whose output a post shows: `folio check` runs it again.
public struct DemoUse: Sendable {
    public var name: String
    public var companion: String
    /// The output captured by `folio snippets sync`, as stored in the post.
    public var stored: String?
    public var location: SourceLocation
    /// A chart drawn from the demo's output: compared with what the demo prints even when it pins no output.
    public var isChart = false
}

struct MarkdownRenderer {
    /// Path shown in diagnostics.
    var displayPath: String
    /// Lines before the body in the file (the front matter), added to every reported line.
    var lineOffset: Int = 0
    var links: LinkContext
    var snippets: SnippetContext?

    /// Deeper nesting than this (lists in lists, quotes in quotes) is an error: no reader needs it, and it is
    /// how a few bytes of input used to overflow the stack. Every walk is iterative, so this is a courtesy, not
    /// the defence.
    static let nestingLimit = 256

    func render(_ body: String) -> RenderedMarkdown {
        let tree = MarkdownTree(parsing: body)
        var nestingProblems: [Diagnostic] = []
        let nesting = tree.root.nesting(limit: Self.nestingLimit)
        if let node = nesting.firstTooDeep {
            nestingProblems.append(.error(
                "Markdown nested more than \(Self.nestingLimit) levels deep (lists, block quotes or emphasis "
                    + "inside each other); Folio accepts at most \(Self.nestingLimit)",
                at: location(line: node.startLine, column: node.startColumn)))
        }
        let includes = snippets.map { SnippetIncludes(context: $0).apply(to: tree) }
        var diagramFiles: [DiagramFile] = []
        let diagramProblems = DiagramFences(documentKey: displayPath).apply(to: tree, files: &diagramFiles)
        let codeProblems = diagramProblems + CodeBlocks().apply(to: tree)
        GFMTables().apply(to: tree)
        Callouts().apply(to: tree)
        let headings = HeadingAnchors().apply(to: tree)
        let linkResult = Links(context: links).apply(to: tree)
        let (firstParagraph, words) = Self.summaryAndWordCount(of: tree.root)
        let html = tree.renderHTML()

        let references = linkResult.references.map { reference in
            var reference = reference
            reference.location = location(line: reference.location.line, column: reference.location.column)
            return reference
        }
        var diagnostics = nestingProblems + linkResult.problems.map {
            Diagnostic.error($0.message, at: location(line: $0.line, column: $0.column))
        }
        diagnostics += linkResult.warnings.map {
            Diagnostic.warning($0.message, at: location(line: $0.line, column: $0.column))
        }
        for problem in includes?.problems ?? [] {
            diagnostics.append(Diagnostic(problem.severity, problem.message,
                                          at: location(line: problem.line, column: problem.column)))
        }
        for problem in codeProblems {
            diagnostics.append(Diagnostic(problem.severity, problem.message,
                                          at: location(line: problem.line, column: problem.column)))
        }
        let demos = (includes?.demos ?? []).map {
            DemoUse(name: $0.name, companion: $0.companion, stored: $0.stored,
                    location: location(line: $0.line, column: $0.column), isChart: $0.chart)
        }
        return RenderedMarkdown(
            html: html, toc: headings.toc, headingIDs: headings.ids, firstParagraph: firstParagraph,
            wordCount: words, links: references, diagnostics: diagnostics, snippetUses: includes?.uses ?? [],
            demos: demos, diagramFiles: diagramFiles)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: displayPath, line: line + lineOffset, column: column)
    }

    /// One walk over the tree: the first top-level paragraph's text and the words of all prose and code.
    static func summaryAndWordCount(of root: MarkdownNode) -> (String, Int) {
        var words = 0
        for node in root.descendants {
            switch node.kind {
            case .text, .code, .codeBlock:
                words += node.literalWordCount
            default: break
            }
        }
        let first = root.children.first { $0.kind == .paragraph }?.plainText.trimmingWhitespace() ?? ""
        return (first, words)
    }
}
