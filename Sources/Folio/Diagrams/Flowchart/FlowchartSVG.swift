// A placed flowchart drawn on the canvas: subgraph frames at the back, then nodes, then edges (so arrowheads are
// never under a node), then edge labels on their backgrounds.

struct FlowchartDrawing {
    let model: FlowchartModel
    let placement: FlowchartPlacement
    let nodeLines: [[String]]
    let labelLines: [[String]?]
    let titleLines: [[String]]

    func svg(idPrefix: String, title: String, description: String) -> String {
        var canvas = SVGCanvas(idPrefix: idPrefix, kind: "diagram-flowchart")
        let order = model.subgraphs.indices.sorted { (depth($0), $0) < (depth($1), $1) }
        for index in order { drawFrame(index, &canvas) }
        for index in model.nodes.indices { drawNode(index, &canvas) }
        let routes = model.edges.indices.map(drawnRoute)
        for (index, route) in routes.enumerated() { drawEdge(index, route, &canvas) }
        for index in order { drawTitle(index, routes: routes, &canvas) }
        for index in model.edges.indices { drawEdgeLabel(index, &canvas) }
        return canvas.document(width: placement.width, height: placement.height, title: title,
                               description: description)
    }

    private func depth(_ subgraph: Int) -> Int {
        var count = 0
        var current = model.subgraphs[subgraph].parent
        while let id = current {
            count += 1
            current = model.subgraphIndex[id].flatMap { model.subgraphs[$0].parent }
        }
        return count
    }

