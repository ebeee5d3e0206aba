// What both diagram kinds stand on: text measurement, label text, statements with positions, SVG numbers,
// and the fence transform's handling of unknown and unsupported diagrams.
import Foundation
import Testing
@testable import Folio

@Suite struct DiagramFoundationTests {
    @Test func measuresWithArialAdvances() {
        // H e l l o = 1479 + 1139 + 455 + 455 + 1139 units of 2048 per em.
        #expect(abs(TextMeasure.width("Hello", size: 16) - 4667.0 * 16 / 2048) < 0.001)
        #expect(TextMeasure.width("Hello", size: 16, weight: .bold) > TextMeasure.width("Hello", size: 16))
        #expect(TextMeasure.width("", size: 16) == 0)
        // Outside the table: a full em, never zero.
        #expect(TextMeasure.width("日本", size: 10) == 20)
    }

    @Test func wrapsAtSpacesAndInsideOverlongWords() {
        let lines = TextMeasure.wrap(["publish the event to the broker"], maxWidth: 90, size: 14)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { TextMeasure.width($0, size: 14) <= 90 })
        #expect(lines.joined(separator: " ") == "publish the event to the broker")
        let long = TextMeasure.wrap(["supercalifragilisticexpialidocious"], maxWidth: 60, size: 14)
        #expect(long.count > 2 && long.joined() == "supercalifragilisticexpialidocious")
        #expect(TextMeasure.wrap(["a", "", "b"], maxWidth: 100, size: 14) == ["a", "", "b"])
    }

    @Test func decodesLabelText() {
        #expect(DiagramText.lines("one<br>two<BR/>three<br />four") == ["one", "two", "three", "four"])
        #expect(DiagramText.lines("a #59; b #quot;q#quot; #35; #x41;") == ["a ; b \"q\" # A"])
        #expect(DiagramText.lines("C# and #nope") == ["C# and #nope"])
        #expect(DiagramText.flat("Relay<br>polls") == "Relay polls")
    }

    @Test func splitsStatementsWithPositions() throws {
        let source = try #require(DiagramSource("""
            %% a comment
              flowchart LR
                A-->B; B-->C
                C["a;b"] --> D #59; E
            """))
        #expect(source.keyword == "flowchart")
        #expect(source.header.line == 2 && source.header.column == 3)
        #expect(source.statements.map(\.text) == ["A-->B", "B-->C", "C[\"a;b\"] --> D #59; E"])
        #expect(source.statements.map(\.line) == [3, 3, 4])
        #expect(source.statements.map(\.column) == [5, 12, 5])
        let statement = source.statements[1]
        #expect(statement.column(of: statement.text.firstIndex(of: "C")!) == 16)
    }

    @Test func readsFrontMatterTitle() throws {
        let source = try #require(DiagramSource("---\ntitle: \"Relay\"\nconfig:\n  theme: dark\n---\nsequenceDiagram\n"))
        #expect(source.frontMatterTitle == "Relay")
        #expect(source.header.line == 6)
        #expect(source.problems.count == 1 && source.problems[0].severity == .warning)
        #expect(source.problems[0].line == 3)
    }

    @Test func writesStableNumbers() {
        #expect(SVGCanvas.number(12) == "12")
        #expect(SVGCanvas.number(12.5) == "12.5")
        #expect(SVGCanvas.number(12.345) == "12.35" || SVGCanvas.number(12.345) == "12.34")
        #expect(SVGCanvas.number(0.05) == "0.05")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(-3.1) == "-3.1")
        #expect(SVGCanvas.number(.nan) == "0")
    }

    @Test func escapesTextAndBuildsAnAccessibleDocument() {
        var canvas = SVGCanvas(idPrefix: "x-1", kind: "diagram-test")
        canvas.text(["<b>&"], x: 10, y: 10, size: 14, role: .label)
        canvas.path(SVGCanvas.pathData([.init(x: 0, y: 0), .init(x: 10, y: 0)]), role: .edge, end: .arrow)
        let svg = canvas.document(width: 100, height: 50, title: "T <1>", description: "D & E")
        #expect(svg.contains("&lt;b&gt;&amp;"))
        #expect(svg.contains(#"role="img" aria-labelledby="x-1-title x-1-desc""#))
        #expect(svg.contains(#"<title id="x-1-title">T &lt;1&gt;</title>"#))
        #expect(svg.contains(#"<marker id="x-1-arrow-edge""#) && svg.contains(#"marker-end="url(#x-1-arrow-edge)""#))
        #expect(XMLCheck.isWellFormed(svg))
    }

    @Test func idPrefixesDifferPerDocumentAndDiagram() {
        let a = DiagramFences.idPrefix("Content/posts/a.md", 1)
        #expect(a == DiagramFences.idPrefix("Content/posts/a.md", 1))
        #expect(a != DiagramFences.idPrefix("Content/posts/b.md", 1))
        #expect(a != DiagramFences.idPrefix("Content/posts/a.md", 2))
        #expect(a.hasPrefix("d") && a.count == 9)
    }

    @Test func unknownTypeIsAnErrorWithASuggestion() {
        #expect(throws: DiagramFailure.invalid([.error(
            "unknown diagram type 'sequenceDiagramm': expected 'sequenceDiagram', 'flowchart', 'graph', "
                + "'xychart-beta' or 'pie'; did you mean 'sequenceDiagram'?", line: 2, column: 1)])) {
            try Diagram.render("\nsequenceDiagramm\nA->>B: hi", idPrefix: "t")
        }
    }

    @Test func otherMermaidTypesStayCodeWithAWarning() throws {
        let html = Folio.renderFragment("""
            Intro.

            ```mermaid
            gantt
              title Dogs
            ```
            """)
        #expect(html.html.contains("<pre"))
        #expect(html.html.contains("Dogs"))
        #expect(html.diagnostics.map(\.description) == [
            "<stdin>:3:1: warning: Mermaid 'gantt' diagrams are not drawn by Folio (it draws sequenceDiagram, "
                + "flowchart, xychart-beta and pie); the source is shown as code",
        ])
    }
}
