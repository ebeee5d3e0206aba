// `search.json`: what a theme's search page looks through. One entry per post (newest first) and per page,
// with the rendered text stripped to plain words; diagrams and code blocks are left out.
import Foundation

struct SearchIndex {
    var site: Site
    var rendered: [RenderedMarkdown]

    static let path = "search.json"

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
                text: Self.plainText(rendered[index].html))
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries())) ?? Data("[]".utf8)
    }

    /// The words of an HTML fragment: `<svg>` and `<pre>` elements dropped, tags removed, whitespace collapsed.
    static func plainText(_ html: String) -> String {
        var kept = html
        for element in ["svg", "pre"] {
            while let open = kept.range(of: "<\(element)"),
                  let close = kept.range(of: "</\(element)>", range: open.upperBound..<kept.endIndex) {
                kept.replaceSubrange(open.lowerBound..<close.upperBound, with: " ")
            }
        }
        // Block ends become spaces, so words of adjacent paragraphs or cells do not run together.
        for closer in ["</p>", "</li>", "</td>", "</th>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>",
                       "</figcaption>", "</blockquote>", "<br>", "<br />"] {
            kept = kept.replacingOccurrences(of: closer, with: " " + closer)
        }
        return HTML.plainText(fromFragment: kept)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .joined(separator: " ")
    }
}
