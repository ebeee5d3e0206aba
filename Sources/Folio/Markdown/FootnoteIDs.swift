// The ids of footnotes and their references; their HTML is the theme's (`footnote-reference`, `footnotes`,
// `footnote` and `footnote-backlink` partials).
//
// Footnote ids contain a colon (`fn:1`, `fnref:1`, `fnref:1:2`): heading ids, GitHub slugs or `{#custom}`, never
// do, so the two cannot collide. Notes are numbered, not named by label, so any label makes a valid id.

enum FootnoteIDs {
    static func note(_ number: Int) -> String { "fn:\(number)" }

    /// The id of the `use`-th reference (from 1) to note `number`.
    static func reference(_ number: Int, use: Int) -> String {
        use == 1 ? "fnref:\(number)" : "fnref:\(number):\(use)"
    }

    /// In a feed many posts share one document: the same footnote ids, prefixed per post.
    static func prefixing(in html: String, with prefix: String) -> String {
        var pairs: [(target: String, replacement: String)] = []
        for attribute in ["id=\"", "href=\"#"] {
            for kind in ["fn:", "fnref:"] { pairs.append((attribute + kind, attribute + prefix + "-" + kind)) }
        }
        return html.replacingEach(pairs)
    }
}
