// The HTML of footnotes and task-list checkboxes, kept together so it can move into theme partials in one piece
// (issue 18). The transforms decide structure; only these strings decide markup. Styled in the theme's site.css.
//
// Footnote ids contain a colon (`fn:1`, `fnref:1`, `fnref:1:2`): heading ids, GitHub slugs or `{#custom}`, never
// do, so the two cannot collide. Notes are numbered, not named by label, so any label makes a valid id.

enum FootnoteAndTaskMarkup {
    static func noteID(_ number: Int) -> String { "fn:\(number)" }

    /// The id of the `use`-th reference (from 1) to note `number`.
    static func referenceID(_ number: Int, use: Int) -> String {
        use == 1 ? "fnref:\(number)" : "fnref:\(number):\(use)"
    }

    static let referencePrefix = "<sup class=\"footnote-ref\">"

    /// A reference in the text: a superscript number a keyboard reaches like any link, read as "Footnote 1".
    static func reference(_ number: Int, use: Int) -> String {
        referencePrefix + "<a href=\"#\(noteID(number))\" id=\"\(referenceID(number, use: use))\" "
            + "role=\"doc-noteref\" aria-label=\"Footnote \(number)\">\(number)</a></sup>"
    }

    /// The link from a note back to its `use`-th reference. U+FE0E keeps the arrow text, not an emoji.
    static func backReference(_ number: Int, use: Int) -> String {
        let label = use == 1 ? "Back to reference \(number)" : "Back to reference \(number), use \(use)"
        let marker = use == 1 ? "" : "<sup>\(use)</sup>"
        return "<a href=\"#\(referenceID(number, use: use))\" class=\"footnote-backref\" role=\"doc-backlink\" "
            + "aria-label=\"\(label)\">\u{21A9}\u{FE0E}\(marker)</a>"
    }

    /// The section after the text. The heading has no id, so it never takes one a heading or link might want.
    static let sectionStart = "<section class=\"footnotes\" role=\"doc-endnotes\">\n"
        + "<h2 class=\"footnotes-title\">Footnotes</h2>\n<ol>"
    static let sectionEnd = "</ol>\n</section>"

    static func noteStart(_ number: Int) -> String { "<li id=\"\(noteID(number))\">" }
    static let noteEnd = "</li>"

    /// A task item's first paragraph sits in the label, so the checkbox is announced with the item's text.
    static let taskLabelStart = "<label class=\"task-list-item\">"
    static let taskLabelEnd = "</label>"

    static func checkbox(checked: Bool) -> String {
        "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled\(checked ? " checked" : "") />"
    }

    /// In a feed many posts share one document: the same footnote ids, prefixed per post.
    static func prefixingIDs(in html: String, with prefix: String) -> String {
        var result = html
        for attribute in ["id=\"", "href=\"#"] {
            for kind in ["fn:", "fnref:"] {
                result = result.replacingEvery(attribute + kind, with: attribute + prefix + "-" + kind)
            }
        }
        return result
    }
}
