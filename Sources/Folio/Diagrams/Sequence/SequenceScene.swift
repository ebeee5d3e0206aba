// A laid-out sequence diagram: every shape with its coordinates, ready to draw. Coordinates are in layout space;
// `offsetX` moves the leftmost shape to the margin when drawing.

/// Sizes, in pixels, shared by the column and row layout.
enum SequenceMetrics {
    static let textSize = 14.0
    static let titleSize = 16.0
    static let numberSize = 11.0
    static let margin = 16.0
    static let participantMinWidth = 100.0
    static let participantPaddingX = 16.0
    static let participantPaddingY = 10.0
    /// Stick figure above its label: head, arms, body and legs.
    static let figureHeight = 46.0
    static let columnGap = 40.0
    /// Room on each side of a message label, between it and the ends of its line.
    static let labelPadding = 12.0
    static let barWidth = 10.0
    /// How far each nested activation bar sits right of the one below it.
    static let barStep = 5.0
    static let selfLoopWidth = 36.0
    static let selfLoopMinHeight = 22.0
    static let noteMaxWidth = 250.0
    static let notePaddingX = 10.0
    static let notePaddingY = 6.0
    /// Gap between a lifeline (or its bars) and a note beside it.
    static let noteGap = 10.0
    static let frameMargin = 10.0
    static let boxPadding = 12.0
    static let rowGap = 8.0

    static func textHeight(_ lines: Int, size: Double = textSize) -> Double {
        SVGCanvas.textHeight(lines: lines, size: size)
    }

    /// Where the topmost activation bar's right edge is, relative to the lifeline, at `depth` activations.
    static func barsRight(_ depth: Int) -> Double {
        depth > 0 ? barWidth / 2 + barStep * Double(depth - 1) : 0
    }

    /// Where the bars' left edge is, relative to the lifeline: nested bars step rightwards, so the first one's.
    static func barsLeft(_ depth: Int) -> Double {
        depth > 0 ? -barWidth / 2 : 0
    }
}


struct SequenceScene: Sendable {
    struct Participant: Sendable {
        var rect: DiagramRect
        var label: [String]
        var shape: SequenceParticipant.Shape
    }

    struct Box: Sendable {
        var rect: DiagramRect
        var label: [String]
        var labelCenterY: Double
        var colour: String?
    }

    struct Frame: Sendable {
        struct Section: Sendable {
            var y: Double
            var label: String
            var labelCenterY: Double
        }

        var kind: SequenceBlockKind
        var rect: DiagramRect
        var label: String
        var tabWidth: Double
        var tabHeight: Double
        var sections: [Section]
    }

    struct Message: Sendable {
        var points: [DiagramPoint]
        var line: SequenceMessage.Line
        var head: SequenceMessage.Head
        var text: [String]
        var textX: Double
        var textCenterY: Double
        var anchor: TextAnchor
        var number: Int?
        var numberRadius: Double

        /// The box the label's text occupies.
        var textBox: DiagramRect {
            let width = TextMeasure.width(ofLines: text, size: SequenceMetrics.textSize)
            let height = SequenceMetrics.textHeight(text.count)
            let left = anchor == .start ? textX : anchor == .end ? textX - width : textX - width / 2
            return DiagramRect(x: left, y: textCenterY - height / 2, width: width, height: height)
        }
    }

    struct Note: Sendable {
        var rect: DiagramRect
        var text: [String]
    }

    var participants: [Participant] = []
    /// The same participants, mirrored below the last row.
    var bottomParticipants: [Participant] = []
    var lifelines: [(x: Double, top: Double, bottom: Double)] = []
    var boxes: [Box] = []
    /// `rect` backgrounds, outermost first.
    var regions: [(rect: DiagramRect, colour: String)] = []
    var frames: [Frame] = []
    var bars: [DiagramRect] = []
    var messages: [Message] = []
    var notes: [Note] = []
    var title: (text: String, centerX: Double, centerY: Double)?
    var minX = 0.0
    var maxX = 0.0
    var height = 0.0

    var width: Double { maxX - minX + 2 * SequenceMetrics.margin }
    var offsetX: Double { SequenceMetrics.margin - minX }
}
