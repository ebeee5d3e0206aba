// A chart scene written as SVG on the shared canvas: theme roles for axes, gridlines and text, and palette
// classes (`dg-series-N`) for bars, lines and slices, with fallback colours for readers without the theme.

import Foundation

enum ChartSVG {
    /// One palette for light and dark: mid tones that stand out on either background and keep dark text on a
    /// slice readable. A theme may restyle the `dg-series-N` classes.
    static let palette = ["#6f9fd8", "#f4a259", "#7cc47f", "#e8787a", "#8fd3cf", "#f2d16b", "#c39bd3", "#c9a27e"]

    static func draw(_ scene: ChartScene, kind: String, idPrefix: String, title: String, description: String)
        -> String
    {
        var canvas = SVGCanvas(idPrefix: idPrefix, kind: kind)
        let n = SVGCanvas.number
        for mark in scene.marks {
            switch mark {
            case .rect(let rect, .role(let role)):
                canvas.rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, role: role)
            case .rect(let rect, .series(let index)):
                canvas.raw(#"<rect x="\#(n(rect.x))" y="\#(n(rect.y))" width="\#(n(rect.width))" "#
                    + #"height="\#(n(rect.height))" \#(seriesFill(index))/>"#)
            case .line(let points, .role(let role)):
                canvas.path(SVGCanvas.pathData(points), role: role)
            case .line(let points, .series(let index)):
                canvas.raw(#"<path d="\#(SVGCanvas.pathData(points))" class="dg-chart-line dg-series-\#(index % 8)" "#
                    + #"fill="none" stroke="\#(palette[index % 8])" stroke-width="2.5" stroke-linejoin="round"/>"#)
            case .dot(let center, let radius, let paint):
                canvas.raw(#"<circle cx="\#(n(center.x))" cy="\#(n(center.y))" r="\#(n(radius))" "#
                    + dotPaint(paint) + "/>")
            case .slice(let center, let radius, let start, let end, let paint):
                let index: Int
                if case .series(let value) = paint { index = value } else { index = 0 }
                canvas.raw(#"<path d="\#(sliceData(center: center, radius: radius, start: start, end: end))" "#
                    + seriesFill(index, edge: "dg-chart-slice") + "/>")
            case .label(let label):
                canvas.text(label.lines, x: label.x, y: label.y, size: label.size, weight: label.weight,
                            anchor: label.anchor, role: label.role)
            }
        }
        return canvas.document(width: scene.width, height: scene.height, title: title, description: description)
    }

    private static func seriesFill(_ index: Int, edge: String = "dg-chart-bar") -> String {
        // Bars get a thin dark edge, slices a gap in the background colour (the theme's, through CSS).
        let outline = edge == "dg-chart-bar" ? #"stroke="rgba(27,34,48,0.45)" stroke-width="1""#
            : ##"stroke="#ffffff" stroke-width="1.5""##
        return #"class="\#(edge) dg-series-\#(index % 8)" fill="\#(palette[index % 8])" \#(outline)"#
    }

    private static func dotPaint(_ paint: ChartScene.Paint) -> String {
        guard case .series(let index) = paint else { return ##"fill="#4f5d78""## }
        return #"class="dg-chart-dot dg-series-\#(index % 8)" fill="\#(palette[index % 8])" "#
            + ##"stroke="#ffffff" stroke-width="1""##
    }

    /// Path data for a slice; a slice that is the whole pie is two half arcs (one arc cannot close a circle).
    static func sliceData(center: DiagramPoint, radius: Double, start: Double, end: Double) -> String {
        let n = SVGCanvas.number
        func point(_ degrees: Double) -> String {
            let radians = degrees * Double.pi / 180
            return "\(n(center.x + radius * sin(radians))),\(n(center.y - radius * cos(radians)))"
        }
        let r = n(radius)
        if end - start >= 359.99 {
            return "M\(point(0)) A\(r),\(r) 0 1 1 \(point(180)) A\(r),\(r) 0 1 1 \(point(0)) Z"
        }
        let large = end - start > 180 ? 1 : 0
        return "M\(n(center.x)),\(n(center.y)) L\(point(start)) A\(r),\(r) 0 \(large) 1 \(point(end)) Z"
    }
}
