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

    /// Minutes at 230 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 229) / 230) }
    public var tocHTML: String { TableOfContents.html(toc) }
}

struct MarkdownRenderer {
    /// Path shown in diagnostics.
    var displayPath: String
    /// Lines before the body in the file (the front matter), added to every reported line.
    var lineOffset: Int = 0
    var links: LinkContext

    func render(_ body: String) -> RenderedMarkdown {
        let tree = MarkdownTree(parsing: body)
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
        let diagnostics = linkResult.problems.map { Diagnostic.error($0.message, at: location(line: $0.line, column: $0.column)) }
        return RenderedMarkdown(
            html: html, toc: headings.toc, headingIDs: headings.ids, firstParagraph: firstParagraph,
            wordCount: words, links: references, diagnostics: diagnostics)
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
