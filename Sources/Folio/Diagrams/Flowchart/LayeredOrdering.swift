// Crossing reduction: barycentre sweeps down and up, then adjacent swaps (transposition), keeping the best order
// seen. Each layer is sorted as a tree of clusters, so a cluster's members stay side by side, and sibling
// clusters keep one left-to-right order on every layer, so their frames can never interleave.

extension LayerGrid {
    /// Orders every layer; returns the number of crossings of the order kept.
    mutating func reduceCrossings(maximumSweeps: Int = 16) -> Int {
        initialOrder()
        var best = layers
        var bestCrossings = crossings()
        var sweepsWithoutGain = 0
        for sweep in 0..<maximumSweeps where bestCrossings > 0 && sweepsWithoutGain < 6 {
            let siblingOrder = clusterOrder()
            if sweep % 2 == 0 {
                for layer in layers.indices.dropFirst() { arrange(layer, from: layer - 1, siblingOrder: siblingOrder) }
            } else {
                for layer in layers.indices.dropLast().reversed() {
                    arrange(layer, from: layer + 1, siblingOrder: siblingOrder)
                }
            }
            transpose()
            let found = crossings()
            if found < bestCrossings {
                bestCrossings = found
                best = layers
                sweepsWithoutGain = 0
            } else {
                sweepsWithoutGain += 1
            }
        }
        layers = best
        updatePositions()
        return bestCrossings
    }

    /// Depth-first from the top layer's nodes in declaration order, so a chain reads left to right.
    private mutating func initialOrder() {
        var visited = [Bool](repeating: false, count: count)
        var order: [[Int]] = Array(repeating: [], count: layers.count)
        let starts = (0..<count).sorted { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : $0 < $1 }
        for start in starts where !visited[start] {
            var stack = [start]
            while let node = stack.popLast() {
                guard !visited[node] else { continue }
                visited[node] = true
                order[rank[node]].append(node)
                stack += lower[node].reversed()
            }
        }
        layers = order
        updatePositions()
        let siblingOrder = clusterOrder()
        for layer in layers.indices {
            var keys = [Double](repeating: 0, count: count)
            for node in layers[layer] { keys[node] = Double(position[node]) }
            layers[layer] = sorted(layers[layer], keys: keys, siblingOrder: siblingOrder)
        }
        updatePositions()
    }

    /// Sorts `layer` by the mean position of each node's neighbours on `fixed`.
    private mutating func arrange(_ layer: Int, from fixed: Int, siblingOrder: [Double]) {
        let scale = Double(max(layers[fixed].count, 1)) / Double(max(layers[layer].count, 1))
        var keys = [Double](repeating: 0, count: count)
        for node in layers[layer] {
            let neighbours = fixed < layer ? upper[node] : lower[node]
            if neighbours.isEmpty {
                keys[node] = Double(position[node]) * scale
            } else {
                keys[node] = Double(neighbours.reduce(0) { $0 + position[$1] }) / Double(neighbours.count)
            }
        }
        layers[layer] = sorted(layers[layer], keys: keys, siblingOrder: siblingOrder)
        for (index, node) in layers[layer].enumerated() { position[node] = index }
    }

    /// Each cluster's mean relative position over all its layers: one order for siblings everywhere.
    private func clusterOrder() -> [Double] {
        var sum = [Double](repeating: 0, count: clusterParent.count)
        var weight = [Double](repeating: 0, count: clusterParent.count)
        for layer in layers {
            let size = Double(max(layer.count, 1))
            for node in layer {
                for member in chains[node] {
                    sum[member] += Double(position[node]) / size
                    weight[member] += 1
                }
            }
        }
        return sum.indices.map { weight[$0] > 0 ? sum[$0] / weight[$0] : 0 }
    }

    private enum Item {
        case node(Int)
        case cluster(Int)
    }

