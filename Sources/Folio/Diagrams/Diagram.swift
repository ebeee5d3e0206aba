// A Mermaid fence in, an inline SVG out: picks the diagram kind from the keyword line and hands over.

enum Diagram {
    /// Mermaid diagram types Folio recognises but does not draw: a warning, and the source stays a code block.
    static let otherMermaidKinds: Set<String> = [
        "classDiagram", "classDiagram-v2", "stateDiagram", "stateDiagram-v2", "erDiagram", "journey", "gantt",
        "quadrantChart", "requirementDiagram", "gitGraph", "C4Context", "C4Container", "C4Component",
        "C4Dynamic", "C4Deployment", "mindmap", "timeline", "zenuml", "sankey-beta", "sankey",
        "block-beta", "block", "packet-beta", "packet", "kanban", "architecture-beta", "architecture",
        "radar-beta", "treemap-beta",
    ]

    /// The keywords Folio draws.
    static let drawnKinds = ["sequenceDiagram", "flowchart", "graph", "xychart-beta", "xychart", "pie"]

    struct Rendered: Sendable {
        var svg: String
        /// Warnings that did not stop the drawing (an ignored front matter key or style property).
        var warnings: [DiagramProblem] = []
        /// HTML for under the drawing: a chart's numbers as an expandable table.
        var dataTable: String?
    }

    /// Renders `text`, the content of a ```` ```mermaid ```` fence. `idPrefix` must be unique on the page.
    static func render(_ text: String, idPrefix: String) throws(DiagramFailure) -> Rendered {
        guard let source = DiagramSource(text) else {
            throw .invalid([.error("empty diagram: expected 'sequenceDiagram', 'flowchart' or 'graph'",
                                   line: 1, column: 1)])
        }
        let keyword = String(source.keyword)
        var rendered: Rendered
        switch keyword {
        case "sequenceDiagram":
            rendered = try SequenceDiagram.render(source, idPrefix: idPrefix)
        case "flowchart", "graph":
            rendered = try Flowchart.render(source, idPrefix: idPrefix)
        case "xychart-beta", "xychart":
            rendered = try Chart.renderXY(source, idPrefix: idPrefix)
        case "pie":
            rendered = try Chart.renderPie(source, idPrefix: idPrefix)
        default:
            if otherMermaidKinds.contains(keyword) {
                throw .unsupported(.init(
                    severity: .warning,
                    message: "Mermaid '\(keyword)' diagrams are not drawn by Folio (it draws sequenceDiagram, "
                        + "flowchart, xychart-beta and pie); the source is shown as code",
                    line: source.header.line, column: source.header.column))
            }
            let known = drawnKinds + otherMermaidKinds.sorted()
            var message = "unknown diagram type '\(keyword)': expected 'sequenceDiagram', 'flowchart', "
                + "'graph', 'xychart-beta' or 'pie'"
            if let guess = Suggestion.closest(to: keyword, among: known) { message += "; did you mean '\(guess)'?" }
            throw .invalid([.error(message, line: source.header.line, column: source.header.column)])
        }
        rendered.warnings = source.problems + rendered.warnings
        return rendered
    }
}
