// A laid-out chart as marks on a plane: rectangles, lines, dots, pie slices and labels, each with the role or
// series that colours it. The layouts produce it, ChartSVG writes it, and tests check its geometry.

struct ChartScene: Sendable {
    /// How a mark is coloured: a theme role, or the palette colour of series (or slice) `n`, counted from 0.
    enum Paint: Sendable, Equatable {
        case role(DiagramRole)
        case series(Int)
    }

    struct Label: Sendable {
        var lines: [String]
        /// The anchor point: `x` by `anchor`, `y` the middle of the block.
        var x: Double
        var y: Double
        var size: Double
        var weight = FontWeight.regular
        var anchor = TextAnchor.middle
        var role: DiagramRole

        /// The space the text takes, from the same metrics that measured it.
        var box: DiagramRect {
            let width = TextMeasure.width(ofLines: lines, size: size, weight: weight)
            let height = SVGCanvas.textHeight(lines: lines.count, size: size)
            let left: Double
            switch anchor {
            case .start: left = x
            case .middle: left = x - width / 2
            case .end: left = x - width
            }
            return DiagramRect(x: left, y: y - height / 2, width: width, height: height)
        }
    }

    enum Mark: Sendable {
        case rect(DiagramRect, Paint)
        /// A polyline; `series` paints its stroke.
        case line([DiagramPoint], Paint)
        case dot(DiagramPoint, radius: Double, Paint)
        /// A pie slice from `start` to `end` degrees, clockwise from twelve o'clock.
        case slice(center: DiagramPoint, radius: Double, start: Double, end: Double, Paint)
        case label(Label)
    }

    var width: Double
    var height: Double
    var marks: [Mark] = []

    var labels: [Label] {
        marks.compactMap { if case .label(let label) = $0 { return label } else { return nil } }
    }

    mutating func add(_ label: Label) { marks.append(.label(label)) }
}

/// Sizes every chart shares.
enum ChartMetrics {
    static let padding = 16.0
    static let titleSize = 16.0
    static let textSize = 13.0
    static let tickSize = 12.0
    static let gap = 8.0
    static let swatch = 12.0
}
