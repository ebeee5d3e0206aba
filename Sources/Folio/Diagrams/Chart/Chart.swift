// Mermaid charts: `xychart-beta` (bars and lines) and `pie`, parsed (XYChartParser, PieChartParser), laid out
// (XYChartLayout, PieChartLayout), drawn (ChartSVG), and stated in words and as a table (ChartWords).

enum Chart {
    static func renderXY(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        let (model, warnings) = try XYChartParser.parse(source)
        let scene = XYChartLayout(model: model).layout()
        let svg = ChartSVG.draw(scene, kind: "diagram-chart diagram-xychart", idPrefix: idPrefix,
                                title: model.accessibleTitle ?? model.title ?? "Chart",
                                description: ChartWords.description(of: model))
        return Diagram.Rendered(svg: svg, warnings: warnings, dataTable: ChartWords.table(of: model))
    }

    static func renderPie(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        let model = try PieChartParser.parse(source)
        let layout = PieChartLayout(model: model)
        let svg = ChartSVG.draw(layout.layout(), kind: "diagram-chart diagram-pie", idPrefix: idPrefix,
                                title: model.accessibleTitle ?? model.title ?? "Pie chart",
                                description: ChartWords.description(of: model, layout: layout))
        return Diagram.Rendered(svg: svg, dataTable: ChartWords.table(of: model, layout: layout))
    }
}
