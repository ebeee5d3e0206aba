// Which edges close a cycle, decided the way Mermaid decides it: a depth-first walk from the nodes in declaration
// order, following edges in declaration order; an edge back to a node still on the walk's path is a back edge.
// Dot breaks cycles by itself too, but only edge by edge: a labelled edge is two edges to dot (through its label
// node), and dot would turn only the half that closes the cycle, ranking the label past the edge's far end and
// sending the line round everything in between. Given to dot already reversed, the whole edge, label node
// included, stays between its ends.

extension FlowchartPlacer {
    /// The numbers of the edges that go against the flow, to be laid out reversed.
    func backEdges() -> Set<Int> {
        // A subgraph end stands for the subgraph as a whole: its id is the walk's vertex.
        var outgoing: [String: [(edge: Int, to: String)]] = [:]
        for (index, edge) in model.edges.enumerated() where !edge.isSkipped && edge.from != edge.to {
            outgoing[edge.from, default: []].append((index, edge.to))
        }
        var state: [String: Bool] = [:]  // false: on the path; true: done
        var back = Set<Int>()
        let starts = model.nodes.map(\.id) + model.subgraphs.map(\.id)
        for start in starts where state[start] == nil {
            state[start] = false
            var path: [(vertex: String, next: Int)] = [(start, 0)]
            while let top = path.last {
                let edges = outgoing[top.vertex] ?? []
                guard top.next < edges.count else {
                    state[top.vertex] = true
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let (edge, target) = edges[top.next]
                switch state[target] {
                case nil:
                    state[target] = false
                    path.append((target, 0))
                case false?:
                    back.insert(edge)
                case true?:
                    break
                }
            }
        }
        return back
    }
}
