// The layered graph once ranks are known: long edges split into bend points (one per layer they pass), labels
// as boxes on their edge's middle layer, and empty layers of a cluster held by zero-width fillers, so every
// segment joins adjacent layers and every cluster is present on each layer it spans.

struct LayerGrid {
    enum Kind: Equatable { case node, bend, label, filler }

    var kind: [Kind] = []
    /// Extent across the layer (x when laid out top to bottom) and along the ranks.
    var width: [Double] = []
    var height: [Double] = []
    /// Room kept on the right for a self-loop.
    var extraRight: [Double] = []
    var cluster: [Int?] = []
    var rank: [Int] = []
    var upper: [[Int]] = []
    var lower: [[Int]] = []
    var layers: [[Int]] = []
    var position: [Int] = []
    var clusterParent: [Int?] = []
    /// Per node: its clusters, outermost first.
    var chains: [[Int]] = []
    /// Per cluster: the first and last layer it spans.
    var clusterSpan: [ClosedRange<Int>?] = []

    var count: Int { kind.count }

    @discardableResult
    mutating func add(_ kind: Kind, width: Double, height: Double, cluster: Int?, rank: Int) -> Int {
        self.kind.append(kind)
        self.width.append(width)
        self.height.append(height)
        extraRight.append(0)
        self.cluster.append(cluster)
        self.rank.append(rank)
        upper.append([])
        lower.append([])
        position.append(0)
        return self.kind.count - 1
    }

    mutating func connect(_ top: Int, _ bottom: Int) {
        lower[top].append(bottom)
        upper[bottom].append(top)
    }

    func chain(of cluster: Int?) -> [Int] {
        var out: [Int] = []
        var current = cluster
        while let next = current {
            out.append(next)
            current = clusterParent[next]
        }
        return out.reversed()
    }

    /// Adds fillers where a cluster skips a layer, computes chains, spans and layer lists.
    mutating func finishStructure(layerCount: Int) {
        chains = cluster.map { chain(of: $0) }
        clusterSpan = Array(repeating: nil, count: clusterParent.count)
        for node in 0..<count where kind[node] != .filler {
            for member in chains[node] {
                let span = clusterSpan[member]
                clusterSpan[member] = min(span?.lowerBound ?? rank[node], rank[node])...max(span?.upperBound ?? rank[node], rank[node])
            }
        }
        var present = Set<[Int]>()
        for node in 0..<count { for member in chains[node] { present.insert([member, rank[node]]) } }
        // Innermost first: a filler holds its cluster's ancestors on that layer too.
        for cluster in clusterSpan.indices.sorted(by: {
            let (left, right) = (chain(of: $0).count, chain(of: $1).count)
            return left != right ? left > right : $0 < $1
        }) {
            guard let span = clusterSpan[cluster] else { continue }
            for layer in span where !present.contains([cluster, layer]) {
                add(.filler, width: 0, height: 0, cluster: cluster, rank: layer)
                chains.append(chain(of: cluster))
                for member in chains[count - 1] { present.insert([member, layer]) }
            }
        }
        layers = Array(repeating: [], count: layerCount)
        for node in 0..<count { layers[rank[node]].append(node) }
        updatePositions()
    }

    mutating func updatePositions() {
        for layer in layers { for (index, node) in layer.enumerated() { position[node] = index } }
    }
}
