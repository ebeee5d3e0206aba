// A property of the GFM transforms: random Markdown that mixes strikethrough, task items, autolinks, footnotes,
// tables, emphasis, code and containers never crashes the renderer and always yields well-formed HTML (every
// element closed in order, no duplicate id). Seeded, so a failure names a seed that reproduces it. No piece is
// `>`: with it the generator would write raw HTML, which cmark passes through as the author wrote it.
import Testing
@testable import Folio

@Suite struct GFMPropertyTests {
    static let inlinePieces = [
        "~", "~~", "~~~", "*", "**", "_", "`", "[", "]", "(", ")", "[^1]", "[^a]", "[^missing]", "[^", "^",
        "www.example.com", "www.", "https://example.org/a_(b)", "http://x", "ftp://f.g", "mail@example.com",
        "a@b", "&amp;", "&hl;", ";", ".", ",", "!", "?", "<", "word", "Wörter", "🍄", " ", " ", " ", "\\",
        "[x]", "[ ]", "'", "\"", "...", "--", "|", "[link](https://example.com)", "![alt](/a.png)",
    ]

    static let blockStarts = [
        "", "", "- ", "- [ ] ", "- [x] ", "1. ", "> ", "    ", "[^1]: ", "[^a]: ", "[^1]:", "## ", "| ", "  ",
        "```\n", "~~~\n", "| a | b |\n| --- | --- |\n| ",
    ]

    static func document(seed: UInt64) -> String {
        var random = SplitMix(seed: seed)
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...14, using: &random) {
            var line = blockStarts.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                line += inlinePieces.randomElement(using: &random)!
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "source", "col", "wbr"]

    /// Nil when every element closes in order and every id is unique; else what is wrong.
    static func wellFormednessProblem(in html: String) -> String? {
        var open: [String] = []
        var ids: Set<String> = []
        for token in SpecHTML.tokenize(html) {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                for (attribute, value) in attributes where attribute == "id" {
                    guard ids.insert(value).inserted else { return "duplicate id \(value)" }
                }
                if !selfClosing && !voidElements.contains(name) { open.append(name) }
            case .end(let name):
                guard open.last == name else { return "</\(name)> closes <\(open.last ?? "nothing")>" }
                open.removeLast()
            case .text, .other: break
            }
        }
        return open.isEmpty ? nil : "unclosed <\(open.joined(separator: ">, <"))>"
    }

    @Test(arguments: 0..<6)
    func randomMarkdownRendersToWellFormedHTML(batch: Int) {
        var seen: Set<String> = []
        for seed in UInt64(batch * 100)..<UInt64(batch * 100 + 100) {
            let markdown = Self.document(seed: seed)
            let rendered = Folio.renderFragment(markdown, displayPath: "random.md")
            let problem = Self.wellFormednessProblem(in: rendered.html)
            #expect(problem == nil, "seed \(seed): \(problem ?? "")\n\(markdown)\n---\n\(rendered.html)")
            if problem != nil { return }
            for marker in Self.constructs where rendered.html.contains(marker) { seen.insert(marker) }
        }
        // The property is only worth something if the documents exercise every transform.
        #expect(seen == Set(Self.constructs), "never produced: \(Set(Self.constructs).subtracting(seen))")
    }

    static let constructs = [
        "<del>", "class=\"footnote-ref\"", "class=\"footnotes\"", "task-list-item-checkbox",
        "href=\"http://www.example.com\"", "href=\"mailto:mail@example.com\"", "<table>",
    ]

    @Test func theCheckerRejectsWhatIsNotWellFormed() {
        #expect(Self.wellFormednessProblem(in: "<p><del>a</p></del>") != nil)
        #expect(Self.wellFormednessProblem(in: "<p>a") != nil)
        #expect(Self.wellFormednessProblem(in: #"<p id="x">a</p><p id="x">b</p>"#) != nil)
        #expect(Self.wellFormednessProblem(in: #"<p>a<br />b<input type="checkbox" disabled></p>"#) == nil)
    }

    @Test func deepNestingNeitherCrashesNorRecursesInTheTransforms() {
        let deep = String(repeating: "> ", count: 2_000) + "~~a~~ www.example.com [^1]\n\n[^1]: note\n"
        let rendered = Folio.renderFragment(deep)
        #expect(rendered.html.contains("<del>a</del>"))
        let manyTildes = String(repeating: "~a ", count: 20_000) + "\n"
        #expect(Folio.renderFragment(manyTildes).html.hasPrefix("<p>"))
    }
}
