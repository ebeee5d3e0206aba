// From a flowchart to Graphviz's `dot` and back. Nodes go in with the sizes Folio measured (fixed, so dot's font
// guesses never matter), subgraphs as nested clusters with a title band, edge labels as fixed-size boxes; nodes
// and edges go in the order that keeps the author's (`FlowchartOrder`), and edges that close a cycle go in
// reversed (`backEdges`), so the first edge's direction wins, as in Mermaid.
// Edge labels are nodes of their own on the edge's way (dot's own edge labels, sized by an HTML table, crash
// Graphviz 2.43's cleanup in some graphs with clusters).
// Out come centres, cluster boxes, label centres and each edge's Bézier route, turned to SVG's y-down space.
import CGraphviz
import Synchronization

/// Where everything went, on the page.
struct FlowchartPlacement: Sendable {
    var nodeFrames: [DiagramRect]
    var subgraphFrames: [DiagramRect]
    /// By edge number: a cubic Bézier chain (start, then two controls and an end per piece); empty when not drawn.
    var edgeRoutes: [[DiagramPoint]]
    var labelCenters: [DiagramPoint?]
    var width: Double
    var height: Double
}

struct FlowchartPlacer {
    let model: FlowchartModel
    let nodeSizes: [(width: Double, height: Double)]
    let labelSizes: [(width: Double, height: Double)?]
    /// Title text size per subgraph, band padding included in the height.
    let titleSizes: [(width: Double, height: Double)]

    static let margin = 8.0
    /// Space between a cluster's border and its members, in points (dot's own default for clusters).
    static let clusterMargin = "8"
    /// Mermaid's 50 px between nodes of a rank and between ranks, a little tighter: dot adds its own room for
    /// labels and clusters.
    static let nodeSeparation = 40.0
    static let rankSeparation = 40.0

    /// Layouts already made, by everything dot was given. Graphviz 2.43 keeps about 4 kB per cluster after each
    /// layout (measured: 3 clusters, 1,000 layouts, 12.8 MB), so `folio serve` re-drawing unchanged charts on
    /// every save must not lay them out again. Emptied when it reaches `cacheLimit` entries.
    private static let cache = Mutex<[String: FlowchartPlacement]>([:])
    static let cacheLimit = 512

    /// Everything that decides the layout, as text.
    private var layoutKey: String {
        var key = "\(model.direction.rawValue)|"
        for (index, node) in model.nodes.enumerated() {
            key += "n\(node.id)\u{1}\(node.shape)\u{1}\(nodeSizes[index].width)x\(nodeSizes[index].height)|"
        }
        for (index, subgraph) in model.subgraphs.enumerated() {
            key += "s\(subgraph.id)\u{1}\(subgraph.parent ?? "")\u{1}\(subgraph.nodes.joined(separator: "\u{1}"))\u{1}"
                + "\(subgraph.children.count)\u{1}\(titleSizes[index].width)x\(titleSizes[index].height)|"
        }
        for (index, edge) in model.edges.enumerated() {
            let label = labelSizes[index].map { "\($0.width)x\($0.height)" } ?? ""
            key += "e\(edge.from)\u{1}\(edge.to)\u{1}\(edge.length)\u{1}\(edge.stroke)\u{1}\(edge.isSkipped)\u{1}\(label)|"
        }
        return key
    }

