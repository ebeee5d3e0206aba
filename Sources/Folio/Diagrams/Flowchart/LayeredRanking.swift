// Layers: cycles broken by reversing the edges a depth-first search finds going back up its path, then ranks by
// network simplex (shortest total edge length that respects every edge's minimum length).

enum LayeredRanking {
    /// Which edges to reverse so the graph has no cycle: back edges of a depth-first search in node order.
    /// Self-loops are left out of ranking altogether and are never reversed.
    static func backEdges(nodeCount: Int, edges: [(from: Int, to: Int)]) -> [Bool] {
        var outgoing = [[Int]](repeating: [], count: nodeCount)
        for (index, edge) in edges.enumerated() where edge.from != edge.to { outgoing[edge.from].append(index) }
        enum State { case unvisited, onPath, done }
        var state = [State](repeating: .unvisited, count: nodeCount)
        var reversed = [Bool](repeating: false, count: edges.count)
        for start in 0..<nodeCount where state[start] == .unvisited {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = .onPath
            while var top = stack.popLast() {
                if top.next < outgoing[top.node].count {
                    let edge = outgoing[top.node][top.next]
                    top.next += 1
                    stack.append(top)
                    let target = edges[edge].to
                    switch state[target] {
                    case .onPath: reversed[edge] = true
                    case .unvisited:
                        state[target] = .onPath
                        stack.append((target, 0))
                    case .done: break
                    }
                } else {
                    state[top.node] = .done
                }
            }
        }
        return reversed
    }

    /// Ranks for an acyclic graph: `minimumLength` per edge, every component starting at 0.
    static func ranks(nodeCount: Int, edges: [(from: Int, to: Int, minimumLength: Int)]) -> [Int] {
        let simplexEdges = edges.map {
            NetworkSimplex.Edge(from: $0.from, to: $0.to, minimumLength: $0.minimumLength, weight: 1)
        }
        if let ranks = NetworkSimplex.solve(nodeCount: nodeCount, edges: simplexEdges) { return ranks }
        // Unreachable for an acyclic graph; a flat row is still a drawing.
        return Array(repeating: 0, count: nodeCount)
    }
}
