// The layered (Sugiyama) layout, step by step: break cycles, rank, split long edges, order layers, place across,
// stack the layers, frame the clusters, route the edges. It works top to bottom; other directions swap each
// box's sides going in and turn the coordinates coming out.

enum LayeredLayout {
    static func layout(_ graph: LayeredGraph) -> LayeredResult {
        let horizontal = graph.direction.isHorizontal
        /// A page size as (across the layers, along the ranks).
        func turned(_ width: Double, _ height: Double) -> (Double, Double) {
            horizontal ? (height, width) : (width, height)
        }
        let nodeCount = graph.nodes.count

        // 1. Cycles: reverse back edges for ranking; they are drawn in their own direction at the end.
        let reversed = LayeredRanking.backEdges(nodeCount: nodeCount, edges: graph.edges.map { ($0.from, $0.to) })
        func ends(_ index: Int) -> (top: Int, bottom: Int) {
            let edge = graph.edges[index]
            return reversed[index] ? (edge.to, edge.from) : (edge.from, edge.to)
        }

        // 2. Ranks, doubled so every edge has a middle layer for its label (dagre's trick).
        let rankEdges = graph.edges.indices.filter { graph.edges[$0].from != graph.edges[$0].to }.map {
            (from: ends($0).top, to: ends($0).bottom, minimumLength: 2 * max(graph.edges[$0].minimumLength, 1))
        }
        var ranks = LayeredRanking.ranks(nodeCount: nodeCount, edges: rankEdges)
        // A subgraph member with no edges would sit on layer 0 and stretch its frame across every layer up to
        // its siblings, pushing unrelated nodes around the frame: it joins its connected siblings' first layer.
        var connected = [Bool](repeating: false, count: nodeCount)
        for edge in rankEdges { connected[edge.from] = true; connected[edge.to] = true }
        for index in 0..<nodeCount where !connected[index] {
            guard let cluster = graph.nodes[index].cluster else { continue }
            let siblingRanks = (0..<nodeCount).filter { connected[$0] && graph.nodes[$0].cluster == cluster }
                .map { ranks[$0] }
            if let first = siblingRanks.min() { ranks[index] = first }
        }

        // 3. The grid: nodes, then each edge's bends and label, then fillers.
        var grid = LayerGrid()
        grid.clusterParent = graph.clusters.map(\.parent)
        for (index, node) in graph.nodes.enumerated() {
            let (across, along) = turned(node.width, node.height)
            grid.add(.node, width: across, height: along, cluster: node.cluster, rank: ranks[index])
        }
        var chains = [[Int]](repeating: [], count: graph.edges.count)
        for (index, edge) in graph.edges.enumerated() {
            if edge.from == edge.to {
                let label = edge.label.map { horizontal ? $0.height : $0.width + 6 } ?? 0
                grid.extraRight[edge.from] = max(grid.extraRight[edge.from], LayeredSpacing.loop + 10 + label)
                continue
            }
            let (top, bottom) = ends(index)
            let shared = commonCluster(graph.nodes[top].cluster, graph.nodes[bottom].cluster, grid)
            let labelRank = edge.label == nil ? nil : ranks[top] + (ranks[bottom] - ranks[top]) / 2
            var chain = [top]
            for rank in (ranks[top] + 1)..<ranks[bottom] {
                let bend: Int
                if rank == labelRank, let label = edge.label {
                    let (across, along) = turned(label.width, label.height)
                    bend = grid.add(.label, width: across, height: along, cluster: shared, rank: rank)
                } else {
                    bend = grid.add(.bend, width: 0, height: 0, cluster: shared, rank: rank)
                }
                grid.connect(chain[chain.count - 1], bend)
                chain.append(bend)
            }
            grid.connect(chain[chain.count - 1], bottom)
            chains[index] = chain + [bottom]
        }
        grid.finishStructure(layerCount: (ranks.max() ?? 0) + 1)

        // 4. Order within layers.
        let crossings = grid.reduceCrossings()

        // 5. Across the layers.
        let padding = LayeredSpacing.clusterPadding
        let clusterCount = graph.clusters.count
        let bands = graph.clusters.map(\.titleHeight)
        let across = ClusterMargins(
            before: (0..<clusterCount).map { padding + (horizontal ? bands[$0] : 0) },
            after: Array(repeating: padding, count: clusterCount),
            minimumExtent: graph.clusters.map { horizontal ? 0 : $0.titleWidth + 2 * padding })
        var along = ClusterMargins(
            before: (0..<clusterCount).map { padding + (graph.direction == .topToBottom ? bands[$0] : 0) },
            after: (0..<clusterCount).map { padding + (graph.direction == .bottomToTop ? bands[$0] : 0) },
            minimumExtent: [])
        let (x, clusterLeft, clusterRight) = grid.positions(margins: across)

        // 6. Along the ranks: each layer as tall as its tallest box, gaps widened where frames begin and end.
        var y = layerOffsets(grid, along: along)
        if horizontal {
            // The title runs along the ranks: widen the gaps around a cluster too short for it.
            var grew = false
            for cluster in 0..<clusterCount {
                var low = Double.infinity, high = -Double.infinity
                for node in 0..<grid.count where grid.kind[node] != .filler && grid.chains[node].contains(cluster) {
                    low = min(low, y[grid.rank[node]] - grid.height[node] / 2)
                    high = max(high, y[grid.rank[node]] + grid.height[node] / 2)
                }
                let extent = high - low + along.before[cluster] + along.after[cluster]
                let needed = graph.clusters[cluster].titleWidth + 2 * padding
                if low.isFinite, extent < needed {
                    along.before[cluster] += (needed - extent) / 2
                    along.after[cluster] += (needed - extent) / 2
                    grew = true
                }
            }
            if grew { y = layerOffsets(grid, along: along) }
        }

        // 7. Frames, innermost first so each contains its inner frames.
        var frames = [DiagramRect?](repeating: nil, count: clusterCount)
        let byDepth = (0..<clusterCount).sorted {
            let (left, right) = (grid.chain(of: $0).count, grid.chain(of: $1).count)
            return left != right ? left > right : $0 < $1
        }
        for cluster in byDepth {
            var box: DiagramRect?
            for node in 0..<grid.count where grid.kind[node] != .filler && grid.chains[node].last == cluster {
                let rect = DiagramRect(x: x[node] - grid.width[node] / 2, y: y[grid.rank[node]] - grid.height[node] / 2,
                                      width: grid.width[node] + grid.extraRight[node], height: grid.height[node])
                box = box.map { $0.union(rect) } ?? rect
            }
            for inner in 0..<clusterCount where graph.clusters[inner].parent == cluster {
                if let frame = frames[inner] { box = box.map { $0.union(frame) } ?? frame }
            }
            guard var frame = box else { continue }
            frame.x -= across.before[cluster]
            frame.width += across.before[cluster] + across.after[cluster]
            frame.y -= along.before[cluster]
            frame.height += along.before[cluster] + along.after[cluster]
            let least = across.minimumExtent[cluster]
            if frame.width < least {
                let centred = frame.x + frame.width / 2 - least / 2
                frame.x = min(max(centred, clusterLeft[cluster]), clusterRight[cluster] - least)
                frame.width = least
            }
            frames[cluster] = frame
        }

        // 8. Turn to the page and route.
        func page(_ point: DiagramPoint) -> DiagramPoint {
            switch graph.direction {
            case .topToBottom: return point
            case .bottomToTop: return DiagramPoint(x: point.x, y: -point.y)
            case .leftToRight: return DiagramPoint(x: point.y, y: point.x)
            case .rightToLeft: return DiagramPoint(x: -point.y, y: point.x)
            }
        }
        func page(_ rect: DiagramRect) -> DiagramRect {
            let a = page(DiagramPoint(x: rect.x, y: rect.y)), b = page(DiagramPoint(x: rect.maxX, y: rect.maxY))
            return DiagramRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
        }
        func point(_ node: Int) -> DiagramPoint { page(DiagramPoint(x: x[node], y: y[grid.rank[node]])) }
        let ports = self.ports(chains: chains, grid: grid, x: x, y: y)
        let centers = (0..<nodeCount).map(point)
        var routes: [[DiagramPoint]] = []
        var labels: [DiagramPoint?] = []
        for (index, edge) in graph.edges.enumerated() {
            if edge.from == edge.to {
                let (route, label) = loop(around: centers[edge.from], graph.nodes[edge.from], label: edge.label,
                                          horizontal: horizontal)
                routes.append(route)
                labels.append(label)
                continue
            }
            let chain = chains[index]
            var route = [point(chain[0]), page(ports[index].top)] + chain.dropFirst().dropLast().map(point)
                + [page(ports[index].bottom), point(chain[chain.count - 1])]
            if reversed[index] { route.reverse() }
            routes.append(route)
            labels.append(chains[index].first { grid.kind[$0] == .label }.map(point))
        }
        var pageFrames = frames.map { $0.map(page) ?? DiagramRect(x: 0, y: 0, width: 0, height: 0) }

        // 9. Origin at the drawing's top-left corner.
        var bounds: DiagramRect?
        func include(_ rect: DiagramRect) { bounds = bounds.map { $0.union(rect) } ?? rect }
        for (index, node) in graph.nodes.enumerated() {
            include(DiagramRect(center: centers[index], width: node.width, height: node.height))
        }
        for frame in frames.indices where frames[frame] != nil { include(pageFrames[frame]) }
        for (index, edge) in graph.edges.enumerated() {
            for point in routes[index] { include(DiagramRect(x: point.x, y: point.y, width: 0, height: 0)) }
            if let center = labels[index], let size = edge.label {
                include(DiagramRect(center: center, width: size.width, height: size.height))
            }
        }
        let box = bounds ?? DiagramRect(x: 0, y: 0, width: 0, height: 0)
        func shift(_ point: DiagramPoint) -> DiagramPoint { DiagramPoint(x: point.x - box.x, y: point.y - box.y) }
        for index in pageFrames.indices {
            pageFrames[index].x -= box.x
            pageFrames[index].y -= box.y
        }
        return LayeredResult(
            nodeCenters: centers.map(shift), edgeRoutes: routes.map { $0.map(shift) },
            labelCenters: labels.map { $0.map(shift) }, clusterFrames: pageFrames,
            width: box.width, height: box.height, crossings: crossings)
    }

