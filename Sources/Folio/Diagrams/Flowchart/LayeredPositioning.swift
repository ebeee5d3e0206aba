// Positions across the layers, as dot does it: network simplex on an auxiliary graph where each segment becomes
// a node pulling its two ends together (harder for long edges' bends, so they run straight), neighbours on a
// layer keep their separation, and each cluster's left and right sides are shared variables across all its
// layers, so no frame can reach over a node that is not its member. A last pass centres nodes whose place the
// objective leaves free (a parent between two children).

struct ClusterMargins {
    /// Room inside the frame before the first and after the last member along a layer.
    var before: [Double]
    var after: [Double]
    /// The frame's least extent along a layer (its title's width, when the title runs that way).
    var minimumExtent: [Double]
}

extension LayerGrid {
    private func separation(_ node: Int) -> Double {
        switch kind[node] {
        case .node: return LayeredSpacing.node / 2
        case .label: return LayeredSpacing.edge + 2
        case .bend: return LayeredSpacing.edge
        case .filler: return 0
        }
    }

    private func isBend(_ node: Int) -> Bool { kind[node] == .bend || kind[node] == .label }

    /// x of every node's centre, and each cluster's left and right limits.
    func positions(margins: ClusterMargins) -> (x: [Double], left: [Double], right: [Double]) {
        let clusterCount = clusterParent.count
        let leftVariable = { (cluster: Int) in self.count + 2 * cluster }
        let rightVariable = { (cluster: Int) in self.count + 2 * cluster + 1 }
        var edges: [NetworkSimplex.Edge] = []
        var constraints: [(from: Int, to: Int, gap: Double)] = []
        func require(_ from: Int, _ to: Int, _ gap: Double) {
            constraints.append((from, to, gap))
            edges.append(.init(from: from, to: to, minimumLength: Int(gap.rounded(.up)), weight: 0))
        }
        let half = { (node: Int) in self.width[node] / 2 }
        for layer in layers where !layer.isEmpty {
            let first = layer[0]
            var outer: Int?
            var inset = 0.0
            for member in chains[first] {
                if let outer { require(outer, leftVariable(member), inset) }
                outer = leftVariable(member)
                inset = margins.before[member]
            }
            if let outer { require(outer, first, inset + half(first)) }
            for (left, right) in zip(layer, layer.dropFirst()) {
                let leftChain = chains[left], rightChain = chains[right]
                var shared = 0
                while shared < min(leftChain.count, rightChain.count), leftChain[shared] == rightChain[shared] { shared += 1 }
                let exited = Array(leftChain[shared...].reversed()), entered = Array(rightChain[shared...])
                var from = left
                var reach = half(left) + extraRight[left]
                for cluster in exited {
                    require(from, rightVariable(cluster), reach + margins.after[cluster])
                    from = rightVariable(cluster)
                    reach = 0
                }
                let gap = exited.isEmpty && entered.isEmpty
                    ? separation(left) + separation(right)
                    : LayeredSpacing.clusterGap + (exited.isEmpty ? separation(left) : 0)
                        + (entered.isEmpty ? separation(right) : 0)
                var reachInto = gap + reach
                for cluster in entered {
                    require(from, leftVariable(cluster), reachInto)
                    from = leftVariable(cluster)
                    reachInto = margins.before[cluster]
                }
                require(from, right, reachInto + half(right))
            }
            let last = layer[layer.count - 1]
            var from = last
            var reach = half(last) + extraRight[last]
            for cluster in chains[last].reversed() {
                require(from, rightVariable(cluster), reach + margins.after[cluster])
                from = rightVariable(cluster)
                reach = 0
            }
        }
        for cluster in 0..<clusterCount where clusterSpan[cluster] != nil {
            let minimum = max(margins.minimumExtent[cluster], margins.before[cluster] + margins.after[cluster])
            constraints.append((leftVariable(cluster), rightVariable(cluster), minimum))
            edges.append(.init(from: leftVariable(cluster), to: rightVariable(cluster),
                               minimumLength: Int(minimum.rounded(.up)), weight: 1))
        }
        var segments: [(upper: Int, lower: Int, weight: Int)] = []
        for node in 0..<count {
            for below in lower[node] {
                let weight = isBend(node) && isBend(below) ? 8 : (isBend(node) || isBend(below) ? 2 : 1)
                segments.append((node, below, weight))
            }
        }
        let variableCount = count + 2 * clusterCount
        for (index, segment) in segments.enumerated() {
            edges.append(.init(from: variableCount + index, to: segment.upper, minimumLength: 0, weight: segment.weight))
            edges.append(.init(from: variableCount + index, to: segment.lower, minimumLength: 0, weight: segment.weight))
        }
        guard let solved = NetworkSimplex.solve(nodeCount: variableCount + segments.count, edges: edges) else {
            return packed(margins: margins)
        }
        var x = solved.prefix(variableCount).map(Double.init)
        centreFreeNodes(&x, constraints: constraints, segments: segments)
        let left = (0..<clusterCount).map { x[leftVariable($0)] }
        let right = (0..<clusterCount).map { x[rightVariable($0)] }
        return (Array(x.prefix(count)), left, right)
    }

