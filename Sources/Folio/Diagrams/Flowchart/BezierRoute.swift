// An edge's route as dot gives it: a chain of cubic Béziers (start, then two controls and an end per piece).
// Dot ends a route on its own outline for the node; these move the ends onto the outline Folio draws, sample the
// curve for checks, and write it as SVG path data.

enum BezierRoute {
    /// Points along the curve, `steps` per piece, both ends included.
    static func sample(_ route: [DiagramPoint], steps: Int = 12) -> [DiagramPoint] {
        guard route.count >= 4 else { return route }
        var out = [route[0]]
        var start = 0
        while start + 3 < route.count {
            let (p0, p1, p2, p3) = (route[start], route[start + 1], route[start + 2], route[start + 3])
            for step in 1...steps {
                let t = Double(step) / Double(steps), u = 1 - t
                let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
                out.append(DiagramPoint(x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                                        y: a * p0.y + b * p1.y + c * p2.y + d * p3.y))
            }
            start += 3
        }
        return out
    }

    /// Length along the curve (from a fine sample).
    static func length(_ route: [DiagramPoint]) -> Double {
        let points = sample(route, steps: 24)
        return zip(points, points.dropFirst()).reduce(0) { $0 + distance($1.0, $1.1) }
    }

    static func distance(_ a: DiagramPoint, _ b: DiagramPoint) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    static func pathData(_ route: [DiagramPoint]) -> String {
        guard route.count >= 4 else { return SVGCanvas.pathData(route) }
        let n = SVGCanvas.number
        var data = "M\(n(route[0].x)),\(n(route[0].y))"
        var start = 1
        while start + 2 < route.count {
            let (c1, c2, end) = (route[start], route[start + 1], route[start + 2])
            data += " C\(n(c1.x)),\(n(c1.y)) \(n(c2.x)),\(n(c2.y)) \(n(end.x)),\(n(end.y))"
            start += 3
        }
        return data
    }

    /// The direction the curve arrives at its end, as a unit vector; nil for a route of one point.
    private static func arrival(_ route: [DiagramPoint]) -> (x: Double, y: Double)? {
        guard let end = route.last else { return nil }
        for previous in route.dropLast().reversed() {
            let length = distance(previous, end)
            if length > 0.01 { return ((end.x - previous.x) / length, (end.y - previous.y) / length) }
        }
        return nil
    }

    /// Moves the last point along the arrival direction onto `outline` (out of it, or up to it), and its control
    /// point with it, so the curve keeps its tangent. Left alone when that line misses the outline.
    static func fitEnd(_ route: [DiagramPoint], to outline: FlowchartGeometry.Outline, reach: Double) -> [DiagramPoint] {
        guard route.count >= 2, let direction = arrival(route) else { return route }
        let end = route[route.count - 1]
        func at(_ s: Double) -> DiagramPoint { DiagramPoint(x: end.x + direction.x * s, y: end.y + direction.y * s) }
        let startsInside = outline.contains(end)
        // Find a distance on the other side of the outline: backwards when inside, forwards when short of it.
        var far = startsInside ? -1.0 : 1.0
        while abs(far) <= reach, outline.contains(at(far)) == startsInside { far *= 2 }
        guard abs(far) <= reach else { return route }
        var near = 0.0
        for _ in 0..<30 {
            let middle = (near + far) / 2
            if outline.contains(at(middle)) == startsInside { near = middle } else { far = middle }
        }
        let inside = startsInside ? near : far  // the point just inside, so the line touches the outline
        return moveEnd(route, by: inside)
    }

    static func fitStart(_ route: [DiagramPoint], to outline: FlowchartGeometry.Outline, reach: Double) -> [DiagramPoint] {
        fitEnd(route.reversed(), to: outline, reach: reach).reversed()
    }

    /// Pulls the end back by `distance` along its arrival direction, so a marker drawn centred on it sits outside
    /// the node.
    static func shortenEnd(_ route: [DiagramPoint], by distance: Double) -> [DiagramPoint] {
        guard route.count >= 2, self.distance(route[0], route[route.count - 1]) > distance * 2 else { return route }
        return moveEnd(route, by: -distance)
    }

    private static func moveEnd(_ route: [DiagramPoint], by s: Double) -> [DiagramPoint] {
        guard let direction = arrival(route) else { return route }
        var out = route
        let shift = DiagramPoint(x: direction.x * s, y: direction.y * s)
        out[out.count - 1] = DiagramPoint(x: out[out.count - 1].x + shift.x, y: out[out.count - 1].y + shift.y)
        if out.count >= 4 {
            out[out.count - 2] = DiagramPoint(x: out[out.count - 2].x + shift.x, y: out[out.count - 2].y + shift.y)
        }
        return out
    }
}
