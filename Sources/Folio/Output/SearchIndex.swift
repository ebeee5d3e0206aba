// `search.json`: what a theme's search page looks through. One entry per post (newest first) and per page,
// with the plain words of its rendering (taken from the Markdown tree: no diagrams, no code blocks).
import Foundation

struct SearchIndex {
    var site: Site
    var rendered: [RenderedMarkdown]

    static let path = "search.json"

    /// Whether the build publishes `/search/`: search is on and the theme has a template to render it with.
    /// (`/search.json` needs only the first.)
    static func publishesPage(_ config: SiteConfig?, theme: Theme?) -> Bool {
        config?.search == true && theme?.templates.contains("search") == true
    }

    struct Entry: Encodable, Equatable {
        var title: String
        var url: String
        /// `30 November 2026`, posts only.
        var date: String?
        var series: String?
        var tags: [String]
        var summary: String
        var text: String
    }

    func entries() -> [Entry] {
        let pages = site.documents.indices.filter {
            site.documents[$0].kind == .page && site.urls[site.documents[$0].contentPath] != "/"
        }
        return (site.postIndices + pages).map { index in
            let document = site.documents[index]
            return Entry(
                title: document.title, url: site.urls[document.contentPath] ?? "/",
                date: document.kind == .post ? document.frontMatter.date.map { DateText.readable($0.date) } : nil,
                series: site.seriesMembership(of: index)?.series.config.title,
                tags: document.frontMatter.tags ?? [], summary: document.summary(fallback: rendered[index]),
                text: rendered[index].plainText)
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries())) ?? Data("[]".utf8)
    }
}
