// The order in which nodes and edges go to dot, so that the author's order stays on the page as in Mermaid:
// siblings left to right (TB, BT) or top to bottom (LR, RL), and unconnected parts of a chart likewise.
// A node with edges to several others gets `ordering=out`: its out-edges keep their creation order. Without it,
// dot's crossing reduction swaps siblings that tie back and forth and leaves them in either order. Dot leaves
// edges into another cluster out of that, so siblings there are tied in order by invisible edges (`siblingTies`).
// With ranks across the page, Graphviz 2.43 turns only the root's ranks round, not a cluster's, and lays
// unconnected parts out bottom up. Measured: a fan inside a subgraph, and two subgraphs with nothing between them,
// came out bottom to top in LR and RL. So in those two directions the parts go to dot last first, and the edges
// of a node inside a subgraph go in reversed.

extension FlowchartPlacer {
    /// What dot is given, by number: the nodes (`0..<model.nodes.count`), then one per subgraph (its invisible
    /// placeholder when it is empty). A subgraph end of an edge is its representative.
    struct Vertices {
        var nodeCount: Int
        /// By subgraph: the vertex an edge to it attaches to (its first node at any depth, or its placeholder).
        var representative: [Int]
        /// Placeholders of empty subgraphs, by subgraph.
        var placeholders: [Int]

        func placeholder(of subgraph: Int) -> Int { nodeCount + subgraph }
    }

    func vertices() -> Vertices {
        let count = model.nodes.count
        var representative = [Int](repeating: 0, count: model.subgraphs.count)
        var placeholders: [Int] = []
        for index in model.subgraphs.indices.reversed() {  // children are declared after their parents
            let subgraph = model.subgraphs[index]
            if let first = subgraph.nodes.first, let node = model.nodeIndex[first] {
                representative[index] = node
            } else if let child = subgraph.children.lazy.compactMap({ model.subgraphIndex[$0] }).first {
                representative[index] = representative[child]
            } else {
                representative[index] = count + index
            }
            if subgraph.nodes.isEmpty && subgraph.children.isEmpty { placeholders.append(index) }
        }
        return Vertices(nodeCount: count, representative: representative, placeholders: placeholders.reversed())
    }

    /// The vertex standing for a node or subgraph id.
    func vertex(_ id: String, in vertices: Vertices) -> Int? {
        if let node = model.nodeIndex[id] { return node }
        return model.subgraphIndex[id].map { vertices.representative[$0] }
    }

    /// The vertices (nodes, then placeholders) in the order dot gets them.
    func creationOrder(_ vertices: Vertices) -> [Int] {
        let declared = Array(0..<vertices.nodeCount) + vertices.placeholders.map(vertices.placeholder(of:))
        guard model.direction.isHorizontal else { return declared }
        // Unconnected parts (dot's components: a top-level subgraph is one block) go in last part first.
        var part = Array(0..<(vertices.nodeCount + model.subgraphs.count))
        func root(_ vertex: Int) -> Int {
            var vertex = vertex
            while part[vertex] != vertex { part[vertex] = part[part[vertex]]; vertex = part[vertex] }
            return vertex
        }
        func join(_ first: Int, _ second: Int) {
            let (a, b) = (root(first), root(second))
            if a != b { part[max(a, b)] = min(a, b) }
        }
        for (index, subgraph) in model.subgraphs.enumerated() {
            let own = vertices.representative[index]
            for id in subgraph.nodes { if let node = model.nodeIndex[id] { join(node, own) } }
            for child in subgraph.children.compactMap({ model.subgraphIndex[$0] }) {
                join(vertices.representative[child], own)
            }
        }
        for edge in model.edges where !edge.isSkipped {
            if let from = vertex(edge.from, in: vertices), let to = vertex(edge.to, in: vertices) { join(from, to) }
        }
        var parts: [Int: [Int]] = [:]
        var firsts: [Int] = []
        for vertex in declared {
            let key = root(vertex)
            if parts[key] == nil { firsts.append(key) }
            parts[key, default: []].append(vertex)
        }
        return firsts.reversed().flatMap { parts[$0]! }
    }