    func place() throws(DiagramFailure) -> FlowchartPlacement {
        let key = layoutKey
        if let known = Self.cache.withLock({ $0[key] }) { return known }
        // Dot ranks a cluster as one block, so a cycle can exist only between clusters (in and out of a cluster
        // through two of its members that share a rank): Folio's cycle breaking, node by node, cannot see it,
        // and dot turns an edge of it by itself, only that half of a labelled edge. When it then routes the edge
        // the long way round (random chart 109: 1,289 long for 276 apart), the edge is given to dot reversed, as a
        // back edge is, and the chart laid out once more. Only then, and only for charts of up to `relayoutEdges`
        // edges: a second layout doubles the time.
        var reversed = backEdges()
        var turns = 0
        while true {
            let result = Graphviz.layout({ graph in build(graph, reversed: reversed) },
                                         read: { graph, objects in (read(graph, objects), turned(objects)) })
            switch result {
            case .success(let (placement, turned)):
                let long = turned.filter { index in
                    let route = placement.edgeRoutes[index]
                    return route.count >= 2
                        && BezierRoute.length(route) > 3 * BezierRoute.distance(route[0], route[route.count - 1])
                }
                if !long.isEmpty, turns < Self.turnLimit, model.edges.count <= Self.relayoutEdges {
                    reversed.formUnion(long)
                    turns += 1
                    continue
                }
                Self.cache.withLock { cache in
                    if cache.count >= Self.cacheLimit { cache.removeAll() }
                    cache[key] = placement
                }
                return placement
            case .failure(let error):
                throw .invalid([.error("Graphviz could not lay out this flowchart: \(error.message)",
                                       line: 1, column: 1)])
            }
        }
    }

    /// How many times a chart is laid out again for edges dot turned.
    static let turnLimit = 2
    /// Larger charts are laid out once: the test chart at Folio's limits (250 edges) turned a labelled edge, and
    /// its second layout took it past its two seconds in a loaded test run; among so many edges one long route
    /// is not what spoils the drawing.
    static let relayoutEdges = 120

    /// The labelled edges whose label dot ranked outside the span of their ends (it turned one half of the edge).
    private func turned(_ objects: Objects) -> Set<Int> {
        var out = Set<Int>()
        for (index, pieces) in objects.edges.enumerated() where pieces.count == 2 && !objects.reversed.contains(index) {
            let (tail, label) = (folio_tail_rank(pieces[0]), folio_head_rank(pieces[0]))
            let head = folio_head_rank(pieces[1])
            if tail != head, !(min(tail, head) < label && label < max(tail, head)) { out.insert(index) }
        }
        return out
    }

    private static func inches(_ points: Double) -> String { String(format: "%.4f", points / 72) }

    /// A node's size for dot: dot puts centres on whole points, so an even whole size keeps the drawn node (the
    /// exact size) inside the box dot reserved and its clusters drew around.
    private static func reserved(_ size: Double) -> String { inches(2 * (size / 2).rounded(.up)) }

    /// A label Graphviz sizes as given: an empty fixed-size HTML table.
    private static func box(width: Double, height: Double) -> String {
        #"<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="0" CELLSPACING="0" FIXEDSIZE="TRUE" "#
            + #"WIDTH="\#(Int(width.rounded(.up)))" HEIGHT="\#(Int(height.rounded(.up)))"><TR><TD></TD></TR></TABLE>"#
    }

    /// Graphviz's shape for each of Folio's: the same outline where dot has it, else the bounding box (the
    /// route's end is then moved onto Folio's outline).
    private static func dotShape(_ shape: NodeShape) -> String {
        switch shape {
        case .circle, .doubleCircle: return "ellipse"
        case .rhombus: return "diamond"
        default: return "box"
        }
    }

    /// What `build` made: the nodes and clusters by index, the edges by edge number.
    private struct Objects {
        var nodes: [DotNode] = []
        var clusters: [DotGraph] = []
        /// One edge, or two when a label node sits between the halves.
        var edges: [[DotEdge]] = []
        var labels: [DotNode?] = []
        /// Edges given to dot head first (`backEdges`): their routes are read back the other way round.
        var reversed: Set<Int> = []
    }

    /// For a node or subgraph id, the subgraphs around it, innermost first (a subgraph's own index excluded).
    private func clusterChains() -> (String) -> [Int] {
        var owner: [String: Int] = [:]
        for (index, subgraph) in model.subgraphs.enumerated() {
            for id in subgraph.nodes { owner[id] = index }
        }
        let parent = model.subgraphs.map { $0.parent.flatMap { model.subgraphIndex[$0] } }
        return { id in
            var out: [Int] = []
            var current = model.subgraphIndex[id].flatMap { parent[$0] } ?? owner[id]
            while let next = current {
                out.append(next)
                current = parent[next]
            }
            return out
        }
    }

