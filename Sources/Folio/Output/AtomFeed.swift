// `/feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest posts with their full content.
import Foundation

struct AtomFeed {
    var rendered: RenderedSite
    /// Entries an earlier build wrote, by `FeedEntries.digest(of:newest:in:kind:)`: the dev server's, so an edit
    /// escapes again only the post it changed.
    var earlierEntries: FeedFragments = [:]

    func xml() -> String { document().xml }

    /// The feed, and its entries by digest for the next build (those whose digest is known).
    func document() -> (xml: String, entries: FeedFragments) {
        let config = rendered.site.config
        let entries = FeedEntries(rendered)
        let newest = entries.newest
        var made: FeedFragments = [:]
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
        for entry in entries.posts {
            let key = entries.digest(of: entry, newest: newest, in: rendered.site, kind: "atom")
            if let key, let known = earlierEntries[key] {
                out += known
                made[key] = known
                continue
            }
            let text = self.entry(entry, newest: newest, entries: entries)
            if let key { made[key] = text }
            out += text
        }
        // Characters XML forbids were reported where they appear (load); here they are only left out.
        return (XMLCharacters.removingForbidden(out + "</feed>\n"), made)
    }

    private func entry(_ entry: RenderedDocument, newest: Date, entries: FeedEntries) -> String {
        let config = rendered.site.config
        let document = entry.document
        let front = document.frontMatter
        let url = config.absoluteURL(entry.url)
        let published = front.date?.date ?? newest
        let updated = front.updated?.date ?? published
        var out = """
          <entry>
            <title>\(escape(document.title))</title>
            <id>\(escape(url))</id>
            <link rel="alternate" type="text/html" href="\(escape(url))"/>
            <published>\(DateText.rfc3339(published))</published>
            <updated>\(DateText.rfc3339(updated))</updated>

        """
        for tag in front.tags ?? [] { out += "    <category term=\"\(escape(tag))\"/>\n" }
        let summary = entry.summary
        if !summary.isEmpty { out += "    <summary>\(escape(summary))</summary>\n" }
        // Relative links in the content resolve against the post's URL (xml:base, RFC 4287 section 2).
        out += "    <content type=\"html\" xml:base=\"\(escape(url))\">\(escape(entries.html(of: entry)))</content>\n"
        out += "  </entry>\n"
        return out
    }

    /// XML text and attribute escaping.
    private func escape(_ text: String) -> String { HTML.escape(text) }
}

/// Pieces of a feed (an Atom entry, a JSON Feed item) by the digest of what they were made of.
typealias FeedFragments = [Int: String]

/// The posts a feed carries (the newest `feed_limit`, 20 by default), shared by the Atom feed and the JSON Feed.
struct FeedEntries {
    var posts: [RenderedDocument]
    /// The site's social cards by page URL (`Site.cardPaths` makes the table each time it is asked).
    var cards: [String: String]

    init(_ rendered: RenderedSite) {
        posts = rendered.site.feedPostIndices.map { rendered[$0] }
        cards = rendered.site.cardPaths
    }

    /// A digest of everything both feeds are made of: site.yml, and each post's front matter, URL, summary, card
    /// and rendering. Nil when a rendering has no stamp (outside the dev server's cache).
    func digest(of site: Site) -> Int? {
        var digest = ContextDigest()
        digest.combine(value: site.config)
        for entry in posts where !combine(entry, into: &digest) { return nil }
        return digest.value
    }

    /// A digest of what one post's entry in a feed of `kind` is made of; nil when its rendering has no stamp.
    func digest(of entry: RenderedDocument, newest: Date, in site: Site, kind: String) -> Int? {
        var digest = ContextDigest()
        digest.combine(kind)
        digest.combine(value: site.config)
        digest.combine(value: newest)
        return combine(entry, into: &digest) ? digest.value : nil
    }

    /// What a post gives its feed entry: its rendering (by stamp), front matter, URL, summary and card. False
    /// when the rendering has no stamp.
    private func combine(_ entry: RenderedDocument, into digest: inout ContextDigest) -> Bool {
        guard let stamp = entry.markdown.stamp else { return false }
        digest.combine(stamp)
        digest.combine(entry.document.contentPath)
        digest.combine(entry.document.title)
        digest.combine(value: entry.document.frontMatter)
        digest.combine(entry.url)
        digest.combine(entry.summary)
        digest.combine(cards[entry.url] ?? "")
        return true
    }

    /// The feed's last change: the newest date or update among its posts.
    var newest: Date {
        posts.compactMap { entry -> Date? in
            let front = entry.document.frontMatter
            return (front.updated ?? front.date)?.date
        }.max() ?? Date(timeIntervalSince1970: 0)
    }

    /// A post's HTML. A reader shows many entries on one page, so footnote ids (the same `fn:1` in every post)
    /// get the post's slug in front.
    func html(of entry: RenderedDocument) -> String {
        guard !entry.markdown.footnoteIDs.isEmpty else { return entry.markdown.html }
        let slug = entry.url.split(separator: "/").last.map(String.init) ?? entry.document.slug
        return FootnoteIDs.prefixing(in: entry.markdown.html, with: slug)
    }
}