    private func drawFrame(_ index: Int, _ canvas: inout SVGCanvas) {
        let frame = placement.subgraphFrames[index]
        canvas.rect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, radius: 4, role: .cluster,
                    style: model.style(ofSubgraph: model.subgraphs[index]).shapeStyle)
    }

    /// Titles go over the edges; one an edge runs through gets a backing so it stays readable.
    private func drawTitle(_ index: Int, routes: [[DiagramPoint]], _ canvas: inout SVGCanvas) {
        let frame = placement.subgraphFrames[index]
        let lines = titleLines[index]
        let size = FlowchartGeometry.textSize(lines)
        // Dot leaves the title's band (text plus 8) at the top of the cluster, after its 8-point margin.
        let center = DiagramPoint(x: frame.x + frame.width / 2, y: frame.y + 8 + size.height / 2 + 4)
        let backing = DiagramRect(center: center, width: size.width + 8, height: size.height + 2)
        if routes.contains(where: { Self.route($0, crosses: backing) }) {
            canvas.rect(x: backing.x, y: backing.y, width: backing.width, height: backing.height, radius: 2,
                        role: .clusterLabelBackground, style: backgroundStyle(ofSubgraph: index))
        }
        canvas.text(lines, x: center.x, y: center.y, size: FlowchartGeometry.fontSize, role: .clusterLabel,
                    style: model.style(ofSubgraph: model.subgraphs[index]).textStyle)
    }

    private static func route(_ route: [DiagramPoint], crosses rect: DiagramRect) -> Bool {
        let points = BezierRoute.sample(route)
        for (start, end) in zip(points, points.dropFirst()) {
            for step in 0...16 {
                let t = Double(step) / 16
                let x = start.x + (end.x - start.x) * t, y = start.y + (end.y - start.y) * t
                if x >= rect.x, x <= rect.maxX, y >= rect.y, y <= rect.maxY { return true }
            }
        }
        return false
    }

    private func drawNode(_ index: Int, _ canvas: inout SVGCanvas) {
        let node = model.nodes[index]
        let frame = placement.nodeFrames[index]
        let style = model.style(ofNode: node)
        let shapeStyle = style.shapeStyle
        let n = SVGCanvas.number
        switch node.shape {
        case .rectangle, .rounded, .stadium:
            let radius = node.shape == .rectangle ? 0 : (node.shape == .rounded ? 5 : frame.height / 2)
            canvas.rect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, radius: radius, role: .node,
                        style: shapeStyle)
        case .subroutine:
            canvas.rect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, role: .node, style: shapeStyle)
            let inner = "M\(n(frame.x + 8)),\(n(frame.y)) V\(n(frame.maxY)) M\(n(frame.maxX - 8)),\(n(frame.y)) "
                + "V\(n(frame.maxY))"
            canvas.path(inner, role: .node, style: shapeStyle)
        case .cylinder:
            let radiusX = frame.width / 2, radiusY = FlowchartGeometry.capHeight(width: frame.width)
            let arc = "A\(n(radiusX)),\(n(radiusY)) 0 0,1"
            let top = frame.y + radiusY, bottom = frame.maxY - radiusY
            let body = "M\(n(frame.x)),\(n(top)) \(arc) \(n(frame.maxX)),\(n(top)) L\(n(frame.maxX)),\(n(bottom)) "
                + "\(arc) \(n(frame.x)),\(n(bottom)) Z"
            canvas.path(body, role: .node, style: shapeStyle)
            let rim = "M\(n(frame.x)),\(n(top)) A\(n(radiusX)),\(n(radiusY)) 0 0,0 \(n(frame.maxX)),\(n(top))"
            canvas.path(rim, role: .node, style: shapeStyle)
        case .circle, .doubleCircle:
            let center = frame.center
            canvas.ellipse(centerX: center.x, centerY: center.y, radiusX: frame.width / 2, radiusY: frame.height / 2,
                           role: .node, style: shapeStyle)
            if node.shape == .doubleCircle {
                canvas.ellipse(centerX: center.x, centerY: center.y, radiusX: frame.width / 2 - 5,
                               radiusY: frame.height / 2 - 5, role: .node, style: shapeStyle)
            }
        case .rhombus, .hexagon, .asymmetric, .leanRight, .leanLeft, .trapezoid, .invertedTrapezoid:
            if case .polygon(let points) = FlowchartGeometry.outline(of: node.shape, in: frame) {
                canvas.polygon(points, role: .node, style: shapeStyle)
            }
        }
        let offset = FlowchartGeometry.textOffset(of: node.shape, width: frame.width, height: frame.height)
        canvas.text(nodeLines[index], x: frame.center.x + offset.x, y: frame.center.y + offset.y,
                    size: FlowchartGeometry.fontSize, role: .label, style: style.textStyle)
    }

    /// The route as drawn: pulled back at ends with centred markers.
    private func drawnRoute(_ index: Int) -> [DiagramPoint] {
        let edge = model.edges[index]
        guard edge.stroke != .invisible, !edge.isSkipped else { return [] }
        var route = placement.edgeRoutes[index]
        guard route.count >= 2 else { return [] }
        // Crosses and circles are centred on the line's end: pull it back so they sit outside the node.
        if edge.end == .cross || edge.end == .circle { route = BezierRoute.shortenEnd(route, by: 5) }
        if edge.start == .cross || edge.start == .circle {
            route = BezierRoute.shortenEnd(route.reversed(), by: 5).reversed()
        }
        return route
    }

    private func drawEdge(_ index: Int, _ route: [DiagramPoint], _ canvas: inout SVGCanvas) {
        guard route.count >= 2 else { return }
        let edge = model.edges[index]
        var style = FlowStyle()
        if edge.stroke == .thick { style.set(.strokeWidth, "3") }
        style.merge(model.style(ofEdge: index))
        canvas.path(BezierRoute.pathData(route), role: .edge,
                    dashes: edge.stroke == .dotted ? "3 3" : nil, start: edge.start.marker, end: edge.end.marker,
                    style: style.shapeStyle)
    }

    private func drawEdgeLabel(_ index: Int, _ canvas: inout SVGCanvas) {
        let edge = model.edges[index]
        guard edge.stroke != .invisible, !edge.isSkipped, let lines = labelLines[index],
            let center = placement.labelCenters[index]
        else { return }
        let size = FlowchartGeometry.textSize(lines)
        let backing = DiagramRect(center: center, width: size.width + 8, height: size.height + 4)
        // Inside a subgraph the backing takes the subgraph's fill: the page's colour showed as a box there.
        let around = placement.subgraphFrames.indices.filter { placement.subgraphFrames[$0].contains(backing) }
            .max { depth($0) < depth($1) }
        canvas.rect(x: backing.x, y: backing.y, width: backing.width, height: backing.height, radius: 2,
                    role: around == nil ? .edgeLabelBackground : .clusterLabelBackground,
                    style: around.flatMap(backgroundStyle(ofSubgraph:)))
        canvas.text(lines, x: center.x, y: center.y, size: FlowchartGeometry.fontSize, role: .edgeLabel,
                    style: model.style(ofEdge: index).textStyle)
    }

    /// An author's `fill` on the subgraph, for a backing drawn inside it.
    private func backgroundStyle(ofSubgraph index: Int) -> String? {
        model.style(ofSubgraph: model.subgraphs[index]).value(.fill).map { "fill:\($0)" }
    }
}
