// Flowcharts: the Mermaid subset as written (links, shapes, subgraphs, styles), errors with exact positions,
// syntax Folio does not draw, and the style boundary that keeps author text out of style attributes.
import Foundation
import Testing
@testable import Folio

@Suite struct FlowchartTests {
    func model(_ text: String) throws -> FlowchartModel {
        let source = try #require(DiagramSource(text))
        return try FlowchartParser.parse(source).0
    }

    func problems(_ text: String) -> [DiagramProblem] {
        diagramErrors(text)
    }

    func unsupported(_ text: String) -> DiagramProblem? {
        do {
            _ = try Diagram.render(text, idPrefix: "t")
            return nil
        } catch {
            if case .unsupported(let problem) = error { return problem }
            return nil
        }
    }

    @Test func readsEveryLinkKind() throws {
        let chart = try model("""
            flowchart LR
                A --> B
                A --- C
                A -.-> D
                A -.- E
                A ==> F
                A === G
                A ~~~ H
                A --x I
                A --o J
                A <--> K
                A x--x L
                A o--o M
            """)
        let kinds = chart.edges.map { "\($0.stroke) \($0.start) \($0.end) \($0.length)" }
        #expect(kinds == [
            "normal none arrow 1", "normal none none 1", "dotted none arrow 1", "dotted none none 1",
            "thick none arrow 1", "thick none none 1", "invisible none none 1", "normal none cross 1",
            "normal none circle 1", "normal arrow arrow 1", "normal cross cross 1", "normal circle circle 1",
        ])
        #expect(chart.direction == .leftToRight)
    }

    @Test func readsLabelsAndLengths() throws {
        let chart = try model("""
            graph TD
                A -->|pipe| B
                A -- text form --> C
                A -. dotted text .-> D
                A == thick text ==> E
                A ---|open| F
                A ---> G
                A -..-> H
                A ====> I
                A ----- J
                A-->|"quoted (x)"|K
            """)
        #expect(chart.edges.map { $0.label?.joined() ?? "" } == [
            "pipe", "text form", "dotted text", "thick text", "open", "", "", "", "", "quoted (x)",
        ])
        #expect(chart.edges.map(\.length) == [1, 1, 1, 1, 1, 2, 2, 3, 3, 1])
        #expect(chart.edges[3].stroke == .thick && chart.edges[2].stroke == .dotted)
    }

    @Test func readsShapesAndLabels() throws {
        let chart = try model("""
            flowchart TB
                a[rect] --> b(round) --> c([stadium]) --> d[[sub]] --> e[(db)] --> f((circle))
                g{rhombus} --> h{{hex}} --> i>flag] --> j[/lean/] --> k[\\back\\] --> l[/trap\\] --> m[\\inv/]
                n(((double))) --> o["a (b) ; c"] --> p[one<br>two] --> bare
            """)
        #expect(chart.nodes.map(\.shape) == [
            .rectangle, .rounded, .stadium, .subroutine, .cylinder, .circle, .rhombus, .hexagon, .asymmetric,
            .leanRight, .leanLeft, .trapezoid, .invertedTrapezoid, .doubleCircle, .rectangle, .rectangle, .rectangle,
        ])
        #expect(chart.nodes[14].label == ["a (b) ; c"])
        #expect(chart.nodes[15].label == ["one", "two"])
        #expect(chart.nodes[16].label == ["bare"])
    }

    @Test func expandsChainsAndGroups() throws {
        let chart = try model("flowchart TB\n A & B --> C & D --> E")
        #expect(chart.edges.map { "\($0.from)\($0.to)" } == ["AC", "AD", "BC", "BD", "CE", "DE"])
    }

    @Test func readsSubgraphsLikeMermaid() throws {
        let chart = try model("""
            flowchart TB
                x --> a
                subgraph outer [Outer title]
                    subgraph inner["Inner"]
                        direction LR
                        a --> b
                    end
                    c
                end
                subgraph Title with spaces
                    d
                end
                subgraph solo
                end
                c --> outer
            """)
        #expect(chart.subgraphs.map(\.id) == ["outer", "inner", "subGraph2", "solo"])
        #expect(chart.subgraphs.map { $0.title.joined() } == ["Outer title", "Inner", "Title with spaces", "solo"])
        // Mentioned inside a block is a member, even when first declared outside; innermost wins.
        #expect(chart.subgraphs[1].nodes == ["a", "b"] && chart.subgraphs[0].nodes == ["c"])
        #expect(chart.subgraphs[1].direction == .leftToRight && chart.subgraphs[1].parent == "outer")
        #expect(chart.nodeIndex["outer"] == nil, "an id naming a subgraph is the subgraph")
    }

    @Test func appliesClassesAndStyles() throws {
        let chart = try model("""
            flowchart LR
                classDef hot fill:#f00,stroke:#900,color:white
                A:::hot --> B
                class B hot
                style B stroke-width:3px,stroke-dasharray:5,5
                linkStyle 0 stroke:blue
                linkStyle default stroke-width:2px
            """)
        let styleA = chart.style(ofNode: chart.nodes[0]), styleB = chart.style(ofNode: chart.nodes[1])
        #expect(styleA.shapeStyle == "fill:#f00;stroke:#900" && styleA.textStyle == "fill:white")
        #expect(styleB.shapeStyle == "fill:#f00;stroke:#900;stroke-width:3px;stroke-dasharray:5 5")
        #expect(chart.style(ofEdge: 0).shapeStyle == "stroke-width:2px;stroke:blue")
    }

    // MARK: Errors

    @Test func reportsUnclosedLabelWithBothPositions() {
        let found = problems("flowchart TB\n    A[Label --> B")
        #expect(found == [.error("unclosed '[' in the label of node 'A' (opened at column 6)", line: 2, column: 6)])
    }

    @Test func reportsAMissingTarget() {
        #expect(problems("flowchart TB\n    A -->") == [.error("expected a node id after '-->'", line: 2, column: 10)])
        #expect(problems("flowchart TB\n  A & --> B") == [.error("expected a node id after '&'", line: 2, column: 7)])
    }

    @Test func reportsEveryErrorAtOnce() {
        let found = problems("""
            flowchart TB
                A --> B C
                end
                subgraph api
                    B --> D
                class A hot
            """)
        #expect(found == [
            .error("expected a link such as '-->' or the end of the statement, found 'C'", line: 2, column: 13),
            .error("'end' without an open subgraph", line: 3, column: 5),
            .error("unclosed subgraph 'api' opened at line 4: expected 'end'", line: 4, column: 5),
            .error("unknown class 'hot' in 'class A hot' — define it with classDef", line: 6, column: 13),
        ])
    }

    @Test func reportsBadDirectionsAndLinkStyles() {
        #expect(problems("flowchart XY\n A") == [
            .error("unknown direction 'XY': expected TB, TD, BT, LR or RL", line: 1, column: 11),
        ])
        #expect(problems("flowchart TB\n A --> B\n linkStyle 3 stroke:red") == [
            .error("linkStyle 3 is out of range: the diagram has 1 edge (numbered from 0)", line: 3, column: 12),
        ])
        #expect(problems("flowchart TB\n A --> B\n style Z fill:red") == [
            .error("unknown node 'Z' in 'style Z'", line: 3, column: 8),
        ])
    }

    @Test func recognisedButNotDrawnStaysCode() {
        let cases = [
            ("flowchart TB\n click A callback", "'click' interactions"),
            ("flowchart TB\n A e1@--> B", "edge ids"),
            ("flowchart TB\n A[\"`**bold**`\"]", "markdown strings"),
            ("flowchart TB\n A[fa:fa-car Car]", "Font Awesome"),
            ("flowchart TB\n subgraph s:::hot\n A\n end", "':::' classes on subgraphs"),
        ]
        for (text, fragment) in cases {
            let problem = unsupported(text)
            #expect(problem?.severity == .warning, "\(text)")
            #expect(problem?.message.contains(fragment) == true, "\(problem?.message ?? "nil") for \(text)")
            #expect(problem?.line == 2)
        }
    }

    // MARK: The style boundary

    @Test func dropsUnsafeStylesWithWarnings() throws {
        let rendered = try Diagram.render("""
            flowchart TB
                A --> B
                style A fill:red;background:url(javascript:x)
                style B fill:"/><script>alert(1)</script>
                classDef x fill:expression(alert(1)),stroke:#12345g,stroke-width:2px;color:red
                linkStyle 0 stroke:red,position:absolute
            """, idPrefix: "s")
        let svg = rendered.svg
        #expect(!svg.contains("javascript") && !svg.contains("script") && !svg.contains("expression"))
        #expect(!svg.contains("background") && !svg.contains("position"))
        #expect(svg.contains(#"style="fill:red""#))
        #expect(XMLCheck.isWellFormed(svg))
        let messages = rendered.warnings.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(messages == [
            "3:22 style declarations are separated by ',' not ';': 'background' is ignored",
            "4:13 invalid value for 'fill'; ignored",
            "5:16 invalid value for 'fill'; ignored",
            "5:42 invalid value for 'stroke'; ignored",
            "5:74 style declarations are separated by ',' not ';': 'color' is ignored",
            "6:28 style property 'position' is not supported (Folio applies fill, stroke, stroke-width, "
                + "stroke-dasharray, color, font-weight); ignored",
        ])
        #expect(rendered.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func validatesStyleValues() {
        #expect(FlowStyle.color("#ABCDEF") == "#abcdef")
        #expect(FlowStyle.color("rgb(0, 10, 255)") == "rgb(0,10,255)")
        #expect(FlowStyle.color("hsl(120deg 50% 40%)") == "hsl(120deg,50%,40%)")
        #expect(FlowStyle.color("rgb(0,0,0);x") == nil && FlowStyle.color("url(#a)") == nil)
        #expect(FlowStyle.length("2px") == "2px" && FlowStyle.length("1.50") == "1.5" && FlowStyle.length("-1") == nil)
        #expect(FlowStyle.validate("5 5", for: .strokeDasharray) == "5 5")
        #expect(FlowStyle.validate("bold", for: .fontWeight) == "bold")
        #expect(FlowStyle.validate("950", for: .fontWeight) == nil)
    }

    // MARK: Output

    @Test func describesItselfAndIsStable() throws {
        let text = "flowchart LR\n A[Client] --> B[API] --> C[(Database)]\n A ~~~ C"
        let first = try Diagram.render(text, idPrefix: "d").svg
        #expect(first == (try Diagram.render(text, idPrefix: "d").svg))
        #expect(first.contains("<title id=\"d-title\">Flowchart</title>"))
        #expect(first.contains("Flowchart with 3 nodes: Client, API and Database, and 2 edges."))
        #expect(first.contains(#"class="diagram-svg diagram-flowchart""#))
        let titled = try Diagram.render("---\ntitle: Request path\n---\nflowchart LR\n accTitle: ignored\n accDescr: How a request flows\n A --> B",
                                        idPrefix: "e").svg
        #expect(titled.contains(">Request path</title>") && titled.contains(">How a request flows</desc>"))
    }

    @Test func labelsOnAuthorFillsGetInkThatReads() throws {
        let svg = try Diagram.render("""
            flowchart LR
              classDef light fill:#fde2e1
              classDef dark fill:rgb(20,30,60)
              classDef chosen fill:#fde2e1,color:#900
              A:::light --> B:::dark --> C:::chosen --> D[Plain]
              style D fill:lightyellow
            """, idPrefix: "i").svg
        #expect(svg.contains(#"style="fill:#1b2230">A</text>"#))
        #expect(svg.contains(#"style="fill:#ffffff">B</text>"#))
        #expect(svg.contains(#"style="fill:#900">C</text>"#))
        #expect(svg.contains(#"style="fill:#1b2230">Plain</text>"#))
        #expect(CSSColour.luminance("#ffffff") == 1 && CSSColour.luminance("#000") == 0)
        #expect(CSSColour.luminance("hsl(0,0%,50%)") == nil)
    }
}
