// A laid-out sequence diagram drawn on the shared canvas, back to front: boxes and `rect` backgrounds, lifelines,
// participants, frames, activation bars, messages, notes, title.

enum SequenceSVG {
    private typealias M = SequenceMetrics

    static func draw(_ scene: SequenceScene, idPrefix: String, title: String, description: String) -> String {
        var canvas = SVGCanvas(idPrefix: idPrefix, kind: "diagram-sequence")
        // Layout places shapes around x = 0 (the first lifeline); one shift puts the leftmost at the margin.
        canvas.raw(#"<g transform="translate(\#(SVGCanvas.number(scene.offsetX)),0)">"#)
        for box in scene.boxes {
            canvas.rect(x: box.rect.x, y: box.rect.y, width: box.rect.width, height: box.rect.height, radius: 4,
                        role: .group, style: box.colour.map { "fill:\($0)" })
            canvas.text(box.label, x: box.rect.x + box.rect.width / 2, y: box.labelCenterY, size: M.textSize,
                        role: .groupLabel)
        }
        for region in scene.regions {
            canvas.rect(x: region.rect.x, y: region.rect.y, width: region.rect.width, height: region.rect.height,
                        role: .group, style: "fill:\(region.colour);stroke:none")
        }
        for lifeline in scene.lifelines {
            canvas.path(SVGCanvas.pathData([DiagramPoint(x: lifeline.x, y: lifeline.top),
                                            DiagramPoint(x: lifeline.x, y: lifeline.bottom)]), role: .lifeline)
        }
        for participant in scene.participants + scene.bottomParticipants { drawParticipant(participant, &canvas) }
        for frame in scene.frames { drawFrame(frame, &canvas) }
        for bar in scene.bars {
            canvas.rect(x: bar.x, y: bar.y, width: bar.width, height: bar.height, role: .activation)
        }
        for message in scene.messages { drawMessage(message, &canvas) }
        for note in scene.notes {
            canvas.rect(x: note.rect.x, y: note.rect.y, width: note.rect.width, height: note.rect.height,
                        role: .note)
            canvas.text(note.text, x: note.rect.x + note.rect.width / 2, y: note.rect.y + note.rect.height / 2,
                        size: M.textSize, role: .noteText)
        }
        if let title = scene.title {
            canvas.text([title.text], x: title.centerX, y: title.centerY, size: M.titleSize, weight: .bold,
                        role: .title)
        }
        canvas.raw("</g>")
        return canvas.document(width: scene.width, height: scene.height, title: title, description: description)
    }

    private static func drawParticipant(_ participant: SequenceScene.Participant, _ canvas: inout SVGCanvas) {
        let rect = participant.rect
        let center = rect.x + rect.width / 2
        switch participant.shape {
        case .box:
            canvas.rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, radius: 4, role: .actor)
            canvas.text(participant.label, x: center, y: rect.y + rect.height / 2, size: M.textSize,
                        role: .actorLabel)
        case .stickFigure:
            let top = rect.y
            canvas.ellipse(centerX: center, centerY: top + 8, radiusX: 8, radiusY: 8, role: .actor)
            // One segment per subpath, so the figure's fill never shades a triangle between the legs.
            let n = SVGCanvas.number
            let limbs = "M\(n(center)),\(n(top + 16)) L\(n(center)),\(n(top + 32)) "
                + "M\(n(center - 14)),\(n(top + 22)) L\(n(center + 14)),\(n(top + 22)) "
                + "M\(n(center)),\(n(top + 32)) L\(n(center - 11)),\(n(top + 44)) "
                + "M\(n(center)),\(n(top + 32)) L\(n(center + 11)),\(n(top + 44))"
            canvas.path(limbs, role: .actor)
            let labelHeight = M.textHeight(participant.label.count)
            canvas.text(participant.label, x: center, y: top + M.figureHeight + 4 + labelHeight / 2,
                        size: M.textSize, role: .actorLabel)
        }
    }

    private static func drawFrame(_ frame: SequenceScene.Frame, _ canvas: inout SVGCanvas) {
        let rect = frame.rect
        canvas.rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, role: .frame)
        let tabRight = rect.x + frame.tabWidth, tabBottom = rect.y + frame.tabHeight
        canvas.polygon([DiagramPoint(x: rect.x, y: rect.y), DiagramPoint(x: tabRight, y: rect.y),
                        DiagramPoint(x: tabRight, y: tabBottom - 6), DiagramPoint(x: tabRight - 6, y: tabBottom),
                        DiagramPoint(x: rect.x, y: tabBottom)], role: .frameLabelBackground)
        canvas.text([frame.kind.rawValue], x: rect.x + (frame.tabWidth - 3) / 2, y: rect.y + frame.tabHeight / 2,
                    size: M.textSize, weight: .bold, role: .frameLabel)
        if !frame.label.isEmpty {
            canvas.text(["[\(frame.label)]"], x: tabRight + 8, y: rect.y + frame.tabHeight / 2, size: M.textSize,
                        anchor: .start, role: .frameLabel)
        }
        for section in frame.sections {
            canvas.path(SVGCanvas.pathData([DiagramPoint(x: rect.x, y: section.y),
                                            DiagramPoint(x: rect.maxX, y: section.y)]), role: .frameSection)
            if !section.label.isEmpty {
                canvas.text(["[\(section.label)]"], x: rect.x + rect.width / 2, y: section.labelCenterY,
                            size: M.textSize, role: .frameLabel)
            }
        }
    }

    private static func drawMessage(_ message: SequenceScene.Message, _ canvas: inout SVGCanvas) {
        let marker: DiagramMarker? = switch message.head {
        case .arrow: .arrow
        case .open: .openArrow
        case .cross: .cross
        case .none: nil
        }
        canvas.path(SVGCanvas.pathData(message.points), role: .message,
                    dashes: message.line == .dotted ? "6 4" : nil, end: marker)
        canvas.text(message.text, x: message.textX, y: message.textCenterY, size: M.textSize,
                    anchor: message.anchor, role: .messageText)
        if let number = message.number, let start = message.points.first {
            canvas.ellipse(centerX: start.x, centerY: start.y, radiusX: message.numberRadius,
                           radiusY: message.numberRadius, role: .sequenceNumber)
            canvas.text([String(number)], x: start.x, y: start.y, size: M.numberSize, role: .sequenceNumberText)
        }
    }
}
