// The inline GFM transforms walk only the top-level blocks whose lines hold a trigger (`~`, `@`, `://`,
// `www.`). These documents put the trigger on the last line of a block, in blocks other transforms rebuild
// (tables, callouts, footnotes), after blocks without one, and in both at once, so a block wrongly skipped shows.
import Testing
@testable import Folio

@Suite struct GFMTriggerLineTests {
    func html(_ markdown: String) -> String { Folio.renderFragment(markdown, displayPath: "t.md").html }

    @Test func aTriggerOnALazyContinuationLineIsSeen() {
        let html = html("plain text\nwith no trigger\n\n> quoted\nlazy www.example.com\n")
        #expect(html.contains("<a href=\"http://www.example.com\""))
    }

    @Test func blocksWithoutATriggerAreLeftAndLaterOnesLinked() {
        let html = html("```\nx@y.com\n```\n\nplain\n\n- one\n- two ~~gone~~\n\nmail me@example.com\n")
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"mailto:me@example.com\""))
        #expect(html.contains("x@y.com") && !html.contains("mailto:x@y.com"))
    }

    @Test func tablesCalloutsAndNotesAreWalked() {
        let markdown = """
            | a | b |
            |---|---|
            | ~~c~~ | www.a.com |

            > [!NOTE]
            > see www.b.com

            text[^1]

            [^1]: note ~~struck~~ at www.c.com
            """
        let html = html(markdown)
        #expect(html.contains("<del>c</del>"))
        #expect(html.contains("<a href=\"http://www.a.com\""))
        #expect(html.contains("<a href=\"http://www.b.com\""))
        #expect(html.contains("<del>struck</del>"))
        #expect(html.contains("<a href=\"http://www.c.com\""))
    }
}
