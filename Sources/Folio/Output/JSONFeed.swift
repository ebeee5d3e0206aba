// `/feed.json`: a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the same posts as the Atom feed,
// with their full content.
import Foundation

struct JSONFeed {
    var rendered: RenderedSite

    static let version = "https://jsonfeed.org/version/1.1"

    struct Feed: Encodable {
        var version: String
        var title: String
        var homePageURL: String
        var feedURL: String
        var description: String?
        var language: String
        var authors: [Author]
        var items: [Item]

        enum CodingKeys: String, CodingKey {
            case version, title, description, language, authors, items
            case homePageURL = "home_page_url", feedURL = "feed_url"
        }
    }

    struct Author: Encodable {
        var name: String
        var url: String?
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var title: String
        var contentHTML: String
        var summary: String?
        var image: String?
        var datePublished: String?
        var dateModified: String?
        var tags: [String]?

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, image, tags
            case contentHTML = "content_html", datePublished = "date_published", dateModified = "date_modified"
        }
    }

    /// Items an earlier build wrote, by `FeedEntries.digest(of:newest:in:kind:)`: the dev server's, so an edit
    /// encodes again only the post it changed.
    var earlierItems: FeedFragments = [:]

    /// The feed without its items, which `document` splices in as encoded pieces.
    private func head() -> Feed {
        let config = rendered.site.config
        return Feed(
            version: Self.version, title: config.title, homePageURL: config.normalizedBaseURL,
            feedURL: config.absoluteURL("/feed.json"), description: config.description ?? config.tagline,
            language: config.language ?? "en", authors: [Author(name: config.author.name, url: nil)], items: [])
    }

    private func item(_ entry: RenderedDocument, entries: FeedEntries) -> Item {
        let config = rendered.site.config
        let front = entry.document.frontMatter
        let url = config.absoluteURL(entry.url)
        let published = front.date.map { DateText.rfc3339($0.date) }
        let image = front.image.map { $0.hasPrefix("/") ? config.absoluteURL($0) : $0 }
            ?? entries.cards[entry.url].map(config.absoluteURL)
        return Item(
            id: url, url: url, title: entry.document.title,
            contentHTML: Self.absoluteLinks(entries.html(of: entry), base: config),
            summary: entry.summary.isEmpty ? nil : entry.summary, image: image, datePublished: published,
            dateModified: front.updated.map { DateText.rfc3339($0.date) } ?? published,
            tags: (front.tags ?? []).isEmpty ? nil : front.tags)
    }

    /// JSON Feed has no `xml:base`: root-relative `href` and `src` values become absolute URLs on the site. Only
    /// attributes match: in text and code, cmark writes the quote as `&quot;`.
    static func absoluteLinks(_ html: String, base config: SiteConfig) -> String {
        let root = String(config.absoluteURL("/").dropLast())
        let attributes = [" href=\"/", " src=\"/"]
        // `//host/path` is protocol-relative, not a site path: it is matched first and kept as it is.
        return html.replacingEach(attributes.map { ($0 + "/", $0 + "/") }
                                      + attributes.map { ($0, $0.dropLast() + root + "/") })
    }

    func json() -> Data { document().json }

    /// The feed, and its items by digest for the next build (those whose digest is known). The encoder writes
    /// an array as its elements' own encodings between commas, so the feed is its head with the items spliced
    /// in where the head has `"items":[]` (a key: inside a string value every quote is escaped).
    func document() -> (json: Data, items: FeedFragments) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let entries = FeedEntries(rendered)
        let newest = entries.newest
        var made: FeedFragments = [:]
        var items: [String] = []
        for entry in entries.posts {
            let key = entries.digest(of: entry, newest: newest, in: rendered.site, kind: "json")
            if let key, let known = earlierItems[key] {
                items.append(known)
                made[key] = known
                continue
            }
            // Every field is a string or an array of strings: encoding cannot fail.
            let text = String(decoding: (try? encoder.encode(item(entry, entries: entries))) ?? Data(), as: UTF8.self)
            if let key { made[key] = text }
            items.append(text)
        }
        // Spliced as bytes, once: making the items one string and replacing the marker with it copied the whole
        // feed four times on every save in `folio serve`.
        let head = (try? encoder.encode(head())) ?? Data()
        guard let marker = head.range(of: Data("\"items\":[]".utf8)) else { return (head, made) }
        var feed = Data()
        feed.reserveCapacity(head.count + items.reduce(0) { $0 + $1.utf8.count + 1 })
        feed += head[..<marker.lowerBound]
        feed += "\"items\":[".utf8
        for (index, item) in items.enumerated() {
            if index > 0 { feed.append(UInt8(ascii: ",")) }
            feed += item.utf8
        }
        feed += "]".utf8
        feed += head[marker.upperBound...]
        return (feed, made)
    }
}