    private func build(_ graph: DotGraph, reversed: Set<Int>) -> Objects {
        let root = UnsafeMutableRawPointer(graph)
        folio_set(root, "rankdir", model.direction.rawValue)
        folio_set(root, "nodesep", Self.inches(Self.nodeSeparation))
        let halved = labelSizes.contains { $0 != nil }
        folio_set(root, "ranksep", Self.inches(halved ? Self.rankSeparation / 2 : Self.rankSeparation))
        folio_set(root, "compound", "true")
        // Dot keeps sibling clusters apart by their parent's `margin`, read in points: for clusters at the top,
        // the root's. Its drawing margin (inches, for renderers) means nothing here, Folio adds its own.
        folio_set(root, "margin", Self.clusterMargin)
        folio_set(root, "labelloc", "t")
        // Clusters first, then nodes and edges in the order that keeps the author's (`FlowchartOrder`).
        var clusters: [DotGraph] = []
        for (index, subgraph) in model.subgraphs.enumerated() {
            let parent = subgraph.parent.flatMap { model.subgraphIndex[$0] }.map { clusters[$0] } ?? graph
            let cluster = folio_subgraph(parent, "cluster_\(index)")!
            folio_set_html(graph, UnsafeMutableRawPointer(cluster), "label",
                           Self.box(width: titleSizes[index].width, height: titleSizes[index].height))
            // Room between the cluster's border and its members, and between its child clusters.
            folio_set(UnsafeMutableRawPointer(cluster), "margin", Self.clusterMargin)
            clusters.append(cluster)
        }
        var owner: [Int: Int] = [:]  // by node: its subgraph
        for (index, subgraph) in model.subgraphs.enumerated() {
            for id in subgraph.nodes { if let node = model.nodeIndex[id] { owner[node] = index } }
        }
        let vertices = vertices()
        var made = [DotNode?](repeating: nil, count: model.nodes.count + model.subgraphs.count)
        for vertex in creationOrder(vertices) {
            if vertex < model.nodes.count {
                let dotNode = folio_node(graph, "n\(vertex)")!
                let object = UnsafeMutableRawPointer(dotNode)
                folio_set(object, "shape", Self.dotShape(model.nodes[vertex].shape))
                folio_set(object, "fixedsize", "true")
                folio_set(object, "label", "")
                folio_set(object, "width", Self.reserved(nodeSizes[vertex].width))
                folio_set(object, "height", Self.reserved(nodeSizes[vertex].height))
                if let subgraph = owner[vertex] { folio_add_node(clusters[subgraph], dotNode) }
                made[vertex] = dotNode
            } else {
                let index = vertex - model.nodes.count
                let placeholder = folio_node(clusters[index], "p\(index)")!
                let object = UnsafeMutableRawPointer(placeholder)
                folio_set(object, "shape", "box")
                folio_set(object, "style", "invis")
                folio_set(object, "fixedsize", "true")
                folio_set(object, "label", "")
                folio_set(object, "width", Self.inches(max(titleSizes[index].width, 40)))
                folio_set(object, "height", Self.inches(8))
                made[vertex] = placeholder
            }
        }
        let nodes = made[0..<model.nodes.count].map { $0! }
        for vertex in orderedTails(vertices, reversed: reversed) {
            if let node = made[vertex] { folio_set(UnsafeMutableRawPointer(node), "ordering", "out") }
        }
        func end(_ id: String) -> (node: DotNode, cluster: String?)? {
            guard let vertex = vertex(id, in: vertices), let node = made[vertex] else { return nil }
            return (node, model.subgraphIndex[id].map { "cluster_\($0)" })
        }
        let scale = labelSizes.contains { $0 != nil } ? 2 : 1
        let chains = clusterChains()
        var edges = [[DotEdge]](repeating: [], count: model.edges.count)
        var labels = [DotNode?](repeating: nil, count: model.edges.count)
        var grouped = Set<DotNode>()
        for index in edgeCreationOrder(vertices, reversed: reversed) {
            let edge = model.edges[index]
            guard var tail = end(edge.from), var head = end(edge.to) else { continue }
            if reversed.contains(index) { swap(&tail, &head) }
            // A label is a node of its own on the edge's way, as Mermaid's layout does it, in the innermost
            // subgraph holding both ends: dot keeps it clear of everything, and the line runs under its middle.
            var stops = [tail.node]
            if let size = labelSizes[index], edge.stroke != .invisible {
                let common = chains(edge.from).first { chains(edge.to).contains($0) }
                let label = folio_node(common.map { clusters[$0] } ?? graph, "l\(index)")!
                let object = UnsafeMutableRawPointer(label)
                folio_set(object, "shape", "box")
                folio_set(object, "fixedsize", "true")
                folio_set(object, "label", "")
                folio_set(object, "width", Self.reserved(size.width))
                folio_set(object, "height", Self.reserved(size.height))
                labels[index] = label
                // A back edge's label goes beside everything between the ends (dot orders it last in its rank):
                // in one `group` with the edge's target, dot lines the two up instead of sending the line out
                // and back (chart 22: 531 long for 168 apart before). Grouping the source too lengthened other
                // edges (random chart 21).
                if reversed.contains(index) {
                    for member in [tail.node, label] where grouped.insert(member).inserted {
                        folio_set(UnsafeMutableRawPointer(member), "group", "back\(index)")
                    }
                }
                stops.append(label)
            }
            stops.append(head.node)
            // With labels about, every edge spans twice the ranks (and ranks are half as far apart): a labelled
            // edge's two halves then take what one unlabelled edge takes.
            let length = edge.length * scale / (stops.count - 1)
            for (piece, (from, to)) in zip(stops, stops.dropFirst()).enumerated() {
                let dotEdge = folio_edge(graph, from, to, "e\(index).\(piece)")!
                let object = UnsafeMutableRawPointer(dotEdge)
                // Arrows at both ends make dot record where each end meets its node or cluster (and keep its
                // cluster-edge clipping on the path it was written for); Folio draws its own markers.
                folio_set(object, "dir", "both")
                if length > 1 { folio_set(object, "minlen", String(length)) }
                if piece == 0, let cluster = tail.cluster { folio_set(object, "ltail", cluster) }
                if piece == stops.count - 2, let cluster = head.cluster { folio_set(object, "lhead", cluster) }
                if edge.stroke == .invisible { folio_set(object, "style", "invis") }
                edges[index].append(dotEdge)
            }
        }
        for (number, (left, right)) in siblingTies(vertices, reversed: reversed).enumerated() {
            guard let left = made[left], let right = made[right] else { continue }
            let tie = UnsafeMutableRawPointer(folio_edge(graph, left, right, "t\(number)")!)
            folio_set(tie, "minlen", "0")
            folio_set(tie, "style", "invis")
        }
        return Objects(nodes: nodes, clusters: clusters, edges: edges, labels: labels, reversed: reversed)
    }