    private static func commonCluster(_ first: Int?, _ second: Int?, _ grid: LayerGrid) -> Int? {
        let a = grid.chain(of: first), b = grid.chain(of: second)
        return zip(a, b).prefix { $0 == $1 }.last.map(\.0)
    }

    /// Where each edge leaves its upper node's lower side and enters its lower node's upper side: spread over
    /// the middle of the side in the order of where the edges go, so a fan leaves the side that faces it.
    private static func ports(chains: [[Int]], grid: LayerGrid, x: [Double], y: [Double])
        -> [(top: DiagramPoint, bottom: DiagramPoint)]
    {
        var leaving = [[(edge: Int, toward: Double)]](repeating: [], count: grid.count)
        var arriving = [[(edge: Int, toward: Double)]](repeating: [], count: grid.count)
        for (edge, chain) in chains.enumerated() where chain.count >= 2 {
            leaving[chain[0]].append((edge, x[chain[1]]))
            arriving[chain[chain.count - 1]].append((edge, x[chain[chain.count - 2]]))
        }
        var out = [(top: DiagramPoint, bottom: DiagramPoint)](
            repeating: (DiagramPoint(x: 0, y: 0), DiagramPoint(x: 0, y: 0)), count: chains.count)
        func spread(_ list: [(edge: Int, toward: Double)], node: Int, side: Double, set: (Int, DiagramPoint) -> Void) {
            let sorted = list.sorted { ($0.toward, $0.edge) < ($1.toward, $1.edge) }
            let half = grid.width[node] / 2, centre = x[node], level = y[grid.rank[node]] + side * grid.height[node] / 2
            for (index, entry) in sorted.enumerated() {
                let across = sorted.count == 1
                    ? min(max(entry.toward, centre - half * 0.3), centre + half * 0.3)
                    : centre - half * 0.4 + half * 0.8 * Double(index) / Double(sorted.count - 1)
                set(entry.edge, DiagramPoint(x: across, y: level))
            }
        }
        for node in 0..<grid.count {
            spread(leaving[node], node: node, side: 1) { out[$0].top = $1 }
            spread(arriving[node], node: node, side: -1) { out[$0].bottom = $1 }
        }
        return out
    }

