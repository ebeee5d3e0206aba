// Bars and lines on two axes. From the top: title, legend (more than one series), the value axis' title, the
// plot with its ticks and gridlines, category labels, the category axis' title. `horizontal` turns the plot a
// quarter: categories down the left, values along the bottom. Every label is measured, so none overlaps another
// or leaves the viewBox.

struct XYChartLayout {
    private typealias M = ChartMetrics
    let model: XYChartModel
    /// Natural width of the chart; the theme scales it down on narrow screens.
    var width = 640.0
    var plotHeight = 280.0

    /// The value axis: the data's extent (with zero, so bars have a baseline), or the author's range.
    func valueTicks(count: Int) -> NiceTicks {
        if let range = model.yRange { return NiceTicks(low: range.min, high: range.max, count: count, fixed: true) }
        let values = model.series.flatMap(\.values)
        return NiceTicks(low: min(0, values.min() ?? 0), high: max(0, values.max() ?? 1), count: count)
    }

    func layout() -> ChartScene {
        let count = max(model.pointCount, 1)
        let horizontal = model.orientation == .horizontal
        // Wide enough that every band holds a short label; wider charts scroll on phones rather than squash.
        let bars = Double(model.series.filter { $0.kind == .bar }.count)
        let band = horizontal ? 0 : max(56.0, bars * 14)
        // As narrow as a comfortable band per category allows (so few categories stay readable on a phone), no
        // wider than `width` unless the categories need it.
        let comfortable = 120 + Double(count) * max(band, bars * 28 + 40)
        let chartWidth = horizontal ? width : max(min(width, max(360, comfortable)), 120 + Double(count) * band)
        var scene = ChartScene(width: chartWidth, height: 0)
        var y = M.padding
        let inner = chartWidth - 2 * M.padding

        if let title = model.title, !title.isEmpty {
            let lines = TextMeasure.wrap([title], maxWidth: inner, size: M.titleSize, weight: .bold)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.titleSize)
            scene.add(.init(lines: lines, x: chartWidth / 2, y: y + height / 2, size: M.titleSize, weight: .bold,
                            role: .chartTitle))
            y += height + M.gap
        }
        if model.series.count > 1 { y = legend(into: &scene, top: y, width: inner) + M.gap }

