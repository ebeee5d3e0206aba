// A chart's numbers in words and in a table: the `<desc>` a screen reader speaks, and the expandable table under
// the figure, so a chart is never the only place a number lives.

enum ChartWords {
    // MARK: xychart

    /// "Bar chart, Calls per backend. pick_first: backend-1 1000, backend-2 0. round_robin: …"
    static func description(of model: XYChartModel) -> String {
        let kinds = Set(model.series.map(\.kind))
        let kind = kinds.count > 1 ? "Bar and line chart" : kinds.first == .line ? "Line chart" : "Bar chart"
        var out = kind + (model.title.map { ", \($0)" } ?? "") + "."
        if let xTitle = model.xTitle { out += " Categories: \(xTitle)." }
        if let yTitle = model.yTitle { out += " Values: \(yTitle)." }
        for index in model.series.indices {
            let points = model.series[index].values.enumerated().map { point, value in
                "\(model.categoryLabel(point)) \(ChartNumber.format(value))"
            }
            out += " \(model.displayName(of: index)): " + points.joined(separator: ", ") + "."
        }
        if let accessible = model.accessibleDescription { out = accessible + " " + out }
        return out
    }

    static func table(of model: XYChartModel) -> String {
        var head = "<tr><th scope=\"col\">" + HTML.escape(model.xTitle ?? "") + "</th>"
        for index in model.series.indices {
            head += "<th scope=\"col\">" + HTML.escape(model.displayName(of: index)) + "</th>"
        }
        head += "</tr>"
        var body = ""
        for point in 0..<model.pointCount {
            body += "<tr><th scope=\"row\">" + HTML.escape(model.categoryLabel(point)) + "</th>"
            for series in model.series {
                let value = point < series.values.count ? ChartNumber.format(series.values[point]) : ""
                body += "<td>" + value + "</td>"
            }
            body += "</tr>"
        }
        return details(title: model.title, head: head, body: body)
    }

    // MARK: pie

    /// "Pie chart, Requests. Loaded: 1 (1%). Waited: 99 (99%)."
    static func description(of model: PieChartModel, layout: PieChartLayout) -> String {
        var out = "Pie chart" + (model.title.map { ", \($0)" } ?? "") + "."
        for (index, slice) in model.slices.enumerated() {
            out += " \(slice.label): \(ChartNumber.format(slice.value)) (\(layout.percentage(of: index)))."
        }
        if let accessible = model.accessibleDescription { out = accessible + " " + out }
        return out
    }

    static func table(of model: PieChartModel, layout: PieChartLayout) -> String {
        let head = "<tr><th scope=\"col\"></th><th scope=\"col\">Value</th><th scope=\"col\">Share</th></tr>"
        var body = ""
        for (index, slice) in model.slices.enumerated() {
            body += "<tr><th scope=\"row\">" + HTML.escape(slice.label) + "</th><td>"
                + ChartNumber.format(slice.value) + "</td><td>" + layout.percentage(of: index) + "</td></tr>"
        }
        return details(title: model.title, head: head, body: body)
    }

    private static func details(title: String?, head: String, body: String) -> String {
        let summary = "Data" + (title.map { ": " + HTML.escape($0) } ?? "")
        return "<details class=\"chart-data\"><summary>\(summary)</summary><div class=\"table-wrap\"><table>"
            + "<thead>\(head)</thead><tbody>\(body)</tbody></table></div></details>"
    }
}
