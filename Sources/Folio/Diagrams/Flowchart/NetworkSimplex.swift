// Gansner et al.'s network simplex, as Graphviz's dot uses it twice: integer values for the nodes of an acyclic
// graph, minimising Σ weight · (value[to] − value[from]) subject to value[to] − value[from] ≥ minimumLength.
// For ranks the values are layers; for positions they are x coordinates (edges become auxiliary nodes).

enum NetworkSimplex {
    struct Edge: Sendable {
        var from: Int
        var to: Int
        var minimumLength: Int
        var weight: Int
    }

    /// Optimal values, each connected component shifted to start at 0; nil when the constraints have a cycle.
    static func solve(nodeCount: Int, edges: [Edge], iterationLimit: Int = 1000) -> [Int]? {
        guard var values = longestPath(nodeCount: nodeCount, edges: edges) else { return nil }
        var incident = [[Int]](repeating: [], count: nodeCount)
        for (index, edge) in edges.enumerated() {
            incident[edge.from].append(index)
            incident[edge.to].append(index)
        }
        var solver = Solver(edges: edges, incident: incident, values: values)
        var seen = [Bool](repeating: false, count: nodeCount)
        for start in 0..<nodeCount where !seen[start] {
            var members = [start]
            seen[start] = true
            var head = 0
            while head < members.count {
                let node = members[head]
                head += 1
                for edge in incident[node] {
                    let other = edges[edge].from == node ? edges[edge].to : edges[edge].from
                    if !seen[other] {
                        seen[other] = true
                        members.append(other)
                    }
                }
            }
            solver.optimise(members: members, iterationLimit: iterationLimit)
        }
        values = solver.values
        for component in components(nodeCount: nodeCount, incident: incident, edges: edges) {
            let minimum = component.map { values[$0] }.min() ?? 0
            for node in component { values[node] -= minimum }
        }
        return values
    }

    /// A feasible start: every node as low as its successors allow (sinks at 0), so sources sit next to what
    /// they point at. Nil if there is a cycle.
    static func longestPath(nodeCount: Int, edges: [Edge]) -> [Int]? {
        var outgoing = [[Int]](repeating: [], count: nodeCount)
        var incoming = [Int](repeating: 0, count: nodeCount)
        for (index, edge) in edges.enumerated() {
            outgoing[edge.from].append(index)
            incoming[edge.to] += 1
        }
        var order = (0..<nodeCount).filter { incoming[$0] == 0 }
        var head = 0
        while head < order.count {
            for edge in outgoing[order[head]] {
                let target = edges[edge].to
                incoming[target] -= 1
                if incoming[target] == 0 { order.append(target) }
            }
            head += 1
        }
        guard order.count == nodeCount else { return nil }
        var values = [Int](repeating: 0, count: nodeCount)
        for node in order.reversed() where !outgoing[node].isEmpty {
            values[node] = outgoing[node].map { values[edges[$0].to] - edges[$0].minimumLength }.min()!
        }
        return values
    }

    private static func components(nodeCount: Int, incident: [[Int]], edges: [Edge]) -> [[Int]] {
        var seen = [Bool](repeating: false, count: nodeCount)
        var out: [[Int]] = []
        for start in 0..<nodeCount where !seen[start] {
            var members = [start]
            seen[start] = true
            var head = 0
            while head < members.count {
                for edge in incident[members[head]] {
                    for other in [edges[edge].from, edges[edge].to] where !seen[other] {
                        seen[other] = true
                        members.append(other)
                    }
                }
                head += 1
            }
            out.append(members)
        }
        return out
    }

    /// The spanning tree and its cut values for one connected component.
    private struct Solver {
        let edges: [Edge]
        let incident: [[Int]]
        var values: [Int]
        var inTree: [Bool]
        var isTreeEdge: [Bool]
        var parentEdge: [Int]
        var low: [Int]
        var limit: [Int]
        var cutValue: [Int]

        init(edges: [Edge], incident: [[Int]], values: [Int]) {
            self.edges = edges
            self.incident = incident
            self.values = values
            inTree = Array(repeating: false, count: values.count)
            isTreeEdge = Array(repeating: false, count: edges.count)
            parentEdge = Array(repeating: -1, count: values.count)
            low = Array(repeating: 0, count: values.count)
            limit = Array(repeating: 0, count: values.count)
            cutValue = Array(repeating: 0, count: edges.count)
        }

        func slack(_ edge: Int) -> Int {
            values[edges[edge].to] - values[edges[edge].from] - edges[edge].minimumLength
        }

        func other(_ edge: Int, than node: Int) -> Int {
            edges[edge].from == node ? edges[edge].to : edges[edge].from
        }

