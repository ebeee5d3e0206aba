// A pie: slices clockwise from twelve o'clock in the order written, a percentage inside each slice wide
// enough to hold it, and a legend on the right (with each value, under `showData`).

import Foundation

struct PieChartLayout {
    private typealias M = ChartMetrics
    let model: PieChartModel
    var radius = 110.0
    var legendWidth = 220.0

    /// Each slice's start and end angle, in degrees clockwise from twelve o'clock; together a full turn.
    func angles() -> [(start: Double, end: Double)] {
        let total = model.total
        guard total > 0 else { return [] }
        var result: [(Double, Double)] = []
        var running = 0.0
        for slice in model.slices {
            let start = running / total * 360
            running += slice.value
            // The last slice ends exactly at 360, whatever the rounding on the way.
            let end = result.count == model.slices.count - 1 ? 360 : running / total * 360
            result.append((start, end))
        }
        return result
    }

    /// "42%", or one decimal below 10% so a small slice does not read as 0%.
    func percentage(of index: Int) -> String {
        let share = model.slices[index].value / model.total * 100
        return ChartNumber.format(share, decimals: share < 10 ? 1 : 0) + "%"
    }

    func layout() -> ChartScene {
        let width = M.padding * 2 + radius * 2 + 24 + legendWidth
        var scene = ChartScene(width: width, height: 0)
        var y = M.padding
        if let title = model.title, !title.isEmpty {
            let lines = TextMeasure.wrap([title], maxWidth: width - 2 * M.padding, size: M.titleSize, weight: .bold)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.titleSize)
            scene.add(.init(lines: lines, x: width / 2, y: y + height / 2, size: M.titleSize, weight: .bold,
                            role: .chartTitle))
            y += height + M.gap * 2
        }
        let center = DiagramPoint(x: M.padding + radius, y: y + radius)
        for (index, angle) in angles().enumerated() where angle.end > angle.start {
            scene.marks.append(.slice(center: center, radius: radius, start: angle.start, end: angle.end,
                                      .series(index)))
        }
        for (index, angle) in angles().enumerated() {
            let text = percentage(of: index)
            let textWidth = TextMeasure.width(text, size: M.tickSize, weight: .bold)
            let middle = (angle.start + angle.end) / 2 * Double.pi / 180
            let distance = radius * 0.66
            // Room for the label: the chord across the slice at that distance, and a slice not too thin.
            let sweep = (angle.end - angle.start) * Double.pi / 180
            let chord = sweep >= Double.pi ? radius : 2 * distance * sin(sweep / 2)
            guard chord >= textWidth + 6, sweep >= 0.35 else { continue }
            let whole = sweep >= 2 * Double.pi - 0.001
            scene.add(.init(lines: [text], x: whole ? center.x : center.x + distance * sin(middle),
                            y: whole ? center.y : center.y - distance * cos(middle),
                            size: M.tickSize, weight: .bold, role: .chartSliceLabel))
        }
        // Legend: one row per slice, centred beside the pie.
        let legendLeft = center.x + radius + 24
        var rows: [(lines: [String], height: Double)] = []
        for slice in model.slices {
            var text = slice.label
            if model.showData { text += " [\(ChartNumber.format(slice.value))]" }
            let lines = TextMeasure.wrap([text], maxWidth: legendWidth - M.swatch - 8, size: M.textSize)
            rows.append((lines, max(SVGCanvas.textHeight(lines: lines.count, size: M.textSize), M.swatch) + 6))
        }
        let legendHeight = rows.reduce(0) { $0 + $1.height }
        var rowTop = max(y, center.y - legendHeight / 2)
        for (index, row) in rows.enumerated() {
            let middle = rowTop + row.height / 2
            scene.marks.append(.rect(DiagramRect(x: legendLeft, y: middle - M.swatch / 2, width: M.swatch,
                                                 height: M.swatch), .series(index)))
            scene.add(.init(lines: row.lines, x: legendLeft + M.swatch + 8, y: middle, size: M.textSize,
                            anchor: .start, role: .chartLegend))
            rowTop += row.height
        }
        scene.height = max(center.y + radius, rowTop) + M.padding
        return scene
    }
}