        let valueTitle = model.yTitle.flatMap { $0.isEmpty ? nil : $0 }
        let categoryTitle = model.xTitle.flatMap { $0.isEmpty ? nil : $0 }
        if horizontal {
            layoutHorizontal(into: &scene, top: y, count: count, valueTitle: valueTitle, categoryTitle: categoryTitle)
        } else {
            layoutVertical(into: &scene, top: y, count: count, band: band, valueTitle: valueTitle,
                           categoryTitle: categoryTitle)
        }
        return scene
    }

    // MARK: Vertical

    private func layoutVertical(into scene: inout ChartScene, top: Double, count: Int, band: Double,
                                valueTitle: String?, categoryTitle: String?)
    {
        var y = top
        if let valueTitle {
            let lines = TextMeasure.wrap([valueTitle], maxWidth: scene.width - 2 * M.padding, size: M.textSize)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.textSize)
            scene.add(.init(lines: lines, x: M.padding, y: y + height / 2, size: M.textSize, anchor: .start,
                            role: .chartAxisTitle))
            y += height + M.gap / 2
        }
        let valueLabelHeight = SVGCanvas.textHeight(lines: 1, size: M.tickSize)
        let plotTop = y + valueLabelHeight  // room for a value label above the tallest bar
        let ticks = valueTicks(count: Int(plotHeight / 48) + 1)
        let tickLabels = ticks.labels
        let tickWidth = tickLabels.map { TextMeasure.width($0, size: M.tickSize) }.max() ?? 0
        let plotLeft = M.padding + tickWidth + 6
        let plotWidth = scene.width - M.padding - plotLeft
        let plotBottom = plotTop + plotHeight
        let scale = ValueScale(ticks: ticks, from: plotBottom, to: plotTop)
        let bandWidth = plotWidth / Double(count)

        for (value, label) in zip(ticks.values, tickLabels) {
            let at = scale.position(of: value)
            scene.marks.append(.line([DiagramPoint(x: plotLeft, y: at), DiagramPoint(x: plotLeft + plotWidth, y: at)],
                                     .role(.chartGrid)))
            scene.add(.init(lines: [label], x: plotLeft - 6, y: at, size: M.tickSize, anchor: .end,
                            role: .chartTick))
        }
        drawSeries(into: &scene, count: count, bandWidth: bandWidth, scale: scale) { band, offset in
            plotLeft + bandWidth * Double(band) + offset
        } place: { along, across in DiagramPoint(x: along, y: across) }
        scene.marks.append(.line([DiagramPoint(x: plotLeft, y: plotTop), DiagramPoint(x: plotLeft, y: plotBottom)],
                                 .role(.chartAxis)))
        let baseline = scale.position(of: min(max(0, ticks.lower), ticks.upper))
        scene.marks.append(.line([DiagramPoint(x: plotLeft, y: baseline),
                                  DiagramPoint(x: plotLeft + plotWidth, y: baseline)], .role(.chartAxis)))

        // Category labels wrap inside their band, so neighbours never touch.
        var bottom = plotBottom + 6
        var tallest = 0.0
        for index in 0..<count {
            let lines = TextMeasure.wrap([model.categoryLabel(index)], maxWidth: bandWidth - 4, size: M.tickSize)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.tickSize)
            tallest = max(tallest, height)
            scene.add(.init(lines: lines, x: plotLeft + bandWidth * (Double(index) + 0.5), y: bottom + height / 2,
                            size: M.tickSize, role: .chartTick))
        }
        bottom += tallest
        if let categoryTitle {
            let lines = TextMeasure.wrap([categoryTitle], maxWidth: scene.width - 2 * M.padding, size: M.textSize)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.textSize)
            scene.add(.init(lines: lines, x: plotLeft + plotWidth / 2, y: bottom + M.gap + height / 2,
                            size: M.textSize, role: .chartAxisTitle))
            bottom += M.gap + height
        }
        scene.height = bottom + M.padding
    }

    // MARK: Horizontal

    private func layoutHorizontal(into scene: inout ChartScene, top: Double, count: Int, valueTitle: String?,
                                  categoryTitle: String?)
    {
        var y = top
        if let categoryTitle {
            let lines = TextMeasure.wrap([categoryTitle], maxWidth: scene.width - 2 * M.padding, size: M.textSize)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.textSize)
            scene.add(.init(lines: lines, x: M.padding, y: y + height / 2, size: M.textSize, anchor: .start,
                            role: .chartAxisTitle))
            y += height + M.gap / 2
        }
        let labelWidth = min(180, (0..<count).map { TextMeasure.width(model.categoryLabel($0), size: M.tickSize) }
            .max() ?? 0)
        let wrapped = (0..<count).map {
            TextMeasure.wrap([model.categoryLabel($0)], maxWidth: max(labelWidth, 40), size: M.tickSize)
        }
        let widest = wrapped.map { TextMeasure.width(ofLines: $0, size: M.tickSize) }.max() ?? 0
        let tallest = wrapped.map { SVGCanvas.textHeight(lines: $0.count, size: M.tickSize) }.max() ?? 0
        let bars = max(1, model.series.filter { $0.kind == .bar }.count)
        let bandHeight = max(tallest + 8, Double(bars) * 18 + 10, 36)
        let plotTop = y + 4
        let plotHeight = bandHeight * Double(count)
        let plotLeft = M.padding + widest + 8
        // Room on the right for a value label past the longest bar.
        let values = model.series.flatMap(\.values)
        let valueLabelWidth = values.map { TextMeasure.width(ChartNumber.format($0), size: M.tickSize) }.max() ?? 0
        let plotWidth = scene.width - M.padding - plotLeft - valueLabelWidth - 4
        let plotBottom = plotTop + plotHeight

        // As many ticks as fit side by side with a gap, so tick labels never overlap.
        var wanted = Int(plotWidth / 70) + 1
        var ticks = valueTicks(count: wanted)
        while wanted > 2 {
            let widestTick = ticks.labels.map { TextMeasure.width($0, size: M.tickSize) }.max() ?? 0
            if plotWidth / Double(max(ticks.values.count - 1, 1)) >= widestTick + 12 { break }
            wanted -= 1
            ticks = valueTicks(count: wanted)
        }
        let scale = ValueScale(ticks: ticks, from: plotLeft, to: plotLeft + plotWidth)
        for (value, label) in zip(ticks.values, ticks.labels) {
            let at = scale.position(of: value)
            scene.marks.append(.line([DiagramPoint(x: at, y: plotTop), DiagramPoint(x: at, y: plotBottom)],
                                     .role(.chartGrid)))
            // The outermost labels turn inward rather than leave the chart.
            let half = TextMeasure.width(label, size: M.tickSize) / 2
            let anchor: TextAnchor = at + half > scene.width - M.padding ? .end : at - half < M.padding ? .start : .middle
            scene.add(.init(lines: [label], x: at, y: plotBottom + 6 + SVGCanvas.textHeight(lines: 1, size: M.tickSize) / 2,
                            size: M.tickSize, anchor: anchor, role: .chartTick))
        }
        drawSeries(into: &scene, count: count, bandWidth: bandHeight, scale: scale) { band, offset in
            plotTop + bandHeight * Double(band) + offset
        } place: { along, across in DiagramPoint(x: across, y: along) }
        let baseline = scale.position(of: min(max(0, ticks.lower), ticks.upper))
        scene.marks.append(.line([DiagramPoint(x: baseline, y: plotTop), DiagramPoint(x: baseline, y: plotBottom)],
                                 .role(.chartAxis)))
        scene.marks.append(.line([DiagramPoint(x: plotLeft, y: plotBottom),
                                  DiagramPoint(x: plotLeft + plotWidth, y: plotBottom)], .role(.chartAxis)))
        for (index, lines) in wrapped.enumerated() {
            scene.add(.init(lines: lines, x: plotLeft - 8, y: plotTop + bandHeight * (Double(index) + 0.5),
                            size: M.tickSize, anchor: .end, role: .chartTick))
        }
        var bottom = plotBottom + 6 + SVGCanvas.textHeight(lines: 1, size: M.tickSize)
        if let valueTitle {
            let lines = TextMeasure.wrap([valueTitle], maxWidth: scene.width - 2 * M.padding, size: M.textSize)
            let height = SVGCanvas.textHeight(lines: lines.count, size: M.textSize)
            scene.add(.init(lines: lines, x: plotLeft + plotWidth / 2, y: bottom + M.gap + height / 2,
                            size: M.textSize, role: .chartAxisTitle))
            bottom += M.gap + height
        }
        scene.height = bottom + M.padding
    }

    // MARK: Series

    /// Bars side by side in each band, then lines through the bands' middles. `along(band, offset)` is the
    /// position on the category axis; `place(along, across)` turns it and a value position into a point.
    private func drawSeries(into scene: inout ChartScene, count: Int, bandWidth: Double, scale: ValueScale,
                            along: (Int, Double) -> Double, place: (Double, Double) -> DiagramPoint)
    {
        let horizontal = model.orientation == .horizontal
        let barSeries = model.series.indices.filter { model.series[$0].kind == .bar }
        let group = bandWidth * 0.72
        let barWidth = barSeries.isEmpty ? 0 : group / Double(barSeries.count)
        let base = scale.position(of: min(max(0, scale.ticks.lower), scale.ticks.upper))
        let labelHeight = SVGCanvas.textHeight(lines: 1, size: M.tickSize)
        for (slot, seriesIndex) in barSeries.enumerated() {
            for (band, value) in model.series[seriesIndex].values.enumerated() where band < count {
                let start = along(band, (bandWidth - group) / 2 + barWidth * Double(slot))
                let end = scale.position(of: value)
                let a = place(start + 1, base), b = place(start + barWidth - 1, end)
                let rect = DiagramRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x),
                                       height: abs(b.y - a.y))
                scene.marks.append(.rect(rect, .series(seriesIndex)))
                // A value label where it fits: past the bar's end, inside the chart, no wider than the bar.
                let text = ChartNumber.format(value)
                let textWidth = TextMeasure.width(text, size: M.tickSize)
                let outward = value < 0 ? -1.0 : 1.0
                if horizontal {
                    guard labelHeight <= barWidth else { continue }
                    let x = outward > 0 ? rect.maxX + 4 : rect.x - 4
                    // Right of a positive bar there is room up to the margin; left of a negative one, only up
                    // to the plot's edge, where the category labels begin.
                    guard outward > 0 ? x + textWidth <= scene.width - M.padding + 0.01 : x - textWidth >= scale.from
                    else { continue }
                    scene.add(.init(lines: [text], x: x, y: rect.y + rect.height / 2, size: M.tickSize,
                                    anchor: outward > 0 ? .start : .end, role: .chartValue))
                } else {
                    guard textWidth <= barWidth - 2 else { continue }
                    let y = outward > 0 ? rect.y - 2 - labelHeight / 2 : rect.maxY + 2 + labelHeight / 2
                    // Below the plot are the category labels: a negative bar's label must stay above them.
                    guard outward > 0 || y + labelHeight / 2 <= scale.from else { continue }
                    scene.add(.init(lines: [text], x: rect.x + rect.width / 2, y: y, size: M.tickSize,
                                    role: .chartValue))
                }
            }
        }
        for (seriesIndex, series) in model.series.enumerated() where series.kind == .line {
            let points = series.values.prefix(count).enumerated().map { band, value in
                place(along(band, bandWidth / 2), scale.position(of: value))
            }
            scene.marks.append(.line(points, .series(seriesIndex)))
            for point in points { scene.marks.append(.dot(point, radius: 3.5, .series(seriesIndex))) }
        }
    }

    // MARK: Legend

    /// One swatch and name per series, flowing into rows; returns the bottom of the last row.
    private func legend(into scene: inout ChartScene, top: Double, width: Double) -> Double {
        let height = SVGCanvas.textHeight(lines: 1, size: M.textSize)
        var items: [(index: Int, lines: [String], width: Double)] = []
        for index in model.series.indices {
            let lines = TextMeasure.wrap([model.displayName(of: index)], maxWidth: width - M.swatch - 6,
                                         size: M.textSize)
            items.append((index, lines, M.swatch + 6 + TextMeasure.width(ofLines: lines, size: M.textSize)))
        }
        var rows: [[(index: Int, lines: [String], width: Double)]] = [[]]
        var rowWidth = 0.0
        for item in items {
            if !rows[rows.count - 1].isEmpty, rowWidth + 18 + item.width > width {
                rows.append([])
                rowWidth = 0
            }
            rowWidth += (rows[rows.count - 1].isEmpty ? 0 : 18) + item.width
            rows[rows.count - 1].append(item)
        }
        var y = top
        for row in rows {
            let rowHeight = row.map { SVGCanvas.textHeight(lines: $0.lines.count, size: M.textSize) }.max() ?? height
            let total = row.reduce(0) { $0 + $1.width } + 18 * Double(row.count - 1)
            var x = M.padding + (width - total) / 2
            for item in row {
                let middle = y + rowHeight / 2
                let paint = ChartScene.Paint.series(item.index)
                if model.series[item.index].kind == .line {
                    scene.marks.append(.line([DiagramPoint(x: x, y: middle), DiagramPoint(x: x + M.swatch, y: middle)],
                                             paint))
                    scene.marks.append(.dot(DiagramPoint(x: x + M.swatch / 2, y: middle), radius: 3.5, paint))
                } else {
                    scene.marks.append(.rect(DiagramRect(x: x, y: middle - M.swatch / 2, width: M.swatch,
                                                         height: M.swatch), paint))
                }
                scene.add(.init(lines: item.lines, x: x + M.swatch + 6, y: middle, size: M.textSize, anchor: .start,
                                role: .chartLegend))
                x += item.width + 18
            }
            y += rowHeight + 4
        }
        return y - 4
    }
}

/// Values to positions along one axis, clamped to its ends (a range that leaves data out draws it at the edge).
struct ValueScale {
    var ticks: NiceTicks
    var from: Double
    var to: Double

    func position(of value: Double) -> Double {
        let span = ticks.upper - ticks.lower
        guard span > 0, value.isFinite else { return from }
        let clamped = min(max(value, ticks.lower), ticks.upper)
        return from + (to - from) * (clamped - ticks.lower) / span
    }
}
