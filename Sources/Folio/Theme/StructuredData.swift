// JSON-LD for search engines and link previews: a `Person` on the home page, a `BlogPosting` on each post.
// Built as JSON in Swift (never by a template), with `<` escaped so nothing in it can close the <script>.

import Foundation

enum StructuredData {
    private struct Person: Encodable {
        var context: String? = "https://schema.org"
        var type = "Person"
        var name: String
        var jobTitle: String?
        var description: String?
        var url: String?
        var sameAs: [String]?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, jobTitle, description, url, sameAs
        }
    }

    private struct BlogPosting: Encodable {
        var context = "https://schema.org"
        var type = "BlogPosting"
        var headline: String
        var description: String?
        var url: String
        var datePublished: String?
        var dateModified: String?
        var keywords: String?
        var wordCount: Int
        var author: Person
        var isPartOf: Series?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", headline, description, url, datePublished, dateModified
            case keywords, wordCount, author, isPartOf
        }
    }

    private struct Series: Encodable {
        var type = "CreativeWorkSeries"
        var name: String
        var url: String
        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }

    static func person(_ config: SiteConfig) -> String {
        encode(author(config, context: true))
    }

    static func blogPosting(_ config: SiteConfig, headline: String, description: String, url: String,
                            published: String?, modified: String?, tags: [String], wordCount: Int,
                            series: (name: String, url: String)?) -> String
    {
        encode(BlogPosting(
            headline: headline, description: description.isEmpty ? nil : description, url: config.absoluteURL(url),
            datePublished: published, dateModified: modified ?? published,
            keywords: tags.isEmpty ? nil : tags.joined(separator: ", "), wordCount: wordCount,
            author: author(config, context: false),
            isPartOf: series.map { Series(name: $0.name, url: config.absoluteURL($0.url)) }))
    }

    private static func author(_ config: SiteConfig, context: Bool) -> Person {
        let profiles = (config.author.links ?? []).map(\.url).filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
        return Person(context: context ? "https://schema.org" : nil, name: config.author.name,
                      jobTitle: config.author.role, description: context ? config.author.bio : nil,
                      url: config.normalizedBaseURL, sameAs: profiles.isEmpty ? nil : profiles)
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        // Inside <script>, `</script>` or `<!--` in a title would end or confuse the element: \u003c is the same
        // character to a JSON reader.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
