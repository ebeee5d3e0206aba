// `search.json`: what a theme's search page looks through. One entry per post (newest first) and per page,
// with the rendered text stripped to plain words; diagrams and code blocks are left out.
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
                text: Self.plainText(rendered[index].markdown.html))
        }
    }

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries())) ?? Data("[]".utf8)
    }

    /// The words of an HTML fragment: diagrams, code blocks and heading anchors dropped (`isLeftOut`), tags
    /// removed, the entities cmark writes decoded, whitespace collapsed. One pass over the bytes: the index is built on every build.
    static func plainText(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var pendingSpace = false
        var i = 0
        func append(_ byte: UInt8) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                let name = tagName(bytes, from: i + 1)
                var close = i
                while close < bytes.count && bytes[close] != UInt8(ascii: ">") { close += 1 }
                if isLeftOut(name, tag: bytes[i..<close]) {
                    i = end(of: name, in: bytes, from: i)
                    // A footnote number sits against its word (`claim<sup>1</sup>,`): no space for it.
                    if name != "sup" { pendingSpace = true }
                    continue
                }
                if blockEnds.contains(name) { pendingSpace = true }
                i = close + 1
            } else if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = true
                i += 1
            } else if byte == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: i) {
                append(decoded)
                i += length
            } else {
                append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Elements whose words are not the article's: diagrams, code blocks and their captions ("illustrative, not
    /// compiled", file paths), the `#` of heading anchors, and footnote numbers, arrows and their heading.
    private static func isLeftOut(_ name: String, tag: ArraySlice<UInt8>) -> Bool {
        switch name {
        case "svg", "pre": true
        case "figure": contains(tag, #"class="code"#) || contains(tag, #"class="diagram"#)
        case "div": contains(tag, #"class="code-output"#)
        case "a": contains(tag, #"class="heading-anchor"#) || contains(tag, #"class="footnote-backref"#)
        case "sup": contains(tag, #"class="footnote-ref"#)
        case "h2": contains(tag, #"class="footnotes-title"#)
        default: false
        }
    }

    private static func contains(_ tag: ArraySlice<UInt8>, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard tag.count >= needle.count else { return false }
        return (tag.startIndex...(tag.endIndex - needle.count)).contains { start in
            tag[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// Tags whose end separates words: `</p>` and friends, and `<br>`.
    private static let blockEnds: Set<String> = ["/p", "/li", "/td", "/th", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6",
                                                 "/figcaption", "/blockquote", "/dt", "/dd", "br"]

    /// The lowercased name after `<` (with a leading `/` for an end tag), up to a space, `>` or `/>`.
    private static func tagName(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        if end < bytes.count && bytes[end] == UInt8(ascii: "/") { end += 1 }
        while end < bytes.count, case let byte = bytes[end],
              (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) {
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }

    /// The index just past `</name>`, in any case (or the end of the bytes when it never closes).
    private static func end(of name: String, in bytes: [UInt8], from start: Int) -> Int {
        let closing = Array("</\(name)>".utf8)
        let lowercased = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        var i = start
        while i + closing.count <= bytes.count {
            if bytes[i] == UInt8(ascii: "<") && zip(bytes[i..<(i + closing.count)], closing).allSatisfy({ lowercased($0) == $1 }) {
                return i + closing.count
            }
            i += 1
        }
        return bytes.count
    }

    private static let entities = HTML.basicEntities.map { (name: Array($0.entity.utf8), byte: $0.character.utf8.first!) }

    private static func entity(_ bytes: [UInt8], at i: Int) -> (UInt8, Int)? {
        for (name, byte) in entities where i + name.count <= bytes.count
            && bytes[i..<(i + name.count)].elementsEqual(name) {
            return (byte, name.count)
        }
        return nil
    }
}
