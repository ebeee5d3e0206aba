// Parallel edges, several unlabelled edges between the same two nodes, as dot draws them: it routes one spline
// for the bundle and adds copies of it shifted across the ranks by `nodesep` (40 pt here), which are not routed
// themselves. Where the routed spline passes close by a node's corner, a copy 40 or 80 pt off to the side cuts
// through that node (random chart 40: four edges between two nodes, one of them through a third node).
// Folio keeps dot's routed spline as the bundle's middle and draws the copies close beside it.

enum ParallelEdges {
    /// Space between neighbouring edges of a bundle, in points: apart enough to count, close to the routed one.
    static let spacing = 6.0

    /// An edge that may be one of a bundle: its ends' ids and the frames drawn for them.
    struct Ends {
        var from: String
        var to: String
        var fromFrame: DiagramRect
        var toFrame: DiagramRect
    }

    /// `routes` with every bundle of shifted copies redrawn `spacing` apart about its middle, each still starting
    /// and ending inside its nodes (to be fitted onto their outlines). `ends` is nil for edges that cannot be
    /// copies (labelled ones, self-loops); `acrossX` says the copies are shifted along x (ranks top to bottom)
    /// rather than y (ranks left to right).
    static func tightened(_ routes: [[DiagramPoint]], ends: [Ends?], acrossX: Bool) -> [[DiagramPoint]] {
        var byPair: [String: [Int]] = [:]
        for (index, pair) in ends.enumerated() {
            guard let pair, routes[index].count >= 4 else { continue }
            byPair[[pair.from, pair.to].sorted().joined(separator: "\u{1}"), default: []].append(index)
        }
        var out = routes
        for edges in byPair.values where edges.count > 1 {
            // Bundles by the first member: every other member with the offset at which it copies that one.
            var bundles: [(first: Int, members: [(edge: Int, offset: Double)])] = []
            for edge in edges {
                if let bundle = bundles.firstIndex(where: { offset(of: routes[edge], from: routes[$0.first], acrossX) != nil }),
                   let shift = offset(of: routes[edge], from: routes[bundles[bundle].first], acrossX)
                {
                    bundles[bundle].members.append((edge, shift))
                } else {
                    bundles.append((edge, [(edge, 0)]))
                }
            }
            for bundle in bundles where bundle.members.count > 1 {
                let members = bundle.members.sorted { $0.offset < $1.offset }
                let middle = (members.first!.offset + members.last!.offset) / 2
                for (position, member) in members.enumerated() {
                    let wanted = (Double(position) - Double(members.count - 1) / 2) * spacing
                    let shift = wanted - (member.offset - middle)
                    var route = routes[member.edge].map {
                        acrossX ? DiagramPoint(x: $0.x + shift, y: $0.y) : DiagramPoint(x: $0.x, y: $0.y + shift)
                    }
                    // An end shifted off its node goes back inside it, and the curve is cut where it first
                    // enters the node: shifted along a node's side, an end may lie deep inside it.
                    if let pair = ends[member.edge] {
                        route[route.count - 1] = pair.toFrame.clamping(route[route.count - 1])
                        route = clipped(route, at: pair.toFrame)
                        route[0] = pair.fromFrame.clamping(route[0])
                        route = clipped(route.reversed(), at: pair.fromFrame).reversed()
                    }
                    out[member.edge] = route
                }
            }
        }
        return out
    }

    /// How far `route` lies beside `original` when it is a copy of it shifted across the ranks (either way
    /// round); nil when it is not. Dot clips each copy at the nodes by itself, so the end pieces differ: the points
    /// between them must be shifted copies, and the offset is that of the route as a whole (its mean).
    private static func offset(of route: [DiagramPoint], from original: [DiagramPoint], _ acrossX: Bool) -> Double? {
        guard route.count == original.count else { return nil }
        let across = { (p: DiagramPoint) in acrossX ? p.x : p.y }
        let along = { (p: DiagramPoint) in acrossX ? p.y : p.x }
        func mean(_ points: [DiagramPoint]) -> Double { points.reduce(0) { $0 + across($1) } / Double(points.count) }
        for candidate in [route, route.reversed()] {
            let inner = 3..<max(3, route.count - 3)
            let shift = inner.isEmpty ? mean(candidate) - mean(original)
                : across(candidate[inner.lowerBound]) - across(original[inner.lowerBound])
            let copies = inner.allSatisfy {
                abs(across(candidate[$0]) - across(original[$0]) - shift) < 1 && abs(along(candidate[$0]) - along(original[$0])) < 0.5
            }
            // The shifted copy runs the same way along the ranks: its ends are on the same sides.
            let sameWay = abs(along(candidate[0]) - along(original[0])) < abs(along(candidate[0]) - along(original.last!))
            if copies && sameWay { return shift }
        }
        return nil
    }
}

extension ParallelEdges {
    /// The route up to where its last piece first enters `frame` (its end lies inside).
    static func clipped(_ route: [DiagramPoint], at frame: DiagramRect) -> [DiagramPoint] {
        guard route.count >= 4 else { return route }
        let start = route.count - 4
        let piece = Array(route[start...])
        func inside(_ t: Double) -> Bool { frame.containsPoint(point(on: piece, at: t)) }
        guard let first = (0...24).first(where: { inside(Double($0) / 24) }), first > 0 else { return route }
        var (outside, within) = (Double(first - 1) / 24, Double(first) / 24)
        for _ in 0..<20 {
            let middle = (outside + within) / 2
            if inside(middle) { within = middle } else { outside = middle }
        }
        return Array(route[..<start]) + split(piece, at: within)
    }

    private static func point(on piece: [DiagramPoint], at t: Double) -> DiagramPoint {
        split(piece, at: t)[3]
    }

    /// The first part of a cubic Bézier cut at `t` (de Casteljau).
    private static func split(_ piece: [DiagramPoint], at t: Double) -> [DiagramPoint] {
        func lerp(_ a: DiagramPoint, _ b: DiagramPoint) -> DiagramPoint {
            DiagramPoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
        }
        let (a, b, c) = (lerp(piece[0], piece[1]), lerp(piece[1], piece[2]), lerp(piece[2], piece[3]))
        let (d, e) = (lerp(a, b), lerp(b, c))
        return [piece[0], a, d, lerp(d, e)]
    }
}

private extension DiagramRect {
    func containsPoint(_ point: DiagramPoint) -> Bool {
        point.x >= x && point.x <= x + width && point.y >= y && point.y <= y + height
    }

    /// The point of the frame, 1 pt in from its border, nearest to `point`.
    func clamping(_ point: DiagramPoint) -> DiagramPoint {
        DiagramPoint(x: min(max(point.x, x + 1), x + width - 1), y: min(max(point.y, y + 1), y + height - 1))
    }
}