    /// The edge numbers in the order dot gets them: declaration order, except that in LR and RL the edges leaving
    /// one node inside a subgraph (as dot draws them: `reversed` edges leave their head) swap places among
    /// themselves, last first.
    func edgeCreationOrder(_ vertices: Vertices, reversed: Set<Int>) -> [Int] {
        let declared = model.edges.indices.filter { !model.edges[$0].isSkipped }
        guard model.direction.isHorizontal else { return declared }
        var inside = Set<Int>(vertices.placeholders.map(vertices.placeholder(of:)))
        for subgraph in model.subgraphs {
            for id in subgraph.nodes { if let node = model.nodeIndex[id] { inside.insert(node) } }
        }
        var slots: [Int: [Int]] = [:]  // by leaving vertex: positions in `declared`
        for (position, index) in declared.enumerated() {
            let edge = model.edges[index]
            guard let tail = vertex(reversed.contains(index) ? edge.to : edge.from, in: vertices),
                  inside.contains(tail) else { continue }
            slots[tail, default: []].append(position)
        }
        var out = declared
        for positions in slots.values {
            for (position, source) in zip(positions, positions.reversed()) { out[position] = declared[source] }
        }
        return out
    }

    /// The vertices whose out-edges dot must keep in order: those with edges to two or more others, each once.
    /// Two edges to one node say nothing of order, and pinning them around a third edge sent one the long way
    /// round (the outbox golden: "mark published" under "publish").
    func orderedTails(_ vertices: Vertices, reversed: Set<Int>) -> Set<Int> {
        var targets: [Int: [String]] = [:]
        for (index, edge) in model.edges.enumerated() where !edge.isSkipped && edge.from != edge.to {
            let (from, to) = reversed.contains(index) ? (edge.to, edge.from) : (edge.from, edge.to)
            guard let tail = vertex(from, in: vertices) else { continue }
            targets[tail, default: []].append(to)
        }
        return Set(targets.filter { $0.value.count >= 2 && Set($0.value).count == $0.value.count }.keys)
    }

    /// Siblings that `ordering=out` cannot keep in order: dot leaves out an edge that enters another cluster, so
    /// `svc --> web1 & web2` into a subgraph came out web-2 first (corpus chart 03). Two such siblings, in the same
    /// subgraph at the same distance from their parent, are tied by an invisible edge of length 0, which dot keeps
    /// left to right when they share a rank; given as (left, right) in dot's own terms. Siblings with a path
    /// between them are left alone: the tie would close a cycle.
    func siblingTies(_ vertices: Vertices, reversed: Set<Int>) -> [(Int, Int)] {
        var cluster: [Int: Int] = [:]  // by vertex: its innermost subgraph
        for (index, subgraph) in model.subgraphs.enumerated() {
            for id in subgraph.nodes { if let node = model.nodeIndex[id] { cluster[node] = index } }
        }
        for index in vertices.placeholders { cluster[vertices.placeholder(of: index)] = index }
        var next: [Int: [Int]] = [:]
        var children: [Int: [(head: Int, length: Int)]] = [:]
        for (index, edge) in model.edges.enumerated() where !edge.isSkipped && edge.from != edge.to {
            let flipped = reversed.contains(index)
            guard let from = vertex(flipped ? edge.to : edge.from, in: vertices),
                  let to = vertex(flipped ? edge.from : edge.to, in: vertices), from != to else { continue }
            next[from, default: []].append(to)
            let (tailID, headID) = flipped ? (edge.to, edge.from) : (edge.from, edge.to)
            if labelSizes[index] == nil, model.nodeIndex[tailID] != nil,
               model.nodeIndex[headID] != nil, cluster[from] != cluster[to]
            {
                children[from, default: []].append((to, edge.length))
            }
        }
        func reaches(_ start: Int, _ goal: Int) -> Bool {
            var seen: Set<Int> = [start], queue = [start]
            while let vertex = queue.popLast() {
                for target in next[vertex] ?? [] where seen.insert(target).inserted {
                    if target == goal { return true }
                    queue.append(target)
                }
            }
            return false
        }
        let ordered = orderedTails(vertices, reversed: reversed)
        var out: [(Int, Int)] = []
        for tail in ordered.sorted() {
            guard let list = children[tail] else { continue }
            for (first, second) in zip(list, list.dropFirst())
            where cluster[first.head] == cluster[second.head] && first.length == second.length
                && !reaches(first.head, second.head) && !reaches(second.head, first.head)
            {
                // In LR and RL dot keeps a cluster's left to right as bottom to top (see the top of this file).
                let inverted = model.direction.isHorizontal && cluster[first.head] != nil
                out.append(inverted ? (second.head, first.head) : (first.head, second.head))
            }
        }
        return out
    }
}
