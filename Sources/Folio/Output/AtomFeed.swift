// `/feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest posts with their full content.
import Foundation

struct AtomFeed {
    var site: Site
    var rendered: [RenderedMarkdown]

    func xml() -> String {
        let config = site.config
        let entries = site.postIndices.prefix(config.feedLimit ?? 20)
        let newest = entries.compactMap { index -> Date? in
            let front = site.documents[index].frontMatter
            return (front.updated ?? front.date)?.date
        }.max() ?? Date(timeIntervalSince1970: 0)
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(config.language ?? "en"))">
          <title>\(escape(config.title))</title>

        """
        if let subtitle = config.tagline { out += "  <subtitle>\(escape(subtitle))</subtitle>\n" }
        out += """
          <id>\(escape(config.normalizedBaseURL))</id>
          <link rel="self" type="application/atom+xml" href="\(escape(config.absoluteURL("/feed.xml")))"/>
          <link rel="alternate" type="text/html" href="\(escape(config.normalizedBaseURL))"/>
          <updated>\(DateText.rfc3339(newest))</updated>
          <author><name>\(escape(config.author.name))</name></author>
          <generator>Folio</generator>

        """
        for index in entries {
            let document = site.documents[index]
            let front = document.frontMatter
            let url = config.absoluteURL(site.urls[document.contentPath] ?? "/")
            let published = front.date?.date ?? newest
            let updated = front.updated?.date ?? published
            out += """
              <entry>
                <title>\(escape(document.title))</title>
                <id>\(escape(url))</id>
                <link rel="alternate" type="text/html" href="\(escape(url))"/>
                <published>\(DateText.rfc3339(published))</published>
                <updated>\(DateText.rfc3339(updated))</updated>

            """
            for tag in front.tags ?? [] { out += "    <category term=\"\(escape(tag))\"/>\n" }
            let summary = document.summary(fallback: rendered[index])
            if !summary.isEmpty { out += "    <summary>\(escape(summary))</summary>\n" }
            // Relative links in the content resolve against the post's URL (xml:base, RFC 4287 section 2).
            out += "    <content type=\"html\" xml:base=\"\(escape(url))\">\(escape(content(of: index)))</content>\n"
            out += "  </entry>\n"
        }
        // Characters XML forbids were reported where they appear (load); here they are only left out.
        return XMLCharacters.removingForbidden(out + "</feed>\n")
    }

    /// A post's HTML. A reader shows many entries on one page, so footnote ids (the same `fn:1` in every post)
    /// get the post's slug in front.
    private func content(of index: Int) -> String {
        let markdown = rendered[index]
        guard !markdown.footnoteIDs.isEmpty else { return markdown.html }
        let slug = site.urls[site.documents[index].contentPath]?.split(separator: "/").last.map(String.init)
        return FootnoteIDs.prefixing(in: markdown.html, with: slug ?? "post-\(index)")
    }

    /// XML text and attribute escaping.
    private func escape(_ text: String) -> String { HTML.escape(text) }
}
