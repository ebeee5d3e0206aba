// GFM task list items (spec 0.29-gfm, "Task list items (extension)"): a list item whose first paragraph starts
// with `[ ]`, `[x]` or `[X]` and a blank gets a disabled checkbox in place of the marker. Any other character
// between the brackets (`[@]`) leaves the item as it is. The first paragraph goes into a label with the checkbox
// (the theme's `task-item` partial), so a screen reader announces "checkbox, checked, <the item's text>".

struct TaskListItems {
    var markup: MarkupTemplates
    func apply(to tree: MarkdownTree) {
        for item in tree.root.descendants(ofKind: .item) {
            guard let paragraph = item.firstChild, paragraph.kind == .paragraph,
                  let text = paragraph.firstChild, text.kind == .text,
                  let checked = Self.marker(in: text)
            else { continue }
            let rest = String(text.literal.utf8.dropFirst(3))!
            if rest.isEmpty { text.remove() } else { text.literal = rest }
            let (enter, exit) = markup.wrap(TaskItemMarkup(checked: checked))
            let label = MarkdownNode.customInline(enter: enter, exit: exit)
            label.adoptChildren(of: paragraph)
            paragraph.append(label)
        }
    }

    /// Whether the text starts with a checked or an unchecked marker followed by a blank (the end of the line
    /// counts); nil when it does not start with a marker.
    private static func marker(in text: MarkdownNode) -> Bool? {
        let bytes = Array(text.literal.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]") else { return nil }
        let followedByBlank = bytes.count == 4
            ? bytes[3] == 0x20 || bytes[3] == 0x09
            : text.next.map { $0.kind == .softBreak || $0.kind == .lineBreak } ?? false
        guard followedByBlank else { return nil }
        switch bytes[1] {
        case 0x20, 0x09: return false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return true
        default: return nil
        }
    }
}
