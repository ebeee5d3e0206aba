// Footnotes: the shapes of cmark-gfm's own footnote test case (test/extensions.txt, example 23, carried in
// GFMSpec/cmark-gfm-extensions.txt), diagnostics with exact line:col, ids that never meet heading ids, and what
// the rest of the site does with them (link check, Atom feed, search index, summary, word count).
import Foundation
import Testing
@testable import Folio

@Suite struct FootnoteTests {
    static let cmarkGFMCase = SpecExample.all(in: "GFMSpec/cmark-gfm-extensions.txt").first { $0.section == "Footnotes" }!

    /// The notes of rendered HTML, in order, each as the normalised HTML inside its `<li id="fn:N">`.
    func notes(in html: String) -> [String] {
        guard let start = html.range(of: "<section class=\"footnotes\"") else { return [] }
        return html[start.lowerBound...].components(separatedBy: "<li id=\"fn:").dropFirst().map {
            let inside = $0.components(separatedBy: "</li>")[0]
            return SpecHTML.normalized(String(inside[inside.range(of: "\">")!.upperBound...]))
        }
    }

    @Test func cmarkGFMsCaseHasTheSameShape() {
        let example = Self.cmarkGFMCase
        #expect(example.number == 23)
        let rendered = Folio.renderFragment(example.markdown, displayPath: "notes.md")
        let html = rendered.html
        // References numbered by first use, in the order they stand; an undefined one stays text.
        let references = html.components(separatedBy: "role=\"doc-noteref\" aria-label=\"Footnote ").dropFirst()
            .map { $0.prefix { $0.isNumber } }
        #expect(references == ["1", "2", "3", "4"])
        #expect(html.contains("<p>This doesn’t have a referent[^nope].</p>"))
        #expect(html.contains("<p>Hi!</p>"))
        let notes = notes(in: html)
        #expect(notes.count == 4, "the unused definition is left out")
        #expect(!html.contains("This is unused"))
        #expect(notes[0].contains("<p>Some <em>bolded</em> footnote definition."))
        // Note 2 holds a block quote, an indented code block and a paragraph, as in cmark-gfm.
        #expect(notes[1].contains("<blockquote><p>Blockquotes can be in a footnote.</p></blockquote>"))
        #expect(notes[1].contains("as well as code blocks"))
        #expect(notes[1].contains("<pre"))
        #expect(notes[1].contains("<p>or, naturally, simple paragraphs. <a"))
        #expect(notes[2].hasPrefix("<p>no code block here (spaces are stripped away) <a"))
        #expect(notes[3].contains("<pre"))
        #expect(notes[3].contains("this is now a code block (8 spaces indentation)"))
        #expect(rendered.diagnostics.map(\.description) == [
            "notes.md:26:1: warning: footnote '[^unused]' is never referenced, so it is left out; "
                + "refer to it with [^unused] or delete it",
        ])
    }

    @Test func aNoteReferencedTwiceHasTwoBackReferences() {
        let html = Folio.renderFragment("One[^a], two[^b], one again[^A].\n\n[^b]: Bee.\n[^a]: Ay.\n").html
        #expect(html.contains(##"<a href="#fn:1" id="fnref:1" role="doc-noteref" aria-label="Footnote 1">1</a>"##))
        #expect(html.contains(##"<a href="#fn:2" id="fnref:2" role="doc-noteref" aria-label="Footnote 2">2</a>"##))
        #expect(html.contains(##"<a href="#fn:1" id="fnref:1:2" role="doc-noteref" aria-label="Footnote 1">1</a>"##))
        let notes = notes(in: html)
        #expect(notes.count == 2)
        #expect(notes[0].hasPrefix("<p>Ay."), "labels match without regard to case; numbered by first use")
        #expect(notes[0].contains(##"href="#fnref:1""##) && notes[0].contains(##"href="#fnref:1:2""##))
        #expect(notes[0].contains(#"aria-label="Back to reference 1, use 2""#))
        #expect(notes[1].hasPrefix("<p>Bee."))
    }

    @Test func diagnosticsPointAtTheDefinitionsInTheFile() {
        let text = "---\ntitle: Notes\n---\nA claim[^a].\n\n[^a]: First.\n  [^a]: Second.\n\n[^spare]: Never used.\n"
        let rendered = Folio.renderFragment(text, displayPath: "Content/posts/notes.md")
        #expect(rendered.diagnostics.sortedForDisplay().map(\.description) == [
            "Content/posts/notes.md:7:3: error: footnote '[^a]' is defined twice; the definition at line 6 is "
                + "the one used",
            "Content/posts/notes.md:9:1: warning: footnote '[^spare]' is never referenced, so it is left out; "
                + "refer to it with [^spare] or delete it",
        ])
        #expect(rendered.html.contains("First."))
        #expect(!rendered.html.contains("Second."))
    }

    @Test func aProblemOnADefinitionsFirstLineKeepsItsColumn() {
        // The broken link starts at column 16 of line 3 in the file, although libcmark read that line shorter.
        let renderer = MarkdownRenderer(
            displayPath: "p.md",
            links: LinkContext(contentPath: "posts/p.md", pageURL: "/posts/p/", urlsByContentPath: [:]),
            markup: .repositoryDefault)
        let checked = renderer.render("See[^long-label].\n\n[^long-label]: [x](missing.md)\n")
        #expect(checked.diagnostics.map(\.description) == [
            "p.md:3:16: error: link to 'missing.md' does not match any Markdown file (looked for Content/posts/missing.md)",
        ])
    }

    @Test func aDefinitionInsideACodeFenceIsCode() {
        let html = Folio.renderFragment("Text[^1].\n\n```text\n[^1]: not a note\n```\n").html
        #expect(html.contains("[^1]: not a note"))
        #expect(html.contains("Text[^1]."), "no definition, so the reference stays text")
        #expect(!html.contains("footnotes"))
    }

    @Test func anAnchorIsFoundInEitherSetOfIDs() {
        let rendered = Folio.renderFragment("## Setup\n\nText[^1].\n\n[^1]: Note.\n")
        #expect(rendered.anchorIDs.allSatisfy(rendered.hasAnchor))
        #expect(rendered.hasAnchor("setup") && rendered.hasAnchor("fn:1"))
        #expect(!rendered.hasAnchor("fn:2") && !rendered.hasAnchor("Setup"))
    }

    @Test func footnoteIDsNeverMeetHeadingIDs() {
        let rendered = Folio.renderFragment(
            "## Footnotes\n\n## fn 1 {#fn-1}\n\n## Fnref 1\n\nText[^1].\n\n[^1]: Note.\n")
        #expect(rendered.headingIDs == ["footnotes", "fn-1", "fnref-1"])
        #expect(rendered.footnoteIDs == ["fn:1", "fnref:1"])
        #expect(rendered.headingIDs.isDisjoint(with: rendered.footnoteIDs))
        #expect(rendered.anchorIDs == rendered.headingIDs.union(rendered.footnoteIDs))
        #expect(rendered.toc.map(\.title) == ["Footnotes", "fn 1", "Fnref 1"], "the notes' heading is not in the TOC")
    }

    @Test func summaryAndWordCountLeaveTheMarkersOut() {
        let rendered = Folio.renderFragment("Three plain words[^1].\n\n[^1]: Two more.\n")
        #expect(rendered.firstParagraph == "Three plain words.")
        #expect(rendered.wordCount == 5, "the reference number, the arrow and the section heading are not words")
    }

    @Test func theSiteLinksToNotesFeedsThemAndIndexesTheirText() throws {
        let body = "A claim[^src], and [the note](#fn:1).\n\n[^src]: The source, with www.example.com.\n"
        let site = try TestSite([
            "Content/site.yml": TestSite.siteConfig + "\nsearch: true\n",
            "Content/posts/first.md": post("First", date: "2024-03-02", body: body),
            "Content/posts/second.md": post("Second", date: "2024-03-01", body: body + "\nBad [link](#fn:9).\n"),
        ])
        defer { site.destroy() }
        let report = site.build()
        let printed = report.diagnostics.map(\.description)
        #expect(printed == [
            "Content/posts/second.md:10:5: error: link '#fn:9': Content/posts/second.md has no heading '#fn:9' (nor a "
                + "footnote with that id)",
        ])
        try site.write("Content/posts/second.md", post("Second", date: "2024-03-01", body: body))
        #expect(!site.build().diagnostics.hasErrors)
        let page = try site.read("public/posts/first/index.html")
        #expect(page.contains(#"<li id="fn:1">"#))
        #expect(page.contains(#"<a href="http://www.example.com" rel="noopener">www.example.com</a>"#))
        // In the feed each post's ids carry its slug: two posts, two different sets of ids.
        let feed = HTML.decodeBasicEntities(try site.read("public/feed.xml"))
        #expect(feed.contains(##"id="first-fn:1""##) && feed.contains(##"href="#first-fnref:1""##))
        #expect(feed.contains(##"id="second-fn:1""##) && feed.contains(##"href="#second-fn:1""##))
        #expect(!feed.contains(#"id="fn:1""#))
        let index = try site.read("public/search.json")
        #expect(index.contains("A claim, and the note. The source, with www.example.com."), "\(index)")
        #expect(!index.contains("Footnotes"))
    }
}
