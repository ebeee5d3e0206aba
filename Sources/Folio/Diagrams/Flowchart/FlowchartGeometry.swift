// Node shapes as geometry: how big each is for its label, its outline, and where an edge meets it.

enum FlowchartGeometry {
    static let fontSize = 14.0
    static let wrapWidth = 200.0
    static let paddingX = 16.0
    static let paddingY = 10.0

    /// A label's lines: `<br>` breaks kept, long lines wrapped at 200 px.
    static func lines(_ label: [String]) -> [String] {
        TextMeasure.wrap(label, maxWidth: wrapWidth, size: fontSize)
    }

    static func textSize(_ lines: [String]) -> (width: Double, height: Double) {
        (TextMeasure.width(ofLines: lines, size: fontSize), SVGCanvas.textHeight(lines: lines.count, size: fontSize))
    }

    /// The flat cap of a cylinder: Mermaid's proportion, an ellipse flatter as the cylinder widens.
    static func capHeight(width: Double) -> Double {
        let radius = width / 2
        return radius / (2.5 + width / 50)
    }

    /// Size of a node of `shape` around text of `text` size.
    static func size(of shape: NodeShape, text: (width: Double, height: Double)) -> (width: Double, height: Double) {
        let boxWidth = max(text.width + 2 * paddingX, 40), boxHeight = text.height + 2 * paddingY
        switch shape {
        case .rectangle, .rounded: return (boxWidth, boxHeight)
        case .stadium: return (max(text.width + boxHeight, 40), boxHeight)
        case .subroutine: return (boxWidth + 16, boxHeight)
        case .cylinder:
            let cap = capHeight(width: boxWidth)
            return (boxWidth, boxHeight + 2 * cap)
        case .circle, .doubleCircle:
            let diameter = max((text.width * text.width + text.height * text.height).squareRoot() + 12, 40)
            let total = shape == .doubleCircle ? diameter + 10 : diameter
            return (total, total)
        case .rhombus:
            // Half-diagonals in ratio 0.6 whose rhombus exactly contains the padded text box.
            let inner = (width: text.width + 14, height: text.height + 8), ratio = 0.6
            let half = (inner.width + inner.height / ratio) / 2
            return (2 * half, 2 * half * ratio)
        case .hexagon: return (boxWidth + boxHeight / 2, boxHeight)
        case .asymmetric: return (boxWidth + boxHeight / 4, boxHeight)
        case .leanRight, .leanLeft, .trapezoid, .invertedTrapezoid: return (boxWidth + boxHeight / 3, boxHeight)
        }
    }

    /// Where a node's text is centred, relative to the node's centre (x, y).
    static func textOffset(of shape: NodeShape, width: Double, height: Double) -> (x: Double, y: Double) {
        switch shape {
        case .cylinder: return (0, capHeight(width: width) / 2)  // below the rim of the top cap
        case .asymmetric: return (height / 8, 0)  // clear of the notch
        default: return (0, 0)
        }
    }

    enum Outline {
        case rectangle(DiagramRect)
        case ellipse(center: DiagramPoint, radiusX: Double, radiusY: Double)
        case polygon([DiagramPoint])

        func contains(_ point: DiagramPoint) -> Bool {
            switch self {
            case .rectangle(let rect):
                return point.x >= rect.x && point.x <= rect.maxX && point.y >= rect.y && point.y <= rect.maxY
            case .ellipse(let center, let radiusX, let radiusY):
                let dx = (point.x - center.x) / radiusX, dy = (point.y - center.y) / radiusY
                return dx * dx + dy * dy <= 1
            case .polygon(let points):
                var inside = false
                var previous = points[points.count - 1]
                for current in points {
                    if (current.y > point.y) != (previous.y > point.y) {
                        let crossing = (previous.x - current.x) * (point.y - current.y) / (previous.y - current.y) + current.x
                        if point.x < crossing { inside.toggle() }
                    }
                    previous = current
                }
                return inside
            }
        }
    }

    /// The outline an edge stops at: the drawn shape for pointed shapes, the box for the rest.
    static func outline(of shape: NodeShape, in rect: DiagramRect) -> Outline {
        let (x, y, w, h) = (rect.x, rect.y, rect.width, rect.height)
        let center = rect.center
        func point(_ px: Double, _ py: Double) -> DiagramPoint { DiagramPoint(x: px, y: py) }
        switch shape {
        case .rectangle, .rounded, .stadium, .subroutine, .cylinder: return .rectangle(rect)
        case .circle, .doubleCircle: return .ellipse(center: center, radiusX: w / 2, radiusY: h / 2)
        case .rhombus:
            return .polygon([point(center.x, y), point(x + w, center.y), point(center.x, y + h), point(x, center.y)])
        case .hexagon:
            let inset = h / 4
            return .polygon([point(x + inset, y), point(x + w - inset, y), point(x + w, center.y),
                             point(x + w - inset, y + h), point(x + inset, y + h), point(x, center.y)])
        case .asymmetric:
            let notch = h / 4
            return .polygon([point(x, y), point(x + w, y), point(x + w, y + h), point(x, y + h), point(x + notch, center.y)])
        case .leanRight:
            let slant = h / 3
            return .polygon([point(x + slant, y), point(x + w, y), point(x + w - slant, y + h), point(x, y + h)])
        case .leanLeft:
            let slant = h / 3
            return .polygon([point(x, y), point(x + w - slant, y), point(x + w, y + h), point(x + slant, y + h)])
        case .trapezoid:
            let slant = h / 3
            return .polygon([point(x + slant, y), point(x + w - slant, y), point(x + w, y + h), point(x, y + h)])
        case .invertedTrapezoid:
            let slant = h / 3
            return .polygon([point(x, y), point(x + w, y), point(x + w - slant, y + h), point(x + slant, y + h)])
        }
    }
}
