// The table of contents of a page: its h2 and h3 headings, as data for templates and as a nested list.

public struct TOCEntry: Hashable, Sendable {
    public var level: Int
    public var id: String
    public var title: String
}

enum TableOfContents {
    /// `<ol>` nested by level; an h3 before any h2 sits at the top level.
    static func html(_ entries: [TOCEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        let topLevel = entries.map(\.level).min() ?? 2
        var out = "<ol>"
        var depth = 0
        var openItem = false
        for entry in entries {
            let target = entry.level - topLevel
            if target > depth {
                while depth < target {
                    out += "<ol>"
                    depth += 1
                    openItem = false
                }
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
        if openItem { out += "</li>" }
        while depth > 0 {
            out += "</ol></li>"
            depth -= 1
        }
        return out + "</ol>"
    }
}