    /// Centre line of each layer.
    private static func layerOffsets(_ grid: LayerGrid, along: ClusterMargins) -> [Double] {
        let layerCount = grid.layers.count
        var height = [Double](repeating: 0, count: layerCount)
        var opening = [Double](repeating: 0, count: layerCount)
        var closing = [Double](repeating: 0, count: layerCount)
        for node in 0..<grid.count where grid.kind[node] != .filler {
            let rank = grid.rank[node]
            height[rank] = max(height[rank], grid.height[node])
            var begins = 0.0, ends = 0.0
            for cluster in grid.chains[node] {
                guard let span = grid.clusterSpan[cluster] else { continue }
                if span.lowerBound == rank { begins += along.before[cluster] }
                if span.upperBound == rank { ends += along.after[cluster] }
            }
            opening[rank] = max(opening[rank], begins)
            closing[rank] = max(closing[rank], ends)
        }
        var y = [Double](repeating: 0, count: layerCount)
        for rank in 0..<layerCount {
            y[rank] = rank == 0
                ? opening[0] + height[0] / 2
                : y[rank - 1] + height[rank - 1] / 2 + closing[rank - 1] + LayeredSpacing.rank / 2 + opening[rank]
                    + height[rank] / 2
        }
        return y
    }

    /// A self-loop: out of the node's right side and back (its lower side when ranks run across the page).
    private static func loop(around center: DiagramPoint, _ node: LayeredGraph.Node,
                             label: (width: Double, height: Double)?, horizontal: Bool)
        -> ([DiagramPoint], DiagramPoint?)
    {
        let reach = LayeredSpacing.loop
        if horizontal {
            let spread = min(node.width * 0.3, 16), bottom = center.y + node.height / 2 + reach
            let route = [center, DiagramPoint(x: center.x + spread, y: bottom), DiagramPoint(x: center.x - spread, y: bottom),
                         center]
            return (route, label.map { DiagramPoint(x: center.x, y: bottom + 6 + $0.height / 2) })
        }
        let spread = min(node.height * 0.3, 14), right = center.x + node.width / 2 + reach
        let route = [center, DiagramPoint(x: right, y: center.y - spread), DiagramPoint(x: right, y: center.y + spread),
                     center]
        return (route, label.map { DiagramPoint(x: right + 6 + $0.width / 2, y: center.y) })
    }
}
