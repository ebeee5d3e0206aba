// The `render` step's value: every document with its URL and its rendering together, so no later step lines up
// two arrays by index.

public struct RenderedDocument: Sendable {
    public var document: Document
    /// The page's URL path (`/posts/a/`).
    public var url: String
    public var markdown: RenderedMarkdown

    /// Front matter `summary:`, or the first paragraph.
    public var summary: String { document.summary(fallback: markdown) }
}

struct RenderedSite: Sendable {
    var site: Site
    /// In the order of `site.documents`: `documents[i].document` is `site.documents[i]`, so the site's indices
    /// (posts, series parts, tags) name rendered documents too.
    private(set) var documents: [RenderedDocument]
    /// The site's routes and the diagram files drawn while rendering.
    private(set) var routes: Routes

    init(site: Site, markdown: [RenderedMarkdown], into diagnostics: inout [Diagnostic]) {
        precondition(markdown.count == site.documents.count, "one rendering per document")
        self.site = site
        documents = zip(site.documents.indices, markdown).map { index, markdown in
            RenderedDocument(document: site.documents[index], url: site.url(of: index), markdown: markdown)
        }
        routes = site.routes.addingDiagramFiles(markdown.flatMap(\.diagramFiles), into: &diagnostics)
    }

    subscript(index: Int) -> RenderedDocument { documents[index] }

    /// Posts, newest first.
    var posts: [RenderedDocument] { site.postIndices.map { documents[$0] } }
}

extension Site {
    /// The page URL of the document at `index` (`/` for one without a page).
    func url(of index: Int) -> String { urls[documents[index].contentPath] ?? "/" }

    /// The posts both feeds carry, newest first.
    var feedPostIndices: ArraySlice<Int> { postIndices.prefix(config.feedLimit ?? 20) }

    /// The page shown on the home page (`Content/pages/index.md`), if there is one.
    var homeContentIndex: Int? { routes.route(at: "/")?.index }

    /// Documents whose HTML a page other than their own shows: the feeds' posts and the home page's content.
    /// Every other document's HTML is needed only by its own page (`EarlyPages`).
    var documentsShownElsewhere: Set<Int> {
        var shown = Set(feedPostIndices)
        if let home = homeContentIndex { shown.insert(home) }
        return shown
    }
}
