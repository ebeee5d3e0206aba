// `/sitemap.xml` (sitemaps.org protocol 0.9) and `/robots.txt` pointing at it.
import Foundation

struct Sitemap {
    var rendered: RenderedSite
    private var site: Site { rendered.site }

    /// Every page route, in the table's order; documents with their date or update, the home page and the
    /// archive with the newest post's date.
    func xml() -> String {
        var entries: [(url: String, lastmod: Date?)] = []
        for route in rendered.routes.all where route.kind.isInSitemap {
            switch route.kind {
            case .home, .archive: entries.append((route.path, newestDate))
            case .post, .page:
                let front = route.index.map { site.documents[$0].frontMatter }
                entries.append((route.path, (front?.updated ?? front?.date)?.date))
            default: entries.append((route.path, nil))
            }
        }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for entry in entries {
            out += "  <url><loc>\(HTML.escape(site.config.absoluteURL(entry.url)))</loc>"
            if let lastmod = entry.lastmod { out += "<lastmod>\(DateText.iso(lastmod))</lastmod>" }
            out += "</url>\n"
        }
        return XMLCharacters.removingForbidden(out + "</urlset>\n")
    }

    private var newestDate: Date? {
        site.postIndices.first.flatMap { site.documents[$0].frontMatter.date?.date }
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.config.absoluteURL("/sitemap.xml"))\n"
    }
}