    private func read(_ graph: DotGraph, _ objects: Objects) -> FlowchartPlacement {
        let bounds = folio_graph_box(graph)
        let margin = Self.margin
        func point(_ p: pointf) -> DiagramPoint {
            DiagramPoint(x: p.x - bounds.LL.x + margin, y: bounds.UR.y - p.y + margin)
        }
        func rect(_ box: boxf) -> DiagramRect {
            let corner = point(pointf(x: box.LL.x, y: box.UR.y))
            return DiagramRect(x: corner.x, y: corner.y, width: box.UR.x - box.LL.x, height: box.UR.y - box.LL.y)
        }
        var placement = FlowchartPlacement(
            nodeFrames: [], subgraphFrames: [],
            edgeRoutes: Array(repeating: [], count: model.edges.count),
            labelCenters: Array(repeating: nil, count: model.edges.count),
            width: bounds.UR.x - bounds.LL.x + 2 * margin, height: bounds.UR.y - bounds.LL.y + 2 * margin)
        for index in model.nodes.indices {
            let node = objects.nodes[index]
            let center = point(pointf(x: folio_node_x(node), y: folio_node_y(node)))
            placement.nodeFrames.append(DiagramRect(center: center, width: nodeSizes[index].width,
                                                    height: nodeSizes[index].height))
        }
        for index in model.subgraphs.indices {
            placement.subgraphFrames.append(rect(folio_graph_box(objects.clusters[index])))
        }
        var loops: [Int: Int] = [:]  // unlabelled self-loops read so far, by node
        for (index, halves) in objects.edges.enumerated() {
            var route: [DiagramPoint] = []
            for edge in halves {
                let pieces = folio_edge_piece_count(edge)
                for piece in 0..<pieces {
                    var points = (0..<folio_edge_point_count(edge, piece)).map {
                        point(folio_edge_point(edge, piece, $0))
                    }
                    guard points.count >= 4 else { continue }
                    if piece == 0, folio_edge_has_start(edge, piece) != 0 {
                        points = Self.moving(points, endAt: 0, to: point(folio_edge_start(edge, piece)))
                    }
                    if piece == pieces - 1, folio_edge_has_end(edge, piece) != 0 {
                        points = Self.moving(points, endAt: points.count - 1, to: point(folio_edge_end(edge, piece)))
                    }
                    // The next piece (or half) starts where this one ended, or across the label: a straight
                    // Bézier joins them.
                    if let last = route.last { route += [last, points[0]] }
                    route += points
                }
            }
            guard !route.isEmpty else { continue }
            if objects.reversed.contains(index) { route.reverse() }
            let edge = model.edges[index]
            if edge.from == edge.to, objects.labels[index] == nil, let node = model.nodeIndex[edge.from] {
                loops[node, default: 0] += 1
                route = SelfLoop.pulledIn(route, around: placement.nodeFrames[node],
                                          reach: SelfLoop.room * Double(loops[node]!))
            }
            placement.edgeRoutes[index] = route
            if let label = objects.labels[index] {
                placement.labelCenters[index] = point(pointf(x: folio_node_x(label), y: folio_node_y(label)))
            }
        }
        func frame(_ id: String) -> DiagramRect? {
            if let node = model.nodeIndex[id] { return placement.nodeFrames[node] }
            return model.subgraphIndex[id].map { placement.subgraphFrames[$0] }
        }
        let ends = model.edges.indices.map { index -> ParallelEdges.Ends? in
            let edge = model.edges[index]
            guard objects.labels[index] == nil, edge.from != edge.to, let from = frame(edge.from),
                  let to = frame(edge.to) else { return nil }
            return ParallelEdges.Ends(from: edge.from, to: edge.to, fromFrame: from, toFrame: to)
        }
        placement.edgeRoutes = ParallelEdges.tightened(placement.edgeRoutes, ends: ends,
                                                       acrossX: !model.direction.isHorizontal)
        for (index, edge) in model.edges.enumerated() where !placement.edgeRoutes[index].isEmpty {
            placement.edgeRoutes[index] = fitted(placement.edgeRoutes[index], edge: edge, placement: placement)
        }
        return placement
    }

