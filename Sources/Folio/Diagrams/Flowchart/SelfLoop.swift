// Dot reserves 18 points beside a node for each of its self-loops (SELF_EDGE_SIZE in Graphviz's position.c), but
// draws the loops out to a share of `nodesep` that grows with their number: the second loop on a node reached
// 81 points out and crossed the neighbour 77 points away (random chart 27). Read back, a loop is pulled in to
// the room dot kept for it.

enum SelfLoop {
    /// Room dot keeps beside a node per self-loop.
    static let room = 18.0

    /// `route` (a loop on the node in `frame`) pulled in towards the node so it sticks out by at most `reach`,
    /// on whichever side dot drew it; points inside the frame stay where they are.
    static func pulledIn(_ route: [DiagramPoint], around frame: DiagramRect, reach: Double) -> [DiagramPoint] {
        guard let first = route.first else { return route }
        var (minX, maxX, minY, maxY) = (first.x, first.x, first.y, first.y)
        for point in route {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        let sides = [maxX - frame.maxX, frame.x - minX, maxY - frame.maxY, frame.y - minY]
        guard let side = sides.indices.max(by: { sides[$0] < sides[$1] }), sides[side] > reach else { return route }
        let factor = reach / sides[side]
        return route.map { point in
            var out = point
            switch side {
            case 0: if point.x > frame.maxX { out.x = frame.maxX + (point.x - frame.maxX) * factor }
            case 1: if point.x < frame.x { out.x = frame.x - (frame.x - point.x) * factor }
            case 2: if point.y > frame.maxY { out.y = frame.maxY + (point.y - frame.maxY) * factor }
            default: if point.y < frame.y { out.y = frame.y - (frame.y - point.y) * factor }
            }
            return out
        }
    }
}
