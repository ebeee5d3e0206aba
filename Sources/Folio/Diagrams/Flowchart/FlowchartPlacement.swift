// From a flowchart to layered layouts and back, as Mermaid does it: a subgraph no edge crosses is laid out on its
// own (in its own `direction`) and becomes one big node of its parent; a subgraph edges cross is a cluster of
// its parent's layout and inherits its direction. Edges to a subgraph end at its frame.

/// Where everything went, on the page.
struct FlowchartPlacement {
    var nodeFrames: [DiagramRect]
    var subgraphFrames: [DiagramRect]
    /// By edge number; empty for edges not drawn.
    var edgeRoutes: [[DiagramPoint]]
    var labelCenters: [DiagramPoint?]
    var width: Double
    var height: Double
    var crossings: Int
}

struct FlowchartPlacer {
    let model: FlowchartModel
    let nodeSizes: [(width: Double, height: Double)]
    let labelSizes: [(width: Double, height: Double)?]
    /// Title text size per subgraph, band padding included in the height.
    let titleSizes: [(width: Double, height: Double)]

    static let margin = 8.0

    private enum Item: Equatable {
        case node(Int)
        case subgraph(Int)

        /// A hashable stand-in: nodes as themselves, subgraphs as negative numbers.
        var key: Int {
            switch self {
            case .node(let node): return node
            case .subgraph(let subgraph): return -1 - subgraph
            }
        }
    }

    private struct Scope {
        var result: LayeredResult
        /// Layout node index → what it stands for.
        var items: [Item]
        var clusters: [Int]
        var edges: [Int]
    }

