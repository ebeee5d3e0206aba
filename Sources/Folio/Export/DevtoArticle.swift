// One post as dev.to wants it: the fields of its front matter (which are also the Forem API's article fields)
// and a body in plain CommonMark that dev.to renders as the site does.
import Foundation

public struct DevtoArticle: Sendable, Hashable {
    /// Path under Content/ of the post it was made from.
    public var contentPath: String
    public var slug: String
    public var title: String
    /// The post's summary.
    public var description: String
    /// At most four, lowercase letters and digits only.
    public var tags: [String]
    /// The post's URL on the site: dev.to shows it as the original, and publish matches articles by it.
    public var canonicalURL: String
    public var series: String?
    /// The social card (or front matter `image:`), absolute.
    public var coverImage: String?
    /// The Markdown body, without front matter.
    public var body: String

    /// File name in the export folder.
    public var fileName: String { "\(slug).md" }

    /// The file `folio export devto` writes: front matter dev.to reads, then the body. Always a draft.
    public var markdown: String {
        var lines = ["---", "title: \(Self.quoted(title))", "published: false",
                     "description: \(Self.quoted(description))"]
        if !tags.isEmpty { lines.append("tags: \(tags.joined(separator: ", "))") }
        lines.append("canonical_url: \(canonicalURL)")
        if let series { lines.append("series: \(Self.quoted(series))") }
        if let coverImage { lines.append("cover_image: \(coverImage)") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    /// A YAML double-quoted scalar (the JSON escapes are valid YAML).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// dev.to's rule for tags: lowercase letters and digits. Returns the tag as dev.to will take it, or nil
    /// when nothing of it is left.
    static func devtoTag(_ tag: String) -> String? {
        let kept = String(tag.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        return kept.isEmpty ? nil : kept
    }
}
