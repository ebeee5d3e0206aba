// `accTitle` and `accDescr` read one way in every kind of diagram (`AccessibilityStatement`): the same errors at
// the same places, `;` kept as text, and the keywords' case as each kind's Mermaid grammar has it.
import Testing
@testable import Folio

@Suite struct DiagramAccessibilityTests {
    /// One small diagram of each kind that reads accessibility statements: its keyword line and one statement.
    static let kinds = [
        "flowchart LR\n  A --> B",
        "sequenceDiagram\n  A->>B: hi",
        "pie\n  \"A\" : 1",
        "xychart-beta\n  bar [1, 2]",
    ]

    @Test(arguments: kinds)
    func anUnclosedDescriptionIsAnErrorWhereItOpens(_ diagram: String) {
        // Before: a flowchart took every later line as description, silently.
        #expect(diagramErrors(diagram + "\n  accDescr {\n  How it works\n  C --> D") == [
            .error("unclosed 'accDescr {': expected a '}' to end the description", line: 3, column: 3),
        ])
    }

    @Test(arguments: kinds)
    func aDescriptionBlockReachesTheDesc(_ diagram: String) throws {
        let svg = try Diagram.render(diagram + "\n  accDescr {\n    First line;\n    second } \n  accTitle: A; B",
                                     idPrefix: "t").svg
        #expect(svg.contains(#"<desc id="t-desc">First line; second"#), "\(svg.prefix(600))")
        #expect(svg.contains(#"<title id="t-title">A; B</title>"#), "a ';' in a one-line value is text, as in Mermaid")
    }

    @Test(arguments: kinds)
    func textAfterTheClosingBraceIsAnError(_ diagram: String) {
        #expect(diagramErrors(diagram + "\n  accDescr { short } B") == [
            .error("expected the end of the line after the '}' that closes 'accDescr {'", line: 3, column: 22),
        ])
    }

    @Test(arguments: kinds)
    func aTitleNeedsItsColon(_ diagram: String) {
        #expect(diagramErrors(diagram + "\n  accTitle Short") == [
            .error("expected ':' after 'accTitle'", line: 3, column: 12),
        ])
    }

    @Test func keywordsAreCaseSensitiveWhereMermaidsGrammarIs() throws {
        // flow.jison and the Langium pie grammar match `accTitle` exactly; the sequence and xychart lexers are
        // case-insensitive.
        #expect(diagramErrors("flowchart LR\n  A --> B\n  acctitle: Short") == [
            .error("'acctitle' is spelled 'accTitle' (Mermaid matches it case-sensitively here)", line: 3, column: 3),
        ])
        #expect(diagramErrors("pie\n  \"A\" : 1\n  ACCDESCR: Long").map(\.message) == [
            "'ACCDESCR' is spelled 'accDescr' (Mermaid matches it case-sensitively here)",
        ])
        let sequence = try Diagram.render("sequenceDiagram\n  acctitle: Short\n  A->>B: hi", idPrefix: "t").svg
        #expect(sequence.contains(#"<title id="t-title">Short</title>"#))
        let chart = try Diagram.render("xychart-beta\n  ACCTITLE: Short\n  bar [1, 2]", idPrefix: "t").svg
        #expect(chart.contains(#"<title id="t-title">Short</title>"#))
        // A flowchart node may still be called so: `acctitle{…}` is a rhombus, not a description.
        #expect(diagramErrors("flowchart LR\n  accdescr{Ready?} --> B") == [])
    }
}
