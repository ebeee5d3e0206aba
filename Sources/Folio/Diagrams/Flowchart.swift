// Mermaid flowcharts (`flowchart` / `graph`) as inline SVG: parse, measure, lay out with Graphviz's dot, draw.
// The pieces live in Flowchart/: the lexer and parser, validated styles, the mapping to dot and the drawing.

enum Flowchart {
    static func render(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        let (model, warnings) = try FlowchartParser.parse(source)
        let placed = try place(model)
        let title = source.frontMatterTitle ?? model.accessibleTitle ?? "Flowchart"
        let description = model.accessibleDescription ?? summary(of: model)
        let svg = placed.drawing.svg(idPrefix: idPrefix, title: title, description: description)
        return Diagram.Rendered(svg: svg, warnings: warnings)
    }

    /// Measures every label, lays the chart out and returns what drawing needs.
    static func place(_ model: FlowchartModel) throws(DiagramFailure) -> (drawing: FlowchartDrawing, placement: FlowchartPlacement) {
        let nodeLines = model.nodes.map { FlowchartGeometry.lines($0.label) }
        let nodeSizes = model.nodes.indices.map {
            FlowchartGeometry.size(of: model.nodes[$0].shape, text: FlowchartGeometry.textSize(nodeLines[$0]))
        }
        let labelLines: [[String]?] = model.edges.map { edge in
            guard let label = edge.label, label.contains(where: { !$0.isEmpty }) else { return nil }
            return FlowchartGeometry.lines(label)
        }
        let labelSizes: [(width: Double, height: Double)?] = labelLines.map { lines in
            lines.map { let size = FlowchartGeometry.textSize($0); return (size.width + 8, size.height + 4) }
        }
        let titleLines = model.subgraphs.map { TextMeasure.wrap($0.title, maxWidth: 240, size: FlowchartGeometry.fontSize) }
        let titleSizes = titleLines.map { lines -> (width: Double, height: Double) in
            let size = FlowchartGeometry.textSize(lines)
            return (size.width, size.height + 8)
        }
        let placement = try FlowchartPlacer(model: model, nodeSizes: nodeSizes, labelSizes: labelSizes,
                                        titleSizes: titleSizes).place()
        let drawing = FlowchartDrawing(model: model, placement: placement, nodeLines: nodeLines,
                                       labelLines: labelLines, titleLines: titleLines)
        return (drawing, placement)
    }

    /// "Flowchart with 3 nodes: Client, API and Database, and 2 edges."
    static func summary(of model: FlowchartModel) -> String {
        let names = model.nodes.map { DiagramText.flat($0.label.joined(separator: " ")) }
        let edges = model.edges.filter { $0.stroke != .invisible && !$0.isSkipped }.count
        var text = "Flowchart with \(names.count) node\(names.count == 1 ? "" : "s")"
        if !names.isEmpty {
            text += ": " + (names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!)
        }
        text += ", and \(edges) edge\(edges == 1 ? "" : "s")"
        if !model.subgraphs.isEmpty {
            text += " in \(model.subgraphs.count) subgraph\(model.subgraphs.count == 1 ? "" : "s")"
        }
        return text + "."
    }
}
