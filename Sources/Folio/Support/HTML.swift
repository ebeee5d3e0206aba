// Escaping for HTML text and attribute values, in one place.

enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        // Runs between entities are copied as bytes: appending scalar by scalar was most of a feed's cost.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        HTMLBytes.appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes tags and decodes the few entities cmark emits, for plain-text summaries and titles.
    static func plainText(fromFragment html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        return decodeBasicEntities(out)
    }

    /// The entities cmark and `escape` write, each with its character; `&amp;` last, so decoding in this order
    /// never decodes twice.
    static let basicEntities: [(entity: String, character: String)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ]

    static func decodeBasicEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return basicEntities.reduce(text) { $0.replacingOccurrences(of: $1.entity, with: $1.character) }
    }
}
