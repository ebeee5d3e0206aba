// `/sitemap.xml` (sitemaps.org protocol 0.9) and `/robots.txt` pointing at it.
import Foundation

struct Sitemap {
    var site: Site

    func xml() -> String {
        var entries: [(url: String, lastmod: Date?)] = [("/", newestDate)]
        for document in site.documents {
            guard let url = site.urls[document.contentPath], url != "/" else { continue }
            let front = document.frontMatter
            entries.append((url, (front.updated ?? front.date)?.date))
        }
        entries.append(("/series/", nil))
        entries += site.series.map { ($0.url, nil) }
        entries.append(("/tags/", nil))
        entries += site.tags.map { ($0.url, nil) }
        entries.append(("/archive/", newestDate))
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
