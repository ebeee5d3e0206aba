// A rectangle in a diagram's coordinates: node boxes, participant boxes, frames and clusters.

struct DiagramRect: Sendable, Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var center: DiagramPoint { DiagramPoint(x: x + width / 2, y: y + height / 2) }

    init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    init(center: DiagramPoint, width: Double, height: Double) {
        self.init(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
    }

    func contains(_ other: DiagramRect, tolerance: Double = 0.01) -> Bool {
        other.x >= x - tolerance && other.maxX <= maxX + tolerance && other.y >= y - tolerance
            && other.maxY <= maxY + tolerance
    }

    func intersects(_ other: DiagramRect, tolerance: Double = 0.01) -> Bool {
        x < other.maxX - tolerance && other.x < maxX - tolerance && y < other.maxY - tolerance
            && other.y < maxY - tolerance
    }

    func union(_ other: DiagramRect) -> DiagramRect {
        let left = min(x, other.x), top = min(y, other.y)
        return DiagramRect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}
