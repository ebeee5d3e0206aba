// The SVG both diagram kinds draw on: shapes tagged with a role (a CSS class the theme colours, light and dark,
// plus fallback colours for readers without the theme's CSS), real <text>, arrow markers, and the accessible
// document around them. Numbers are written with at most two decimals, so output is stable byte for byte.

/// What a shape is, which decides its class and its fallback colours.
enum DiagramRole: String, Sendable, CaseIterable {
    case node, cluster, clusterLabel, edge, edgeLabel, edgeLabelBackground, clusterLabelBackground, label, title
    case actor, actorLabel, lifeline, message, messageText, activation, note, noteText
    case frame, frameLabel, frameLabelBackground, frameSection, group, groupLabel, sequenceNumber, sequenceNumberText
    case chartAxis, chartGrid, chartTick, chartAxisTitle, chartTitle, chartLegend, chartValue, chartSliceLabel

    var className: String {
        "dg-" + rawValue.reduce(into: "") { out, character in
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
    }

    /// Presentation attributes: the light palette, overridden by the theme's CSS classes when present.
    var fallback: String {
        switch self {
        case .node, .actor: return ##"fill="#eef2fa" stroke="#4f5d78" stroke-width="1.5""##
        case .cluster: return ##"fill="#f6f7fa" stroke="#9aa6bd" stroke-width="1""##
        case .group: return ##"fill="#f3f5f9" stroke="#c3cad8" stroke-width="1""##
        case .edge, .message: return ##"fill="none" stroke="#4f5d78" stroke-width="1.5""##
        case .lifeline: return ##"fill="none" stroke="#9aa6bd" stroke-width="1" stroke-dasharray="4 4""##
        case .activation: return ##"fill="#dde4f3" stroke="#4f5d78" stroke-width="1""##
        case .note: return ##"fill="#fff4d1" stroke="#b8941f" stroke-width="1""##
        case .frame: return ##"fill="none" stroke="#7c879c" stroke-width="1""##
        case .frameSection: return ##"fill="none" stroke="#7c879c" stroke-width="1" stroke-dasharray="5 4""##
        case .frameLabelBackground: return ##"fill="#e3e8f2" stroke="#7c879c" stroke-width="1""##
        case .edgeLabelBackground: return ##"fill="#ffffff" stroke="none""##
        case .clusterLabelBackground: return ##"fill="#f6f7fa" stroke="none""##
        case .sequenceNumber: return ##"fill="#4f5d78" stroke="none""##
        case .sequenceNumberText: return ##"fill="#ffffff""##
        case .chartAxis: return ##"fill="none" stroke="#4f5d78" stroke-width="1""##
        case .chartGrid: return ##"fill="none" stroke="#dde2eb" stroke-width="1""##
        case .chartTick, .chartAxisTitle, .chartLegend, .chartValue: return ##"fill="#3b4558""##
        case .chartTitle: return ##"fill="#1b2230""##
        // Slices keep their light palette in both themes, so the label on them stays dark.
        case .chartSliceLabel: return ##"fill="#1b2230""##
        case .label, .actorLabel, .messageText, .noteText, .edgeLabel, .frameLabel, .clusterLabel, .groupLabel,
            .title:
            return ##"fill="#1b2230""##
        }
    }
}

/// Arrowheads and other line ends.
enum DiagramMarker: String, Sendable, CaseIterable {
    /// Filled triangle.
    case arrow
    /// Two open strokes (`-)` async messages).
    case openArrow
    case cross
    case circle
}

struct DiagramPoint: Sendable, Equatable {
    var x: Double
    var y: Double
}

enum TextAnchor: String, Sendable { case start, middle, end }

struct SVGCanvas {
    /// Prefix of every id in this diagram; unique per page (see `DiagramFences`).
    let idPrefix: String
    /// Extra class on the root `<svg>`, such as `diagram-flowchart`.
    let kind: String
    private(set) var body = ""
    private var markers: Set<String> = []

    static let lineHeight = 1.3
    /// Arial's ascent and descent, in ems: where a baseline sits inside a line box.
    static let ascent = 0.905
    static let descent = 0.212

