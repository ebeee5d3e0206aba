// Markdown text in, an HTML fragment and what templates need about it out: every transform, in order.

public struct RenderedMarkdown: Sendable {
    /// The HTML fragment as libcmark wrote it (UTF-8): a post's page copies these bytes as they are, and only
    /// the few documents a feed or the home page shows are ever made into a String (`html`).
    public var htmlBytes: [UInt8]
    public var html: String {
        get { String(decoding: htmlBytes, as: UTF8.self) }
        set { htmlBytes = Array(newValue.utf8) }
    }
    public var toc: [TOCEntry]
    public var headingIDs: Set<String>
    /// Plain text of the first paragraph, for summaries.
    public var firstParagraph: String
    /// Every word a reader sees, without diagrams, code blocks, heading anchors and footnote numbers and back
    /// links: what the search index holds.
    public var plainText: String
    public var wordCount: Int
    public var links: [LinkReference]
    public var diagnostics: [Diagnostic]
    /// Companion regions this document includes.
    public var snippetUses: [SnippetUse] = []
    /// Demos whose captured output this document shows.
    public var demos: [DemoUse] = []
    /// Every diagram drawn, as downloadable files (`/diagrams/<digest>.svg` and `.png`).
    public var diagramFiles: [DiagramFile] = []
    /// Ids of footnotes and their references (`fn:1`, `fnref:1`); never equal to a heading id.
    public var footnoteIDs: Set<String> = []

    /// Every id a link's `#anchor` may name on this page.
    public var anchorIDs: Set<String> { footnoteIDs.isEmpty ? headingIDs : headingIDs.union(footnoteIDs) }

    /// Whether `anchor` is one of `anchorIDs`, asked of both sets without making their union (the link checker
    /// asks it of every link with a `#`).
    public func hasAnchor(_ anchor: String) -> Bool { headingIDs.contains(anchor) || footnoteIDs.contains(anchor) }

    /// Minutes at 230 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 229) / 230) }
    /// `toc` as the nested list templates show, made once.
    public var tocHTML = ""
    /// Which rendering this is, unique in the process: set by the dev server's cache (`RenderCache`), so a page
    /// digest can name the rendering instead of reading all its HTML. Nil outside the cache.
    public var stamp: Int?
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
    /// The theme's HTML for callouts, headings, code figures, footnotes...
    var markup: MarkupTemplates
    /// Whether `plainText` is collected (for `search.json`): a site without search does not hold a second copy
    /// of every document's words.
    var keepsPlainText = true

    /// Deeper nesting than this (lists in lists, quotes in quotes) is an error: no reader needs it, and it is
    /// how a few bytes of input used to overflow the stack. Every walk is iterative, so this is a courtesy, not
    /// the defence.
    static let nestingLimit = 256

    func render(_ body: String) -> RenderedMarkdown { render(bytes: Array(body.utf8)) }

    /// The body as UTF-8 bytes, as `folio build` reads it from the file: no String is made of the whole text.
    func render(bytes body: [UInt8]) -> RenderedMarkdown {
        let footnoteSource = FootnoteSource(body)
        let tree = MarkdownTree(parsing: footnoteSource.text)
        var problems: [DocumentProblem] = []
        if let node = tree.nesting(limit: Self.nestingLimit).firstTooDeep {
            problems.append(.error(
                "Markdown nested more than \(Self.nestingLimit) levels deep (lists, block quotes or emphasis "
                    + "inside each other); Folio accepts at most \(Self.nestingLimit)",
                line: node.startLine, column: node.startColumn))
        }
        // Fences first, while they are still code blocks: a table cell or a callout never holds one, and
        // footnotes must not read `[^1]` inside code.
        let fences = FenceDispatcher(documentKey: displayPath, snippets: snippets, markup: markup).apply(to: tree)
        // Tables next: their cells are parsed into inlines here, and everything below reads inlines.
        GFMTables().apply(to: tree)
        let calloutTitles = Callouts(markup: markup).apply(to: tree)
        tree.consolidateTextNodes()
        // Footnotes before the other inline transforms: cmark-gfm reads `[^1]` while parsing inlines, so it wins
        // over an autolink around it (`www.a.com/[^1]`), and a definition (a list item until this runs) must not
        // become a task item. The section it appends is transformed with the rest below.
        let footnotes = Footnotes(source: footnoteSource, lineOffset: lineOffset, markup: markup).apply(to: tree)
        let triggers = InlineExtensionTriggers(body)
        // One walk for both, of the blocks on lines with a trigger: strikethrough hands on the text nodes as it
        // leaves them.
        var texts = tree.textNodes(onLines: triggers.inlineLines)
        if triggers.tilde { texts = Strikethrough().apply(to: texts) }
        // After strikethrough, which only moves text nodes, so `~~www.a.com~~` links inside the `<del>`.
        if triggers.autolink { ExtendedAutolinks().apply(to: texts) }
        if triggers.taskMarker { TaskListItems(markup: markup).apply(to: tree) }
        // After the inline transforms, which find text by the source lines of top-level blocks: a heading made a
        // custom block has no lines, and would be walked in every document.
        let headings = HeadingAnchors(markup: markup).apply(to: tree)
        // Last: the autolinks above are link nodes and get the rel and policy of every external link.
        let linkResult = Links(context: links).apply(to: tree)
        // Read from the finished tree, where images are gone (their alt text is no word of the page).
        let text = DocumentText(tree.root, references: footnotes.references, extraWords: calloutTitles,
                                collectsText: keepsPlainText)
        let html = tree.renderHTMLBytes()

        func location(line: Int, column: Int) -> SourceLocation {
            self.location(line: line, column: column, shifts: footnoteSource.columnShifts)
        }
        let references = linkResult.references.map { reference in
            var reference = reference
            reference.location = location(line: reference.location.line, column: reference.location.column)
            return reference
        }
        // The one place a transform's problem becomes a diagnostic: in the file, past the front matter.
        problems += linkResult.problems.filter { $0.severity == .error }
            + linkResult.problems.filter { $0.severity != .error }
            + fences.includes.problems + footnotes.problems + fences.problems
        let diagnostics = problems.map {
            Diagnostic($0.severity, $0.message, at: location(line: $0.line, column: $0.column))
        }
        let demos = fences.includes.demos.map {
            DemoUse(name: $0.name, companion: $0.companion, stored: $0.stored,
                    location: location(line: $0.line, column: $0.column), isChart: $0.chart)
        }
        return RenderedMarkdown(
            htmlBytes: html, toc: headings.toc, headingIDs: headings.ids, firstParagraph: text.firstParagraph,
            plainText: text.plainText, wordCount: text.wordCount, links: references, diagnostics: diagnostics,
            snippetUses: fences.includes.uses, demos: demos, diagramFiles: fences.diagramFiles,
            footnoteIDs: footnotes.ids, tocHTML: TableOfContents.html(headings.toc))
    }

    /// `shifts`: columns to add on the first lines of footnote definitions, which were parsed with a shorter
    /// prefix than the file has (`FootnoteSource`).
    private func location(line: Int, column: Int, shifts: [Int: Int]) -> SourceLocation {
        let shift = column > FootnoteSource.markerWidth ? shifts[line] ?? 0 : 0
        return SourceLocation(path: displayPath, line: line + lineOffset, column: column + shift)
    }
}
