// A one-off build composes each post's and page's file as soon as that document is rendered, hands it to the sink,
// and lets go of the document's HTML, unless another page shows it (the feeds' posts, the home page's content).
// So the site's HTML is never all held at once: memory grows with the number of documents (titles, summaries,
// anchors), not with the size of what they render to. A document's page needs nothing rendered but its own
// document (`PageParts`); list pages, feeds and the rest are composed in `compose`, as before.
//
// Pages are made before `check` has run. That is safe because they go to the staging folder (or memory), which
// is put in place only when the whole build reported no error, and discarded otherwise.
import Foundation

/// `@unchecked Sendable`: `paths` and `problems` are read and written only while `lock` is held.
final class EarlyPages: @unchecked Sendable {
    let parts: PageParts
    let theme: Theme
    let sink: any SiteSink
    /// The file and kind of each post and page, by document index.
    private let routes: [Int: Route]
    private let shownElsewhere: Set<Int>
    private let lock = NSLock()
    /// Each made file's path, by document index.
    private var paths: [Int: String] = [:]
    private var problems: [Diagnostic] = []

    init(parts: PageParts, theme: Theme, sink: any SiteSink) {
        self.parts = parts
        self.theme = theme
        self.sink = sink
        var routes: [Int: Route] = [:]
        for route in parts.site.routes.all where route.kind == .post || route.kind == .page {
            if let index = route.index { routes[index] = route }
        }
        self.routes = routes
        shownElsewhere = parts.site.documentsShownElsewhere
    }

    /// Tells the sink every file this will make, before the first is made, in the documents' order (the marker
    /// is sorted when the site is finished; sorting 10,000 paths here would hold up render).
    func announce() throws {
        try sink.announce(routes.keys.sorted().compactMap { routes[$0]?.file })
    }

    /// Composes the page of the document at `index` and hands it to the sink. Returns the rendering to keep:
    /// without its HTML when no other page shows it.
    func compose(_ index: Int, _ markdown: RenderedMarkdown) -> RenderedMarkdown {
        guard let route = routes[index] else { return markdown }
        let outcome: Result<Void, Diagnostic>
        do {
            let context = parts.documentPage(index, markdown: markdown)
            let bytes = try PageComposer.page(context, kind: route.kind, theme: theme)
            try sink.add(OutputFile(path: route.file, contents: Data(bytes)))
            outcome = .success(())
        } catch {
            outcome = .failure(error as? Diagnostic ?? .error("\(error)", at: nil))
        }
        lock.withLock {
            switch outcome {
            case .success: paths[index] = route.file
            case .failure(let problem): problems.append(problem)
            }
        }
        guard !shownElsewhere.contains(index) else { return markdown }
        var kept = markdown
        kept.htmlBytes = []
        kept.tocHTML = ""
        return kept
    }

    /// What was made: the files' paths in the order of the site's documents (not the order the cores finished
    /// them in), the documents whose pages they are, and the pages that could not be made.
    var outcome: (paths: [String], composed: Set<Int>, problems: [Diagnostic]) {
        lock.withLock { (paths.sorted { $0.key < $1.key }.map(\.value), Set(paths.keys), problems) }
    }
}
