// Heading ids (GitHub's slug rule, unique per page) with a self-link, and the entries of the table of contents.
// `## Title {#custom-id}` sets an id by hand, as in Hugo and Zola.
import Foundation

struct HeadingAnchors {
    var markup: MarkupTemplates
    /// Levels that go into the table of contents.
    var tocLevels: ClosedRange<Int> = 2...3

    struct Result {
        var ids: Set<String> = []
        var toc: [TOCEntry] = []
    }

    func apply(to tree: MarkdownTree) -> Result {
        var result = Result()
        var counts: [String: Int] = [:]
        for heading in tree.root.blocks(ofKind: .heading) {
            let explicitID = takeExplicitID(from: heading)
            let text = heading.plainText.trimmingWhitespace()
            var id = explicitID ?? Slug.githubHeadingID(text)
            if id.isEmpty { id = "section" }
            if explicitID == nil {
                // GitHub's rule: the second "Setup" is "setup-1", the third "setup-2".
                let base = id
                while result.ids.contains(id) {
                    let n = counts[base, default: 0] + 1
                    counts[base] = n
                    id = "\(base)-\(n)"
                }
            }
            result.ids.insert(id)
            let level = heading.headingLevel
            if tocLevels.contains(level) {
                result.toc.append(TOCEntry(level: level, id: id, title: text))
            }
            // A custom block would put line breaks inside the heading; an empty block around one custom inline
            // keeps `<h2 id="...">Title<a ...>#</a></h2>` on one line.
            let replacement = MarkdownNode.customBlock(enter: "", exit: "")
            let (enter, exit) = markup.wrap(HeadingMarkup(level: level, id: id))
            let inner = MarkdownNode.customInline(enter: enter, exit: exit)
            inner.adoptChildren(of: heading)
            replacement.append(inner)
            heading.replace(with: replacement)
        }
        return result
    }

    /// Removes a trailing `{#id}` from the heading's last text node and returns the id.
    private func takeExplicitID(from heading: MarkdownNode) -> String? {
        guard let last = heading.lastChild, last.kind == .text else { return nil }
        let text = last.literal
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return nil }
        let id = String(text[open.upperBound..<text.index(before: text.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        last.literal = String(text[..<open.lowerBound]).trimmingTrailingWhitespace()
        return id
    }
}
