// The table of contents of a page: its h2 and h3 headings, as data for templates and as a nested list.

public struct TOCEntry: Hashable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

enum TableOfContents {
    /// `<ol>` nested by level. A list only nests inside an item, one level at a time, so an h3 before any h2
    /// sits at the top level and an h4 right after an h2 sits one level down.
    static func html(_ entries: [TOCEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        let topLevel = entries.map(\.level).min() ?? 2
        var out = "<ol>"
        var depth = 0
        var openItem = false
        for entry in entries {
            var target = entry.level - topLevel
            if target > depth { target = openItem ? depth + 1 : depth }
            if target > depth {
                out += "<ol>"
                depth += 1
            } else {
                if openItem { out += "</li>" }
                while depth > target {
                    out += "</ol></li>"
                    depth -= 1
                }
            }
            out += "<li><a href=\"#\(HTML.escape(entry.id))\">\(HTML.escape(entry.title))</a>"
            openItem = true
        }
        out += "</li>"
        while depth > 0 {
            out += "</ol></li>"
            depth -= 1
        }
        return out + "</ol>"
    }
}
