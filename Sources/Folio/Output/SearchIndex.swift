// `search.json`: what a theme's search page looks through. One entry per post (newest first) and per page,
// with the plain words of its rendering (taken from the Markdown tree: no diagrams, no code blocks).
import Foundation

struct SearchIndex {
    var rendered: RenderedSite

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
        let site = rendered.site
        let pages = site.pageIndices.filter { rendered[$0].url != "/" }
        return (site.postIndices + pages).map { index in
            let document = rendered[index].document
            return Entry(
                title: document.title, url: rendered[index].url,
                date: document.kind == .post ? document.frontMatter.date.map { DateText.readable($0.date) } : nil,
                series: site.seriesMembership(of: index)?.series.config.title,
                tags: document.frontMatter.tags ?? [], summary: rendered[index].summary,
                text: rendered[index].markdown.plainText)
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries())) ?? Data("[]".utf8)
    }
}