    /// The layer as a tree of clusters, each level sorted by key; sibling clusters take the slots clusters
    /// took, in their one shared order.
    private func sorted(_ nodes: [Int], keys: [Double], siblingOrder: [Double]) -> [Int] {
        var children: [Int: [Item]] = [:]  // -1 is the top level
        var seenCluster = Set<Int>()
        for node in nodes {
            let chain = chains[node]
            var parent = -1
            for member in chain {
                if seenCluster.insert(member).inserted { children[parent, default: []].append(.cluster(member)) }
                parent = member
            }
            children[parent, default: []].append(.node(node))
        }
        var out: [Int] = []
        func key(_ item: Item) -> (Double, Int) {
            switch item {
            case .node(let node): return (keys[node], position[node])
            case .cluster(let cluster):
                var total = 0.0, number = 0, first = Int.max
                func collect(_ items: [Item]) {
                    for item in items {
                        switch item {
                        case .node(let node):
                            if kind[node] != .filler {
                                total += keys[node]
                                number += 1
                            }
                            first = min(first, position[node])
                        case .cluster(let inner): collect(children[inner] ?? [])
                        }
                    }
                }
                collect(children[cluster] ?? [])
                return (number > 0 ? total / Double(number) : Double(first), first)
            }
        }
        func emit(_ parent: Int) {
            var items = children[parent] ?? []
            let itemKeys = items.map(key)
            let order = items.indices.sorted { itemKeys[$0] < itemKeys[$1] }
            items = order.map { items[$0] }
            let slots = items.indices.filter { if case .cluster = items[$0] { return true } else { return false } }
            let clusters = slots.compactMap { slot -> Int? in
                if case .cluster(let cluster) = items[slot] { return cluster } else { return nil }
            }.sorted { (siblingOrder[$0], $0) < (siblingOrder[$1], $1) }
            for (slot, cluster) in zip(slots, clusters) { items[slot] = .cluster(cluster) }
            for item in items {
                switch item {
                case .node(let node): out.append(node)
                case .cluster(let cluster): emit(cluster)
                }
            }
        }
        emit(-1)
        return out
    }

    /// Swaps neighbours in the same cluster while that removes crossings.
    private mutating func transpose() {
        for _ in 0..<4 {
            var improved = false
            for layer in layers.indices where layers[layer].count > 1 {
                for index in 0..<(layers[layer].count - 1) {
                    let left = layers[layer][index], right = layers[layer][index + 1]
                    guard cluster[left] == cluster[right] else { continue }
                    if pairCrossings(right, left) < pairCrossings(left, right) {
                        layers[layer].swapAt(index, index + 1)
                        position[left] = index + 1
                        position[right] = index
                        improved = true
                    }
                }
            }
            if !improved { break }
        }
    }

    /// Crossings between the edges of `left` and of `right` were `left` placed just before `right`.
    private func pairCrossings(_ left: Int, _ right: Int) -> Int {
        var total = 0
        for neighbours in [(upper[left], upper[right]), (lower[left], lower[right])] {
            for a in neighbours.0 { for b in neighbours.1 where position[a] > position[b] { total += 1 } }
        }
        return total
    }

    /// Crossings between all adjacent layers: inversions among segments sorted by their upper end.
    func crossings() -> Int {
        var total = 0
        for layer in layers.indices.dropLast() {
            var segments: [(Int, Int)] = []
            for node in layers[layer] { for below in lower[node] { segments.append((position[node], position[below])) } }
            segments.sort { $0 < $1 }
            let width = layers[layer + 1].count
            var tree = [Int](repeating: 0, count: width + 1)
            // Fenwick tree over lower positions: for each segment, count earlier ones ending further right.
            var seen = 0
            for (_, bottom) in segments {
                var index = bottom + 1, atOrLeft = 0
                while index > 0 {
                    atOrLeft += tree[index]
                    index -= index & -index
                }
                total += seen - atOrLeft
                index = bottom + 1
                while index <= width {
                    tree[index] += 1
                    index += index & -index
                }
                seen += 1
            }
        }
        return total
    }
}
