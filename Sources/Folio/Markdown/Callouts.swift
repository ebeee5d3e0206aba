// GitHub alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
// `[!CAUTION]` becomes a callout box (the theme's `callout` partial). Like GitHub, the marker must stand alone on
// the first line.

struct Callouts {
    var markup: MarkupTemplates

    static let kinds: [String: String] = [
        "NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution",
    ]

    /// Returns each callout's title, a word the reader sees that the partial, not the tree, holds (plain text).
    func apply(to tree: MarkdownTree) -> [MarkdownNode: String] {
        var titles: [MarkdownNode: String] = [:]
        for quote in tree.root.blocks(ofKind: .blockQuote) {
            guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
                  let (kind, markerNodes) = marker(in: paragraph),
                  let title = Self.kinds[kind]
            else { continue }
            for node in markerNodes { node.remove() }
            if let first = paragraph.firstChild, first.kind == .softBreak || first.kind == .lineBreak {
                first.remove()
            }
            if paragraph.firstChild == nil { paragraph.remove() }
            let (enter, exit) = markup.wrap(CalloutMarkup(kind: kind.lowercased(), title: title))
            let callout = MarkdownNode.customBlock(enter: enter, exit: exit)
            callout.adoptChildren(of: quote)
            quote.replace(with: callout)
            titles[callout] = title
        }
        return titles
    }

    /// cmark splits `[!NOTE]` into several text nodes (brackets are link openers); join the text up to the
    /// first line break and see whether it is exactly a marker.
    private func marker(in paragraph: MarkdownNode) -> (String, [MarkdownNode])? {
        var text = ""
        var nodes: [MarkdownNode] = []
        var child = paragraph.firstChild
        while let node = child, node.kind == .text {
            text += node.literal
            nodes.append(node)
            child = node.next
        }
        if let next = child, next.kind != .softBreak && next.kind != .lineBreak { return nil }
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]") else { return nil }
        let kind = trimmed.dropFirst(2).dropLast().uppercased()
        return (kind, nodes)
    }
}