    func place() -> FlowchartPlacement {
        let subgraphCount = model.subgraphs.count
        let parent: [Int?] = model.subgraphs.map { $0.parent.flatMap { model.subgraphIndex[$0] } }
        var nodeOwner = [Int?](repeating: nil, count: model.nodes.count)
        for (index, subgraph) in model.subgraphs.enumerated() {
            for id in subgraph.nodes { if let node = model.nodeIndex[id] { nodeOwner[node] = index } }
        }
        func ancestors(_ item: Item) -> [Int] {  // innermost first; a subgraph's own index excluded
            var out: [Int] = []
            var current: Int?
            switch item {
            case .node(let node): current = nodeOwner[node]
            case .subgraph(let subgraph): current = parent[subgraph]
            }
            while let next = current {
                out.append(next)
                current = parent[next]
            }
            return out
        }
        func item(_ id: String) -> Item? {
            if let subgraph = model.subgraphIndex[id] { return .subgraph(subgraph) }
            return model.nodeIndex[id].map { .node($0) }
        }
        let edgeEnds: [(Item, Item)?] = model.edges.map { edge in
            guard !edge.isSkipped, let from = item(edge.from), let to = item(edge.to) else { return nil }
            return (from, to)
        }
        let ancestry = edgeEnds.map { ends in ends.map { (Set(ancestors($0.0)), Set(ancestors($0.1))) } }
        var isSeparate = [Bool](repeating: true, count: subgraphCount)
        for case let (fromAncestors, toAncestors)? in ancestry {
            for subgraph in fromAncestors.symmetricDifference(toAncestors) { isSeparate[subgraph] = false }
        }
        func scope(_ item: Item) -> Int {  // -1 is the whole diagram
            ancestors(item).first { isSeparate[$0] } ?? -1
        }
        func depth(_ subgraph: Int) -> Int { ancestors(.subgraph(subgraph)).count }

        var scopes: [Int: Scope] = [:]
        var bigSizes = [(width: Double, height: Double)](repeating: (0, 0), count: subgraphCount)
        var contentOffsets = [DiagramPoint](repeating: DiagramPoint(x: 0, y: 0), count: subgraphCount)
        var directions = [FlowDirection](repeating: model.direction, count: subgraphCount)
        for subgraph in 0..<subgraphCount {  // parents come first in declaration order
            let inherited = parent[subgraph].map { directions[$0] } ?? model.direction
            directions[subgraph] = isSeparate[subgraph] ? (model.subgraphs[subgraph].direction ?? inherited) : inherited
        }
        let order = (0..<subgraphCount).filter { isSeparate[$0] }.sorted {
            (depth($0), $1) > (depth($1), $0)
        } + [-1]
        let padding = LayeredSpacing.clusterPadding
        for owner in order {
            // What this layout holds, in declaration order: its nodes, and its separate subgraphs where their
            // first node is (or at the end when empty).
            var items: [Item] = []
            var placedSubgraphs = Set<Int>()
            for node in model.nodes.indices {
                let chain = ancestors(.node(node))
                if scope(.node(node)) == owner {
                    items.append(.node(node))
                } else if let separate = chain.last(where: { isSeparate[$0] && scope(.subgraph($0)) == owner }),
                    placedSubgraphs.insert(separate).inserted
                {
                    items.append(.subgraph(separate))
                }
            }
            for subgraph in 0..<subgraphCount where isSeparate[subgraph] && scope(.subgraph(subgraph)) == owner
                && !placedSubgraphs.contains(subgraph)
            {
                items.append(.subgraph(subgraph))
            }
            let clusters = (0..<subgraphCount).filter { !isSeparate[$0] && scope(.subgraph($0)) == owner }
            let clusterNumber = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
            var graph = LayeredGraph()
            graph.direction = owner >= 0 ? directions[owner] : model.direction
            for cluster in clusters {
                graph.clusters.append(.init(parent: parent[cluster].flatMap { clusterNumber[$0] },
                                            titleWidth: titleSizes[cluster].width,
                                            titleHeight: titleSizes[cluster].height))
            }
            for item in items {
                let size: (width: Double, height: Double)
                let owner: Int?
                switch item {
                case .node(let node): (size, owner) = (nodeSizes[node], nodeOwner[node])
                case .subgraph(let subgraph): (size, owner) = (bigSizes[subgraph], parent[subgraph])
                }
                graph.nodes.append(.init(width: size.width, height: size.height,
                                         cluster: owner.flatMap { clusterNumber[$0] }))
            }
            let layoutIndex = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.key, $0) })
            let members: [Int: [Int]] = Dictionary(grouping: items.indices.flatMap { index in
                ancestors(items[index]).filter { clusterNumber[$0] != nil }.map { (cluster: $0, node: index) }
            }, by: \.cluster).mapValues { $0.map(\.node) }
            var edges: [Int] = []
            var pending: [(edge: Int, from: Item, to: Item)] = []
            for (index, ends) in edgeEnds.enumerated() {
                guard let (from, to) = ends, scope(from) == owner, scope(to) == owner else { continue }
                pending.append((index, from, to))
            }
            func direct(_ item: Item) -> Int? { layoutIndex[item.key] }
            // A cluster's edges attach to a member: one nothing inside points to (coming in), or that points to
            // nothing inside (going out), so the edge meets the frame on the side it comes from.
            func representative(of cluster: Int, incoming: Bool) -> Int {
                let inside = members[cluster] ?? []
                let insideSet = Set(inside)
                for candidate in inside {
                    let linked = pending.contains { edge in
                        guard let from = direct(edge.from), let to = direct(edge.to) else { return false }
                        return incoming ? (to == candidate && insideSet.contains(from))
                            : (from == candidate && insideSet.contains(to))
                    }
                    if !linked { return candidate }
                }
                return inside.first ?? 0
            }
            func endpoint(_ item: Item, incoming: Bool) -> Int {
                if let index = direct(item) { return index }
                if case .subgraph(let subgraph) = item { return representative(of: subgraph, incoming: incoming) }
                return 0
            }
            for edge in pending {
                let model = self.model.edges[edge.edge]
                graph.edges.append(.init(from: endpoint(edge.from, incoming: false), to: endpoint(edge.to, incoming: true),
                                         minimumLength: model.length, label: labelSizes[edge.edge]))
                edges.append(edge.edge)
            }
            let result = LayeredLayout.layout(graph)
            scopes[owner] = Scope(result: result, items: items, clusters: clusters, edges: edges)
            if owner >= 0 {
                let title = titleSizes[owner]
                let inner = max(result.width, title.width)
                let empty = items.isEmpty
                bigSizes[owner] = (inner + 2 * padding, result.height + 2 * padding + title.height + (empty ? 8 : 0))
                contentOffsets[owner] = DiagramPoint(x: padding + (inner - result.width) / 2, y: padding + title.height)
            }
        }

        var placement = FlowchartPlacement(
            nodeFrames: Array(repeating: DiagramRect(x: 0, y: 0, width: 0, height: 0), count: model.nodes.count),
            subgraphFrames: Array(repeating: DiagramRect(x: 0, y: 0, width: 0, height: 0), count: subgraphCount),
            edgeRoutes: Array(repeating: [], count: model.edges.count),
            labelCenters: Array(repeating: nil, count: model.edges.count),
            width: 0, height: 0, crossings: 0)
        func put(_ owner: Int, at origin: DiagramPoint) {
            guard let scope = scopes[owner] else { return }
            func shift(_ point: DiagramPoint) -> DiagramPoint { DiagramPoint(x: point.x + origin.x, y: point.y + origin.y) }
            placement.crossings += scope.result.crossings
            for (index, item) in scope.items.enumerated() {
                let center = shift(scope.result.nodeCenters[index])
                switch item {
                case .node(let node):
                    placement.nodeFrames[node] = DiagramRect(center: center, width: nodeSizes[node].width,
                                                            height: nodeSizes[node].height)
                case .subgraph(let subgraph):
                    let frame = DiagramRect(center: center, width: bigSizes[subgraph].width,
                                           height: bigSizes[subgraph].height)
                    placement.subgraphFrames[subgraph] = frame
                    put(subgraph, at: DiagramPoint(x: frame.x + contentOffsets[subgraph].x,
                                                   y: frame.y + contentOffsets[subgraph].y))
                }
            }
            for (index, cluster) in scope.clusters.enumerated() {
                var frame = scope.result.clusterFrames[index]
                frame.x += origin.x
                frame.y += origin.y
                placement.subgraphFrames[cluster] = frame
            }
            for (index, edge) in scope.edges.enumerated() {
                placement.edgeRoutes[edge] = scope.result.edgeRoutes[index].map(shift)
                placement.labelCenters[edge] = scope.result.labelCenters[index].map(shift)
            }
        }
        put(-1, at: DiagramPoint(x: Self.margin, y: Self.margin))
        let root = scopes[-1]!.result
        placement.width = root.width + 2 * Self.margin
        placement.height = root.height + 2 * Self.margin
        return placement
    }
}
