// What real flowcharts write that Folio once refused or misread: a subgraph with no name, Mermaid 11's
// `id@{ shape: …, label: … }`, `\n` and HTML entities in labels; and the limits past which a chart is an error
// at its place, deep nesting included, in bounded time.
import Foundation
import Testing
@testable import Folio

@Suite struct FlowchartSyntaxTests {
    func parsed(_ text: String) throws -> (FlowchartModel, [DiagramProblem]) {
        try FlowchartParser.parse(try #require(DiagramSource(text)))
    }

    func problems(_ text: String) -> [DiagramProblem] {
        diagramErrors(text)
    }

    @Test func aSubgraphWithoutANameIsAFrameWithoutATitle() throws {
        let (chart, _) = try parsed("flowchart TB\n subgraph\n A --> B\n end\n C --> A")
        #expect(chart.subgraphs.count == 1)
        #expect(chart.subgraphs[0].title.joined().isEmpty)
        #expect(chart.subgraphs[0].nodes == ["A", "B"])
        let svg = try Diagram.render("flowchart TB\n subgraph\n A --> B\n end\n C --> A", idPrefix: "t").svg
        #expect(svg.contains("dg-cluster"))
    }

    @Test func nodeDataSetsShapeAndLabel() throws {
        let (chart, warnings) = try parsed("""
            flowchart LR
              db@{ shape: cyl, label: "Orders DB" }
              q@{ shape: diam, label: 'Ready?' } --> db
              p@{ shape: lean-r }
              odd@{ shape: cloud, label: "Cloud" }
              i@{ icon: "fa:user", label: "User" }
            """)
        let shape = { (id: String) in chart.nodes[chart.nodeIndex[id]!].shape }
        let label = { (id: String) in chart.nodes[chart.nodeIndex[id]!].label }
        #expect(shape("db") == .cylinder && label("db") == ["Orders DB"])
        #expect(shape("q") == .rhombus && label("q") == ["Ready?"])
        #expect(shape("p") == .leanRight && label("p") == ["p"])
        #expect(shape("odd") == .rectangle && label("odd") == ["Cloud"])
        #expect(chart.edges.count == 1 && chart.edges[0].from == "q" && chart.edges[0].to == "db")
        #expect(warnings.map(\.message) == [
            "unknown shape 'cloud' for node 'odd': drawn as a box",
            "'icon' in the data of node 'i' is not drawn by Folio",
        ])
        #expect(warnings.map(\.line) == [5, 6])
    }

    @Test func unclosedNodeDataIsAnErrorAtItsBrace() {
        #expect(problems("flowchart TB\n A@{ shape: rect") == [
            .error("unclosed '@{' in the data of node 'A' (opened at column 3)", line: 2, column: 3),
        ])
    }

    @Test func labelsBreakAtBackslashNAndDecodeEntities() throws {
        let (chart, _) = try parsed(#"""
            flowchart TB
              A["line one\nline two"] -->|"Auth &amp; Users"| B["Q&#38;A #quot;x#quot; &lt;3"]
              subgraph s ["Edge\nzone"]
                C["日本語 🚀"]
              end
            """#)
        #expect(chart.nodes[0].label == ["line one", "line two"])
        #expect(chart.edges[0].label == ["Auth & Users"])
        #expect(chart.nodes[1].label == ["Q&A \"x\" <3"])
        #expect(chart.subgraphs[0].title == ["Edge", "zone"])
        #expect(chart.nodes[2].label == ["日本語 🚀"])
        let svg = try Diagram.render("flowchart TB\n A[\"Auth &amp; Users\"]", idPrefix: "t").svg
        #expect(svg.contains(">Auth &amp; Users</text>"))  // one &, escaped once: not "&amp;amp;"
    }

    // MARK: Limits

    @Test func tooManyNodesIsAnErrorAtTheFirstOneOver() {
        let lines = (0...FlowchartLimits.nodes).map { "  n\($0)" }
        let found = problems((["flowchart TB"] + lines).joined(separator: "\n"))
        #expect(found == [.error("flowchart has \(FlowchartLimits.nodes + 1) nodes; Folio draws at most "
                                     + "\(FlowchartLimits.nodes)", line: FlowchartLimits.nodes + 2, column: 3)])
    }

    @Test func tooManyEdgesIsAnErrorAtTheFirstOneOver() {
        let lines = (0...FlowchartLimits.edges).map { " a\($0 % 20) --> b\($0 % 17)" }
        let found = problems((["flowchart TB"] + lines).joined(separator: "\n"))
        #expect(found == [.error("flowchart has \(FlowchartLimits.edges + 1) edges; Folio draws at most "
                                     + "\(FlowchartLimits.edges)", line: FlowchartLimits.edges + 2,
                                 column: 1 + " a\(FlowchartLimits.edges % 20) --> ".count)])
    }

    @Test func aChartAtTheLimitsIsDrawnInUnderTwoSeconds() throws {
        // A dense chart at the edge limit: 100 nodes, labels on a third of the edges, a subgraph.
        var random = SplitMix(seed: 7)
        var lines = ["flowchart TB", "subgraph s [Services]"]
        lines += (0..<30).map { "  n\($0)[Service \($0)]" }
        lines.append("end")
        lines += (1..<100).map { "n\(random.next(below: $0)) --> n\($0)" }
        lines += (0..<(FlowchartLimits.edges - 99)).map {
            "n\(random.next(below: 100)) -->\($0 % 3 == 0 ? "|call \($0)|" : "") n\(random.next(below: 100))"
        }
        let start = Date()
        let svg = try Diagram.render(lines.joined(separator: "\n"), idPrefix: "t").svg
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(XMLCheck.isWellFormed(svg))
    }

    @Test func deepNestingIsOneErrorNotACrash() {
        for depth in [FlowchartLimits.nesting + 1, 10_000, 100_000] {
            let text = "flowchart TB\n" + (0..<depth).map { "subgraph g\($0)\n" }.joined() + "A --> B\n"
                + String(repeating: "end\n", count: depth)
            let start = Date()
            let found = problems(text)
            #expect(Date().timeIntervalSince(start) < 10, "depth \(depth)")
            // The nesting error; past 100 subgraphs, the count's error too.
            #expect(found.count == (depth > FlowchartLimits.subgraphs ? 2 : 1), "depth \(depth)")
            #expect(found.contains { $0.message.hasPrefix("subgraphs nest more than \(FlowchartLimits.nesting) deep") })
        }
        // Unclosed, 100,000 deep: still those two errors, not one per level.
        let unclosed = "flowchart TB\n" + (0..<100_000).map { "subgraph g\($0)\n" }.joined()
        #expect(problems(unclosed).count == 2)
    }

    @Test func nestingAtTheLimitIsDrawn() throws {
        let depth = FlowchartLimits.nesting
        let text = "flowchart LR\n" + (0..<depth).map { "subgraph g\($0) [Level \($0)]\n n\($0)\n" }.joined()
            + String(repeating: "end\n", count: depth) + "n0 --> n\(depth - 1)"
        let svg = try Diagram.render(text, idPrefix: "t").svg
        #expect(svg.components(separatedBy: "class=\"dg-cluster\"").count == depth + 1)
    }
}