    /// Moves the end point at `end` (first or last) to `target`, and its neighbouring control point with it.
    private static func moving(_ points: [DiagramPoint], endAt end: Int, to target: DiagramPoint) -> [DiagramPoint] {
        var out = points
        let control = end == 0 ? 1 : end - 1
        let shift = DiagramPoint(x: target.x - out[end].x, y: target.y - out[end].y)
        out[end] = target
        out[control] = DiagramPoint(x: out[control].x + shift.x, y: out[control].y + shift.y)
        return out
    }

    /// The route with its ends on the outlines Folio draws (dot's are the box for most shapes).
    private func fitted(_ route: [DiagramPoint], edge: FlowEdge, placement: FlowchartPlacement) -> [DiagramPoint] {
        func outline(_ id: String) -> (FlowchartGeometry.Outline, Double)? {
            if let node = model.nodeIndex[id] {
                let frame = placement.nodeFrames[node]
                return (FlowchartGeometry.outline(of: model.nodes[node].shape, in: frame),
                        max(frame.width, frame.height) / 2)
            }
            guard let subgraph = model.subgraphIndex[id], subgraph < placement.subgraphFrames.count else { return nil }
            return (.rectangle(placement.subgraphFrames[subgraph]), 16)
        }
        var out = route
        if let (start, reach) = outline(edge.from) { out = BezierRoute.fitStart(out, to: start, reach: reach) }
        if let (end, reach) = outline(edge.to) { out = BezierRoute.fitEnd(out, to: end, reach: reach) }
        return out
    }
}
