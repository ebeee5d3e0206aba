// The layout's promises (`FlowchartQuality`), checked on random flowcharts with subgraphs, cycles and self-loops:
// no crash, well-formed SVG, nothing overlapping or off the drawing; long edges span more ranks, a cycle keeps the
// direction of its first edge, and siblings keep the order they were declared in, in all four directions.
import Foundation
import CGraphviz
import Testing
@testable import Folio

@Suite struct FlowchartLayoutTests {
    static func randomChart(seed: UInt64) -> String {
        var random = SplitMix(seed: seed)  // the benchmark's generator: same chart everywhere
        let directions = ["TB", "LR", "BT", "RL", "TD"]
        let shapes = [("[", "]"), ("(", ")"), ("([", "])"), ("[[", "]]"), ("[(", ")]"), ("((", "))"), ("{", "}"),
                      ("{{", "}}"), (">", "]"), ("[/", "/]")]
        let words = ["API", "queue", "a much longer label that wraps", "DB", "x", "Relay<br>worker", "#59; semi"]
        let links = ["-->", "---", "-.->", "==>", "~~~", "--x", "<-->", "--->", "-..->", "-->|label|", "-- text -->"]
        let nodeCount = 2 + random.next(below: 14)
        var lines = ["flowchart \(directions[random.next(below: directions.count)])"]
        for node in 0..<nodeCount {
            let shape = shapes[random.next(below: shapes.count)]
            lines.append("n\(node)\(shape.0)\(words[random.next(below: words.count)]) \(node)\(shape.1)")
        }
        // Nested subgraphs over random runs of nodes; sometimes with a direction.
        var depth = 0, subgraph = 0
        for node in 0..<nodeCount {
            if random.next(below: 4) == 0 {
                lines.append("subgraph g\(subgraph) [Group \(subgraph)]")
                if random.next(below: 2) == 0 { lines.append("direction \(directions[random.next(below: 4)])") }
                subgraph += 1
                depth += 1
            }
            lines.append("n\(node)")
            if depth > 0, random.next(below: 3) == 0 {
                lines.append("end")
                depth -= 1
            }
        }
        lines += Array(repeating: "end", count: depth)
        for _ in 0..<(nodeCount + random.next(below: nodeCount * 2)) {
            let from = random.next(below: nodeCount), to = random.next(below: nodeCount)  // cycles and self-loops included
            lines.append("n\(from) \(links[random.next(below: links.count)]) n\(to)")
        }
        if subgraph > 0, random.next(below: 2) == 0 { lines.append("n\(random.next(below: nodeCount)) --> g\(random.next(below: subgraph))") }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: 0..<120)
    func randomChartsKeepTheirPromises(_ seed: Int) throws {
        let text = Self.randomChart(seed: UInt64(seed))
        let source = try #require(DiagramSource(text))
        let (model, _) = try FlowchartParser.parse(source)
        let found = try FlowchartQuality.problems(of: model)
        #expect(found == [], "seed \(seed): \(found)\n\(text)")
        let svg = try Diagram.render(text, idPrefix: "r\(seed)").svg
        #expect(XMLCheck.isWellFormed(svg), "seed \(seed)")
        // FOLIO_CORPUS_PREVIEW=<folder> (as for the corpus): each chart's source and drawing, to look at.
        if let preview = ProcessInfo.processInfo.environment["FOLIO_CORPUS_PREVIEW"] {
            try FileManager.default.createDirectory(atPath: preview, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(preview)/random-\(seed).mmd"))
            try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(preview)/random-\(seed).svg"))
        }
    }

    @Test func parallelEdgesRunCloseTogetherAndEndOnTheirNodes() throws {
        // Dot draws a bundle as one routed spline and copies 40 pt apart, which cut nodes beside it (seed 40).
        let source = try #require(DiagramSource("flowchart TB\n A --> B\n A --> B\n A -.-> B\n A --> C --> B"))
        let placement = try Flowchart.place(try FlowchartParser.parse(source).0).placement
        let middles = placement.edgeRoutes[0..<3].map { BezierRoute.sample($0)[12].x }
        #expect(middles.max()! - middles.min()! <= 2 * ParallelEdges.spacing + 1, "\(middles)")
        let (a, b) = (placement.nodeFrames[0], placement.nodeFrames[1])
        for route in placement.edgeRoutes[0..<3] {
            #expect(abs(route[0].y - a.maxY) < 1.5 && route[0].x > a.x && route[0].x < a.maxX, "\(route)")
            #expect(abs(route.last!.y - b.y) < 1.5 && route.last!.x > b.x && route.last!.x < b.maxX, "\(route)")
        }
    }

    @Test func longEdgesSpanMoreRanks() throws {
        let source = try #require(DiagramSource("flowchart TB\n A --> B\n A ---> C\n A ----> D"))
        let placement = try Flowchart.place(try FlowchartParser.parse(source).0).placement
        let y = placement.nodeFrames.map(\.center.y)
        #expect(y[1] < y[2] && y[2] < y[3])
    }

    @Test func breaksCyclesAndKeepsEdgeDirection() throws {
        let source = try #require(DiagramSource("flowchart TB\n A --> B --> C --> A"))
        let placement = try Flowchart.place(try FlowchartParser.parse(source).0).placement
        // The back edge C → A still starts at C and ends at A.
        let route = placement.edgeRoutes[2]
        #expect(placement.nodeFrames[2].contains(DiagramRect(x: route[0].x, y: route[0].y, width: 0, height: 0)))
        #expect(placement.nodeFrames[0].contains(DiagramRect(x: route.last!.x, y: route.last!.y, width: 0, height: 0)))
    }

    /// Where a point lies along the flow (`along`) and across it, both growing the way Mermaid reads the chart.
    static func axes(_ direction: FlowDirection)
        -> (along: (DiagramPoint) -> Double, across: (DiagramPoint) -> Double)
    {
        switch direction {
        case .topToBottom: return ({ $0.y }, { $0.x })
        case .bottomToTop: return ({ -$0.y }, { $0.x })
        case .leftToRight: return ({ $0.x }, { $0.y })
        case .rightToLeft: return ({ -$0.x }, { $0.y })
        }
    }

    @Test(arguments: FlowDirection.allCases)
    func siblingsKeepTheOrderTheyWereDeclaredIn(_ direction: FlowDirection) throws {
        // As in Mermaid: A, C, B stay A, C, B, left to right in TB and BT, top to bottom in LR and RL; inside a
        // subgraph too, and in a subgraph their parent is outside of; and parts with nothing between them follow
        // one another in declaration order.
        let text = """
            flowchart \(direction.rawValue)
            V --> A & C & B
            subgraph pods [Pods]
              W --> D & F & E
            end
            subgraph other [Other]
              X --> Y
            end
            subgraph deploy [Deployment]
              G
              I
              H
            end
            S --> G & H & I
            """
        let source = try #require(DiagramSource(text))
        let (model, _) = try FlowchartParser.parse(source)
        let placement = try Flowchart.place(model).placement
        let across = Self.axes(direction).across
        func at(_ id: String) -> Double { across(placement.nodeFrames[model.nodeIndex[id]!].center) }
        #expect(at("A") < at("C") && at("C") < at("B"), "\(direction)")
        #expect(at("D") < at("F") && at("F") < at("E"), "\(direction)")
        #expect(at("B") < at("D") && at("E") < at("X"), "\(direction)")
        #expect(at("G") < at("H") && at("H") < at("I"), "\(direction)")
    }

    @Test(arguments: FlowDirection.allCases)
    func aCycleRunsTheWayItsFirstEdgeDoes(_ direction: FlowDirection) throws {
        // A → B is declared first: A comes first along the flow, and B → A is the edge drawn back.
        let source = try #require(DiagramSource("flowchart \(direction.rawValue)\n A --> B\n B -->|retry| A"))
        let (model, _) = try FlowchartParser.parse(source)
        let placement = try Flowchart.place(model).placement
        let along = Self.axes(direction).along
        #expect(along(placement.nodeFrames[0].center) < along(placement.nodeFrames[1].center), "\(direction)")
        let (first, back) = (placement.edgeRoutes[0], placement.edgeRoutes[1])
        #expect(along(first[0]) < along(first[first.count - 1]), "\(direction): \(first)")
        #expect(along(back[0]) > along(back[back.count - 1]), "\(direction): \(back)")
    }

    @Test func clustersGoToDotInDeclarationOrderWhereverTheirNamesLie() throws {
        // Graphviz's default numbered a cluster by its interned name's address and kept clusters in that order,
        // so the same chart came out differently between runs. A name interned early lies low in memory.
        let names = try Graphviz.layout({ graph in
            var name = Array("cluster_7".utf8CString)
            _ = name.withUnsafeMutableBufferPointer { agstrdup(graph, $0.baseAddress) }
            for index in 0..<12 {
                let cluster = folio_subgraph(graph, "cluster_\(index)")!
                folio_add_node(cluster, folio_node(graph, "n\(index)")!)
            }
        }, read: { graph, _ -> [String] in
            var out: [String] = [], next = agfstsubg(graph)
            while let subgraph = next {
                out.append(String(cString: agnameof(UnsafeMutableRawPointer(subgraph))))
                next = agnxtsubg(subgraph)
            }
            return out
        }).get()
        #expect(names == (0..<12).map { "cluster_\($0)" })
    }
}