        mutating func optimise(members: [Int], iterationLimit: Int) {
            guard members.count > 1 else { return }
            var componentEdges: [Int] = []
            for node in members { componentEdges += incident[node].filter { edges[$0].from == node } }
            feasibleTree(members: members, componentEdges: componentEdges)
            let root = members[0]
            var postorder = buildTree(root: root)
            computeCutValues(postorder: postorder)
            for _ in 0..<iterationLimit {
                guard let leaving = postorder.first(where: { $0 != root && cutValue[parentEdge[$0]] < 0 }) else { break }
                let child = leaving
                let edge = parentEdge[child]
                let childIsTail = edges[edge].from == child
                func inSubtree(_ node: Int) -> Bool { low[child] <= limit[node] && limit[node] <= limit[child] }
                var entering = -1, best = Int.max
                for candidate in componentEdges where !isTreeEdge[candidate] {
                    let fromInside = inSubtree(edges[candidate].from), toInside = inSubtree(edges[candidate].to)
                    let crosses = childIsTail ? (!fromInside && toInside) : (fromInside && !toInside)
                    if crosses, slack(candidate) < best {
                        best = slack(candidate)
                        entering = candidate
                    }
                }
                guard entering >= 0 else { break }
                isTreeEdge[edge] = false
                isTreeEdge[entering] = true
                postorder = buildTree(root: root)
                // Tree edges are tight: values follow from the root.
                for node in postorder.reversed() where node != root {
                    let toParent = parentEdge[node]
                    let parent = other(toParent, than: node)
                    values[node] = edges[toParent].from == parent
                        ? values[parent] + edges[toParent].minimumLength
                        : values[parent] - edges[toParent].minimumLength
                }
                computeCutValues(postorder: postorder)
            }
        }

        /// Grows a tree of tight edges; while it does not span, shifts it to make the least slack edge tight.
        private mutating func feasibleTree(members: [Int], componentEdges: [Int]) {
            var tree = [members[0]]
            inTree[members[0]] = true
            func grow(_ tree: inout [Int], _ solver: inout Solver) {
                var head = 0
                while head < tree.count {
                    let node = tree[head]
                    head += 1
                    for edge in solver.incident[node] {
                        let next = solver.other(edge, than: node)
                        if !solver.inTree[next], solver.slack(edge) == 0 {
                            solver.inTree[next] = true
                            solver.isTreeEdge[edge] = true
                            tree.append(next)
                        }
                    }
                }
            }
            grow(&tree, &self)
            while tree.count < members.count {
                var chosen = -1, best = Int.max
                for edge in componentEdges where inTree[edges[edge].from] != inTree[edges[edge].to] {
                    if slack(edge) < best {
                        best = slack(edge)
                        chosen = edge
                    }
                }
                guard chosen >= 0 else { break }
                let delta = inTree[edges[chosen].from] ? best : -best
                for node in tree { values[node] += delta }
                grow(&tree, &self)
            }
        }

        /// Parents, postorder limits and subtree lows for the current tree edges; returns the postorder.
        private mutating func buildTree(root: Int) -> [Int] {
            var postorder: [Int] = []
            var visited = [Bool](repeating: false, count: values.count)
            parentEdge[root] = -1
            visited[root] = true
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            var counter = 0
            while var top = stack.popLast() {
                let list = incident[top.node]
                var descended = false
                if top.next == 0 { low[top.node] = counter + 1 }
                while top.next < list.count {
                    let edge = list[top.next]
                    top.next += 1
                    guard isTreeEdge[edge] else { continue }
                    let child = other(edge, than: top.node)
                    guard !visited[child] else { continue }
                    visited[child] = true
                    parentEdge[child] = edge
                    stack.append(top)
                    stack.append((child, 0))
                    descended = true
                    break
                }
                if descended { continue }
                // Postorder numbers of a subtree are consecutive: the first one given inside it is its low.
                counter += 1
                limit[top.node] = counter
                postorder.append(top.node)
            }
            return postorder
        }

        /// Children before parents: a subtree's net flow is its root's own plus its children's subtrees'.
        private mutating func computeCutValues(postorder: [Int]) {
            var subtreeFlow = [Int](repeating: 0, count: values.count)
            for node in postorder { subtreeFlow[node] = 0 }
            for node in postorder {
                var flow = 0
                for edge in incident[node] {
                    flow += edges[edge].from == node ? edges[edge].weight : -edges[edge].weight
                }
                flow += subtreeFlow[node]
                let toParent = parentEdge[node]
                guard toParent >= 0 else { continue }
                let isTail = edges[toParent].from == node
                cutValue[toParent] = isTail ? flow : -flow
                subtreeFlow[other(toParent, than: node)] += flow
            }
        }
    }
}
