// The geometric promises of a laid-out flowchart, as one check the corpus and the random charts share: no edge
// runs through a node other than its ends; no edge label overlaps a node or another label; everything lies in
// the drawing; no edge is longer than 3× the straight distance between its ends; members lie inside their
// subgraphs, non-members outside, two subgraphs overlap only when one holds the other, and side by side they keep a
// cluster margin apart.
@testable import Folio

enum FlowchartQuality {
    /// What is wrong with the chart's layout, in words; empty when nothing is.
    static func problems(of model: FlowchartModel) throws -> [String] {
        let (drawing, placement) = try Flowchart.place(model)
        var out: [String] = []
        let nodes = placement.nodeFrames
        let frames = placement.subgraphFrames
        let drawn = DiagramRect(x: 0, y: 0, width: placement.width, height: placement.height)
        func name(_ node: Int) -> String { model.nodes[node].id }

        // Subgraphs around each node and each subgraph (innermost first, own index excluded for subgraphs).
        let parent = model.subgraphs.map { $0.parent.flatMap { model.subgraphIndex[$0] } }
        var owners = [Set<Int>](repeating: [], count: model.nodes.count)
        for (index, subgraph) in model.subgraphs.enumerated() {
            for id in subgraph.nodes {
                guard let node = model.nodeIndex[id] else { continue }
                var current: Int? = index
                while let next = current { owners[node].insert(next); current = parent[next] }
            }
        }
        func ancestors(_ subgraph: Int) -> Set<Int> {
            var out = Set<Int>(), current = parent[subgraph]
            while let next = current { out.insert(next); current = parent[next] }
            return out
        }

        for node in nodes.indices where !drawn.contains(nodes[node]) { out.append("node \(name(node)) off the drawing") }
        for (index, frame) in frames.enumerated() where !drawn.contains(frame) {
            out.append("subgraph \(model.subgraphs[index].id) off the drawing")
        }
        for first in nodes.indices {
            for second in nodes.indices where second > first && nodes[first].intersects(nodes[second]) {
                out.append("nodes \(name(first)) and \(name(second)) overlap")
            }
            for (index, frame) in frames.enumerated() {
                if owners[first].contains(index) {
                    if !frame.contains(nodes[first]) { out.append("node \(name(first)) outside its subgraph \(index)") }
                } else if frame.intersects(nodes[first]) {
                    out.append("node \(name(first)) inside subgraph \(index), not its own")
                }
            }
        }
        for first in frames.indices {
            for second in frames.indices where second > first && frames[first].intersects(frames[second]) {
                let nested = ancestors(first).contains(second) || ancestors(second).contains(first)
                if !nested {
                    out.append("subgraphs \(model.subgraphs[first].id) and \(model.subgraphs[second].id) overlap")
                } else {
                    let (outer, inner) = ancestors(first).contains(second) ? (second, first) : (first, second)
                    if !frames[outer].contains(frames[inner]) {
                        out.append("subgraph \(model.subgraphs[inner].id) sticks out of \(model.subgraphs[outer].id)")
                    }
                }
            }
        }

        // Subgraphs side by side keep at least a cluster margin between them, as members keep from their border.
        let gap = Double(FlowchartPlacer.clusterMargin)! - 0.5
        for first in frames.indices {
            for second in frames.indices where second > first {
                let nested = ancestors(first).contains(second) || ancestors(second).contains(first)
                let grown = DiagramRect(x: frames[first].x - gap, y: frames[first].y - gap,
                                        width: frames[first].width + 2 * gap, height: frames[first].height + 2 * gap)
                if !nested, !frames[first].intersects(frames[second]), grown.intersects(frames[second]) {
                    out.append("subgraphs \(model.subgraphs[first].id) and \(model.subgraphs[second].id) touch")
                }
            }
        }

        var labels: [(edge: Int, rect: DiagramRect)] = []
        for (index, edge) in model.edges.enumerated() {
            let route = placement.edgeRoutes[index]
            guard !edge.isSkipped, edge.stroke != .invisible, route.count >= 2 else { continue }
            let points = BezierRoute.sample(route)
            if points.contains(where: { !drawn.contains(DiagramRect(x: $0.x, y: $0.y, width: 0, height: 0)) }) {
                out.append("edge \(index) (\(edge.from)→\(edge.to)) leaves the drawing")
            }
            // Through a node other than its ends (1 px in from the outline, so touching is not crossing).
            let ends: Set<Int> = [model.nodeIndex[edge.from], model.nodeIndex[edge.to]].reduce(into: []) {
                if let node = $1 { $0.insert(node) }
            }
            let endSubgraphs = [edge.from, edge.to].compactMap { model.subgraphIndex[$0] }
            for node in nodes.indices where !ends.contains(node) {
                if endSubgraphs.contains(where: { owners[node].contains($0) }) { continue }  // ends on that frame
                let inner = DiagramRect(x: nodes[node].x + 1, y: nodes[node].y + 1, width: nodes[node].width - 2,
                                        height: nodes[node].height - 2)
                if points.contains(where: { inner.contains(DiagramRect(x: $0.x, y: $0.y, width: 0, height: 0)) }) {
                    out.append("edge \(index) (\(edge.from)→\(edge.to)) runs through node \(name(node))")
                }
            }
            if edge.from != edge.to {
                let straight = BezierRoute.distance(route[0], route[route.count - 1])
                let length = BezierRoute.length(route)
                if straight > 1, length > 3 * straight {
                    out.append("edge \(index) (\(edge.from)→\(edge.to)) is \(Int(length)) long for \(Int(straight)) apart")
                }
            }
            if let lines = drawing.labelLines[index], let center = placement.labelCenters[index] {
                let size = FlowchartGeometry.textSize(lines)
                labels.append((index, DiagramRect(center: center, width: size.width + 8, height: size.height + 4)))
            }
        }
        for (position, label) in labels.enumerated() {
            if !drawn.contains(label.rect) { out.append("label of edge \(label.edge) off the drawing") }
            for node in nodes.indices where label.rect.intersects(nodes[node]) {
                out.append("label of edge \(label.edge) overlaps node \(name(node))")
            }
            for other in labels[(position + 1)...] where label.rect.intersects(other.rect) {
                out.append("labels of edges \(label.edge) and \(other.edge) overlap")
            }
        }
        return out
    }
}