    init(idPrefix: String, kind: String) {
        self.idPrefix = idPrefix
        self.kind = kind
    }

    /// At most two decimals, no trailing zeros, never `-0`: the same layout always writes the same bytes.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    private static func attributes(_ role: DiagramRole, style: String?) -> String {
        var out = #"class="\#(role.className)" \#(role.fallback)"#
        if let style, !style.isEmpty { out += #" style="\#(HTML.escape(style))""# }
        return out
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, radius: Double = 0,
                       role: DiagramRole, style: String? = nil)
    {
        let n = Self.number
        var corner = ""
        if radius > 0 { corner = #" rx="\#(n(radius))" ry="\#(n(radius))""# }
        body += #"<rect x="\#(n(x))" y="\#(n(y))" width="\#(n(width))" height="\#(n(height))"\#(corner) "#
            + Self.attributes(role, style: style) + "/>"
    }

    mutating func ellipse(centerX: Double, centerY: Double, radiusX: Double, radiusY: Double,
                          role: DiagramRole, style: String? = nil)
    {
        let n = Self.number
        body += #"<ellipse cx="\#(n(centerX))" cy="\#(n(centerY))" rx="\#(n(radiusX))" ry="\#(n(radiusY))" "#
            + Self.attributes(role, style: style) + "/>"
    }

    mutating func polygon(_ points: [DiagramPoint], role: DiagramRole, style: String? = nil) {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        body += #"<polygon points="\#(list)" "# + Self.attributes(role, style: style) + "/>"
    }

    /// A path from SVG path data (build it with `pathData`), with optional markers at its ends.
    mutating func path(_ data: String, role: DiagramRole, dashes: String? = nil, start: DiagramMarker? = nil,
                       end: DiagramMarker? = nil, style: String? = nil)
    {
        var extra = ""
        if let dashes { extra += #" stroke-dasharray="\#(dashes)""# }
        if let start { extra += #" marker-start="url(#\#(marker(start, role: role)))""# }
        if let end { extra += #" marker-end="url(#\#(marker(end, role: role)))""# }
        // The role's fallback may carry its own dasharray; an explicit one comes first and wins.
        body += #"<path d="\#(data)"\#(extra) "# + Self.attributes(role, style: style) + "/>"
    }

    /// Path data through `points`: straight segments, or, with `curved`, a smooth curve through them.
    static func pathData(_ points: [DiagramPoint], curved: Bool = false) -> String {
        guard let first = points.first else { return "" }
        let n = Self.number
        var data = "M\(n(first.x)),\(n(first.y))"
        if !curved || points.count < 3 {
            for point in points.dropFirst() { data += " L\(n(point.x)),\(n(point.y))" }
            return data
        }
        // Catmull-Rom through the points, as cubic Béziers.
        for index in 0..<(points.count - 1) {
            let p0 = points[max(index - 1, 0)], p1 = points[index]
            let p2 = points[index + 1], p3 = points[min(index + 2, points.count - 1)]
            let c1 = DiagramPoint(x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6)
            let c2 = DiagramPoint(x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6)
            data += " C\(n(c1.x)),\(n(c1.y)) \(n(c2.x)),\(n(c2.y)) \(n(p2.x)),\(n(p2.y))"
        }
        return data
    }

    /// Lines of text centred vertically on `y` (the middle of the block), anchored at `x`.
    mutating func text(_ lines: [String], x: Double, y: Double, size: Double, weight: FontWeight = .regular,
                       anchor: TextAnchor = .middle, role: DiagramRole, style: String? = nil)
    {
        guard !lines.isEmpty else { return }
        let n = Self.number
        let lineHeight = size * Self.lineHeight
        let top = y - lineHeight * Double(lines.count) / 2
        let firstBaseline = top + (lineHeight - (Self.ascent + Self.descent) * size) / 2 + Self.ascent * size
        var element = #"<text x="\#(n(x))" y="\#(n(firstBaseline))" font-size="\#(n(size))""#
        if anchor != .start { element += #" text-anchor="\#(anchor.rawValue)""# }
        if weight == .bold { element += #" font-weight="bold""# }
        element += " " + Self.attributes(role, style: style) + ">"
        if lines.count == 1 {
            element += HTML.escape(lines[0])
        } else {
            for (index, line) in lines.enumerated() {
                let dy = index == 0 ? "0" : n(lineHeight)
                // An empty tspan would not advance the line; a no-break space keeps blank lines.
                element += #"<tspan x="\#(n(x))" dy="\#(dy)">\#(line.isEmpty ? "\u{00A0}" : HTML.escape(line))</tspan>"#
            }
        }
        body += element + "</text>"
    }

    /// Height of a block of `count` lines at `size`.
    static func textHeight(lines count: Int, size: Double) -> Double {
        Double(max(count, 1)) * size * lineHeight
    }

    /// Raw markup, for groups: `<g …>` / `</g>`. Callers escape what they put in.
    mutating func raw(_ markup: String) { body += markup }

    private mutating func marker(_ marker: DiagramMarker, role: DiagramRole) -> String {
        let id = "\(idPrefix)-\(marker.rawValue)-\(role.rawValue)"
        markers.insert("\(marker.rawValue) \(role.rawValue)")
        return id
    }

    private func markerDefinitions() -> String {
        var out = ""
        for key in markers.sorted() {
            let parts = key.split(separator: " ")
            guard let marker = DiagramMarker(rawValue: String(parts[0])),
                let role = DiagramRole(rawValue: String(parts[1]))
            else { continue }
            let id = "\(idPrefix)-\(marker.rawValue)-\(role.rawValue)"
            let common = #"id="\#(id)" markerUnits="userSpaceOnUse" orient="auto-start-reverse""#
            switch marker {
            case .arrow:
                out += #"<marker \#(common) viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10">"#
                    + ##"<path d="M0,1 L10,5 L0,9 z" class="dg-arrowhead" fill="#4f5d78"/></marker>"##
            case .openArrow:
                out += #"<marker \#(common) viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10">"#
                    + ##"<path d="M1,1 L9,5 L1,9" class="dg-arrowhead-open" fill="none" stroke="#4f5d78" stroke-width="1.5"/></marker>"##
            case .cross:
                out += #"<marker \#(common) viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10">"#
                    + ##"<path d="M1,1 L9,9 M9,1 L1,9" class="dg-arrowhead-open" fill="none" stroke="#4f5d78" stroke-width="1.5"/></marker>"##
            case .circle:
                out += #"<marker \#(common) viewBox="0 0 10 10" refX="5" refY="5" markerWidth="9" markerHeight="9">"#
                    + ##"<circle cx="5" cy="5" r="4" class="dg-arrowhead-circle" fill="#eef2fa" stroke="#4f5d78" stroke-width="1.5"/></marker>"##
            }
        }
        return out
    }

    /// The finished `<svg>`: accessible name and description, a viewBox, the size as width/height (the theme
    /// scales it down on narrow screens, to 70% at most, then lets it scroll), no script.
    func document(width: Double, height: Double, title: String, description: String) -> String {
        let n = Self.number
        let titleID = "\(idPrefix)-title", descriptionID = "\(idPrefix)-desc"
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg \#(kind)" id="\#(idPrefix)" "#
        out += #"viewBox="0 0 \#(n(width)) \#(n(height))" width="\#(n(width))" height="\#(n(height))" "#
        // The theme reads the natural width: narrow screens scale a diagram down only so far, then scroll it.
        out += #"style="--diagram-width:\#(n(width))px" "#
        out += #"role="img" aria-labelledby="\#(titleID) \#(descriptionID)" "#
        out += #"font-family="\#(TextMeasure.fontFamily)" font-size="14">"#
        out += #"<title id="\#(titleID)">\#(HTML.escape(title))</title>"#
        out += #"<desc id="\#(descriptionID)">\#(HTML.escape(description))</desc>"#
        let definitions = markerDefinitions()
        if !definitions.isEmpty { out += "<defs>" + definitions + "</defs>" }
        return out + body + "</svg>"
    }
}
