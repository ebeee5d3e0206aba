// JSON-LD for search engines and link previews: a `Person` on the home page, a `BlogPosting` on each post.
// Built as JSON in Swift (never by a template), with `<` escaped so nothing in it can close the <script>.
// Written directly, keys in sorted order, as JSONEncoder with `.sortedKeys` wrote it: encoding through
// JSONEncoder was a seventh of composing 10,000 posts.

enum StructuredData {
    static func person(_ config: SiteConfig) -> String {
        author(config, context: true)
    }

    /// `author`: `author(config)`, made once per site by the caller.
    static func blogPosting(_ config: SiteConfig, author: String, headline: String, description: String, url: String,
                            published: String?, modified: String?, tags: [String], wordCount: Int,
                            series: (name: String, url: String)?) -> String
    {
        var object = JSONObject()
        object.field("@context", "https://schema.org")
        object.field("@type", "BlogPosting")
        object.field("author", json: author)
        object.field("dateModified", modified ?? published)
        object.field("datePublished", published)
        object.field("description", description.isEmpty ? nil : description)
        object.field("headline", headline)
        object.field("isPartOf", json: series.map { series in
            var part = JSONObject()
            part.field("@type", "CreativeWorkSeries")
            part.field("name", series.name)
            part.field("url", config.absoluteURL(series.url))
            return part.closed()
        })
        object.field("keywords", tags.isEmpty ? nil : tags.joined(separator: ", "))
        object.field("url", config.absoluteURL(url))
        object.field("wordCount", json: String(wordCount))
        return object.closed()
    }

    /// The author as a `BlogPosting` names it.
    static func author(_ config: SiteConfig) -> String { author(config, context: false) }

    private static func author(_ config: SiteConfig, context: Bool) -> String {
        let profiles = (config.author.links ?? []).map(\.url).filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
        var object = JSONObject()
        object.field("@context", context ? "https://schema.org" : nil)
        object.field("@type", "Person")
        object.field("description", context ? config.author.bio : nil)
        object.field("jobTitle", config.author.role)
        object.field("name", config.author.name)
        if !profiles.isEmpty {
            var list = "["
            for (index, profile) in profiles.enumerated() {
                if index > 0 { list += "," }
                appendString(profile, to: &list)
            }
            object.field("sameAs", json: list + "]")
        }
        object.field("url", config.normalizedBaseURL)
        return object.closed()
    }

    /// A JSON string as JSONEncoder writes one (`/` unescaped), with `<` as `\u003c`: inside <script>,
    /// `</script>` or `<!--` in a title would end or confuse the element, and it is the same character to a
    /// JSON reader.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        var run = text.utf8.startIndex
        let utf8 = text.utf8
        var index = run
        while index < utf8.endIndex {
            let byte = utf8[index]
            let escape: String? = switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "<"): "\\u003c"
            case 0x08: "\\b"
            case 0x09: "\\t"
            case 0x0A: "\\n"
            case 0x0C: "\\f"
            case 0x0D: "\\r"
            case 0x00..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: nil
            }
            if let escape {
                json += text[run..<index]
                json += escape
                run = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        json += text[run...]
        json += "\""
    }

    /// Writes `{"key":value,...}` with the keys in the order given; absent values leave their key out, as
    /// JSONEncoder does for nil.
    private struct JSONObject {
        private var json = "{"

        mutating func field(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            StructuredData.appendString(value, to: &json)
        }

        /// A value that is JSON already.
        mutating func field(_ name: String, json value: String?) {
            guard let value else { return }
            key(name)
            json += value
        }

        func closed() -> String { json + "}" }

        private mutating func key(_ key: String) {
            if json.utf8.count > 1 { json += "," }
            StructuredData.appendString(key, to: &json)
            json += ":"
        }
    }
}