    /// Moves each node toward the mean of its neighbours when that costs nothing and breaks no constraint.
    private func centreFreeNodes(_ x: inout [Double], constraints: [(from: Int, to: Int, gap: Double)],
                                 segments: [(upper: Int, lower: Int, weight: Int)])
    {
        var before = [[(Int, Double)]](repeating: [], count: x.count)
        var after = [[(Int, Double)]](repeating: [], count: x.count)
        for constraint in constraints {
            after[constraint.from].append((constraint.to, constraint.gap))
            before[constraint.to].append((constraint.from, constraint.gap))
        }
        var neighbours = [[(Int, Double)]](repeating: [], count: count)
        for segment in segments {
            neighbours[segment.upper].append((segment.lower, Double(segment.weight)))
            neighbours[segment.lower].append((segment.upper, Double(segment.weight)))
        }
        for _ in 0..<4 {
            for layer in layers {
                for node in layer where !neighbours[node].isEmpty {
                    let list = neighbours[node]
                    let target = list.reduce(0) { $0 + x[$1.0] * $1.1 } / list.reduce(0) { $0 + $1.1 }
                    let lowest = before[node].reduce(-Double.infinity) { max($0, x[$1.0] + $1.1) }
                    let highest = after[node].reduce(Double.infinity) { min($0, x[$1.0] - $1.1) }
                    guard lowest <= highest else { continue }
                    let candidate = min(max(target, lowest), highest).rounded()
                    func cost(_ value: Double) -> Double { list.reduce(0) { $0 + abs(value - x[$1.0]) * $1.1 } }
                    if cost(candidate) <= cost(x[node]) + 1e-9 { x[node] = candidate }
                }
            }
        }
        // A frame wider than its members (for its title) is centred on them where its neighbours allow.
        let clusterCount = clusterParent.count
        let innermostFirst = (0..<clusterCount).sorted {
            let (left, right) = (chain(of: $0).count, chain(of: $1).count)
            return left != right ? left > right : $0 < $1
        }
        for cluster in innermostFirst where clusterSpan[cluster] != nil {
            let left = count + 2 * cluster, right = left + 1
            var low = Double.infinity, high = -Double.infinity
            for node in 0..<count where kind[node] != .filler && chains[node].contains(cluster) {
                low = min(low, x[node] - width[node] / 2)
                high = max(high, x[node] + width[node] / 2 + extraRight[node])
            }
            guard low.isFinite else { continue }
            let shift = (low + high) / 2 - (x[left] + x[right]) / 2
            // The frame moves whole: the constraint between its own two sides does not bind.
            func floor(_ variable: Int) -> Double {
                before[variable].filter { $0.0 != left && $0.0 != right }
                    .reduce(-Double.infinity) { max($0, x[$1.0] + $1.1) } - x[variable]
            }
            func ceiling(_ variable: Int) -> Double {
                after[variable].filter { $0.0 != left && $0.0 != right }
                    .reduce(Double.infinity) { min($0, x[$1.0] - $1.1) } - x[variable]
            }
            let lowest = max(floor(left), floor(right)), highest = min(ceiling(left), ceiling(right))
            guard lowest <= highest else { continue }
            let clamped = min(max(shift, lowest), highest).rounded()
            x[left] += clamped
            x[right] += clamped
        }
    }

    /// Only if the constraints were cyclic (they are not, by construction): each layer packed left to right.
    private func packed(margins: ClusterMargins) -> (x: [Double], left: [Double], right: [Double]) {
        var x = [Double](repeating: 0, count: count)
        for layer in layers {
            var cursor = 0.0
            for node in layer {
                x[node] = cursor + width[node] / 2
                cursor += width[node] + extraRight[node] + LayeredSpacing.node
            }
        }
        let clusterCount = clusterParent.count
        return (x, Array(repeating: -.infinity, count: clusterCount), Array(repeating: .infinity, count: clusterCount))
    }
}
