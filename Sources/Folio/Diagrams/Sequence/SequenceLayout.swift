// Rows, top to bottom: participants, then one row per message or note, frames opening and closing around
// their rows, then the participants again. Horizontal extents of frames come from what they contain, so nested
// frames are inset by a margin on every side.

struct SequenceLayout {
    private typealias M = SequenceMetrics

    /// How far a note `over A,B` reaches past the outer lifelines.
    static let noteOverhang = 20.0

    private struct OpenFrame {
        var kind: SequenceBlockKind
        var label: String
        var top: Double
        var sections: [SequenceScene.Frame.Section] = []
        var minX = Double.infinity
        var maxX = -Double.infinity
    }

    private let model: SequenceModel
    private let columns: SequenceColumns
    private var scene = SequenceScene()
    private var y = 0.0
    private var depth: [Int]
    /// Per participant, the top of each open activation bar, innermost last.
    private var barStarts: [[Double]]
    private var frames: [OpenFrame] = []
    private var regionDepths: [Int] = []
    private var nextNumber = 1
    private var numberStep = 1
    private var numbered = false
    /// The line of the message just drawn: `activate` and `deactivate` right after it start and end bars there.
    private var lastMessage: (from: Int, to: Int, y: Double)?
    private var minX = Double.infinity
    private var maxX = -Double.infinity

    /// The lines, width and height of a note's box, text wrapped to keep notes narrow.
    static func noteSize(_ text: [String]) -> (lines: [String], width: Double, height: Double) {
        let lines = TextMeasure.wrap(text, maxWidth: M.noteMaxWidth - 2 * M.notePaddingX, size: M.textSize)
        let width = max(TextMeasure.width(ofLines: lines, size: M.textSize) + 2 * M.notePaddingX, 40)
        return (lines, width, M.textHeight(lines.count) + 2 * M.notePaddingY)
    }

    static func layout(_ model: SequenceModel) -> SequenceScene {
        var layout = SequenceLayout(model: model)
        layout.run()
        return layout.scene
    }

    private init(model: SequenceModel) {
        self.model = model
        self.columns = SequenceColumns(model)
        depth = Array(repeating: 0, count: model.participants.count)
        barStarts = Array(repeating: [], count: model.participants.count)
    }

    private mutating func run() {
        y = M.margin
        var titleCenterY = 0.0
        if model.title != nil {
            titleCenterY = y + M.textHeight(1, size: M.titleSize) / 2
            y += M.textHeight(1, size: M.titleSize) + 12
        }
        let boxTop = y
        let boxLabelLines = model.boxes.map(\.label.count).max() ?? 0
        if !model.boxes.isEmpty { y += boxLabelLines > 0 ? M.textHeight(boxLabelLines) + 8 : 8 }
        let participantHeight = model.participants.map(Self.participantHeight).max() ?? 40
        scene.participants = participantRow(top: y, height: participantHeight)
        y += participantHeight
        let lifelineTop = y
        y += 6

        for event in model.events { place(event) }

        for participant in model.participants.indices {
            while !barStarts[participant].isEmpty { endBar(participant, at: y) }
        }
        y += 20
        scene.lifelines = columns.centers.map { (x: $0, top: lifelineTop, bottom: y) }
        scene.bottomParticipants = participantRow(top: y, height: participantHeight)
        y += participantHeight
        if !model.boxes.isEmpty {
            y += 8
            scene.boxes = boxes(top: boxTop, bottom: y, labelCenterY: boxTop + M.textHeight(boxLabelLines) / 2 + 4)
        }
        scene.regions = zip(regionDepths, scene.regions).enumerated()
            .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
        if let title = model.title {
            let width = TextMeasure.width(title, size: M.titleSize, weight: .bold)
            if width > maxX - minX {
                let extra = (width - (maxX - minX)) / 2
                minX -= extra
                maxX += extra
            }
            scene.title = (title, (minX + maxX) / 2, titleCenterY)
        }
        scene.minX = minX
        scene.maxX = maxX
        scene.height = y + M.margin
    }

    private static func participantHeight(_ participant: SequenceParticipant) -> Double {
        let label = M.textHeight(participant.label.count)
        switch participant.shape {
        case .box: return max(label + 2 * M.participantPaddingY, 40)
        case .stickFigure: return M.figureHeight + 4 + label
        }
    }

    private mutating func participantRow(top: Double, height: Double) -> [SequenceScene.Participant] {
        var row: [SequenceScene.Participant] = []
        for (index, participant) in model.participants.enumerated() {
            let width = columns.widths[index]
            let rect = DiagramRect(x: columns.centers[index] - width / 2, y: top, width: width, height: height)
            extend(rect.x, rect.maxX)
            row.append(SequenceScene.Participant(rect: rect, label: participant.label, shape: participant.shape))
        }
        return row
    }

    private mutating func boxes(top: Double, bottom: Double, labelCenterY: Double) -> [SequenceScene.Box] {
        var shapes: [SequenceScene.Box] = []
        for (boxIndex, box) in model.boxes.enumerated() {
            let members = model.participants.indices.filter { model.participants[$0].box == boxIndex }
            guard let first = members.first, let last = members.last else { continue }
            let left = columns.centers[first] - columns.widths[first] / 2 - columns.boxPaddingLeft[first]
            let right = columns.centers[last] + columns.widths[last] / 2 + columns.boxPaddingRight[last]
            extend(left, right)
            shapes.append(SequenceScene.Box(
                rect: DiagramRect(x: left, y: top, width: right - left, height: bottom - top),
                label: box.label, labelCenterY: labelCenterY, colour: box.colour))
        }
        return shapes
    }

    // MARK: Rows

    private mutating func place(_ event: SequenceEvent) {
        switch event {
        case .message(let message):
            if message.isSelf { placeSelfMessage(message) } else { placeMessage(message) }
            return
        case .note(let note):
            placeNote(note)
        case .activate(let participant):
            startBar(participant, at: rowY(for: participant))
            return
        case .deactivate(let participant):
            endBar(participant, at: rowY(for: participant))
            return
        case .autonumber(let start, let step, let visible):
            if let start { nextNumber = start }
            if let step { numberStep = step }
            numbered = visible
            return
        case .blockStart(let kind, let label):
            let top = y + (kind == .rect ? 2 : M.rowGap)
            y = top + (kind == .rect ? 0 : tabHeight)
            frames.append(OpenFrame(kind: kind, label: label, top: top))
        case .blockSection(let label):
            y += 6
            let sectionY = y
            let height = label.isEmpty ? 0 : M.textHeight(1)
            y += height + 4
            frames[frames.count - 1].sections.append(.init(y: sectionY, label: label,
                                                           labelCenterY: sectionY + 4 + height / 2))
        case .blockEnd:
            closeFrame()
        }
        lastMessage = nil
    }

    /// Where an explicit `activate` or `deactivate` starts or ends a bar: at the line of the message just drawn
    /// when it involves the participant, else below the last row.
    private func rowY(for participant: Int) -> Double {
        if let last = lastMessage, last.from == participant || last.to == participant { return last.y }
        return y
    }

    private var tabHeight: Double { M.textHeight(1) + 6 }

    private mutating func placeMessage(_ message: SequenceMessage) {
        let textHeight = M.textHeight(message.text.count)
        let top = y + M.rowGap
        let lineY = top + textHeight + 4
        if message.activatesTarget { startBar(message.to, at: lineY) }
        let rightwards = message.from < message.to
        let startX = columns.centers[message.from]
            + (rightwards ? M.barsRight(depth[message.from]) : M.barsLeft(depth[message.from]))
        let endX = columns.centers[message.to]
            + (rightwards ? M.barsLeft(depth[message.to]) : M.barsRight(depth[message.to]))
        let shape = SequenceScene.Message(
            points: [DiagramPoint(x: startX, y: lineY), DiagramPoint(x: endX, y: lineY)],
            line: message.line, head: message.head, text: message.text, textX: (startX + endX) / 2,
            textCenterY: top + textHeight / 2, anchor: .middle, number: takeNumber(),
            numberRadius: numberRadius)
        add(shape)
        y = lineY + 12
        if message.deactivatesSource { endBar(message.from, at: lineY) }
        lastMessage = (message.from, message.to, lineY)
    }

    private mutating func placeSelfMessage(_ message: SequenceMessage) {
        let participant = message.from
        let center = columns.centers[participant]
        let textHeight = M.textHeight(message.text.count)
        let top = y + M.rowGap
        let height = max(textHeight, M.selfLoopMinHeight)
        let startX = center + M.barsRight(depth[participant])
        if message.activatesTarget { startBar(participant, at: top + height) }
        let endX = center + M.barsRight(depth[participant])
        let loopX = max(startX, endX) + M.selfLoopWidth
        let shape = SequenceScene.Message(
            points: [DiagramPoint(x: startX, y: top), DiagramPoint(x: loopX, y: top),
                     DiagramPoint(x: loopX, y: top + height), DiagramPoint(x: endX, y: top + height)],
            line: message.line, head: message.head, text: message.text, textX: loopX + 8,
            textCenterY: top + height / 2, anchor: .start, number: takeNumber(), numberRadius: numberRadius)
        add(shape)
        y = top + height + 12
        if message.deactivatesSource { endBar(participant, at: top + height) }
        lastMessage = (participant, participant, top + height)
    }

    private mutating func add(_ message: SequenceScene.Message) {
        let box = message.textBox
        let xs = message.points.map(\.x)
        extend(min(xs.min() ?? 0, box.x) - message.numberRadius, max(xs.max() ?? 0, box.maxX))
        scene.messages.append(message)
    }

    /// The number the next message shows, if numbering is on; every message advances the count, as in Mermaid.
    private mutating func takeNumber() -> Int? {
        defer { nextNumber += numberStep }
        return numbered ? nextNumber : nil
    }

    private var numberRadius: Double {
        numbered ? max(8, TextMeasure.width(String(nextNumber), size: M.numberSize) / 2 + 4) : 0
    }

    private mutating func placeNote(_ note: SequenceNote) {
        let (lines, width, height) = Self.noteSize(note.text)
        let top = y + M.rowGap
        let first = note.participants[0], last = note.participants[note.participants.count - 1]
        let center = columns.centers[first]
        var left: Double
        var boxWidth = width
        switch note.placement {
        case .leftOf:
            left = center - M.noteGap - (depth[first] > 0 ? M.barWidth / 2 : 0) - width
        case .rightOf:
            left = center + M.barsRight(depth[first]) + M.noteGap
        case .over where first == last:
            left = center - width / 2
        case .over:
            left = center - Self.noteOverhang
            let right = columns.centers[last] + Self.noteOverhang
            if right - left < width { left = (left + right - width) / 2 } else { boxWidth = right - left }
        }
        let rect = DiagramRect(x: left, y: top, width: boxWidth, height: height)
        extend(rect.x, rect.maxX)
        scene.notes.append(SequenceScene.Note(rect: rect, text: lines))
        y = top + height + M.rowGap
    }

    // MARK: Activations and frames

    private mutating func startBar(_ participant: Int, at top: Double) {
        barStarts[participant].append(top)
        depth[participant] += 1
    }

    private mutating func endBar(_ participant: Int, at bottom: Double) {
        guard let top = barStarts[participant].popLast() else { return }
        depth[participant] -= 1
        let x = columns.centers[participant] - M.barWidth / 2 + M.barStep * Double(barStarts[participant].count)
        let rect = DiagramRect(x: x, y: top, width: M.barWidth, height: max(bottom - top, 8))
        extend(rect.x, rect.maxX)
        scene.bars.append(rect)
    }

    private mutating func closeFrame() {
        guard let frame = frames.popLast() else { return }
        y += frame.kind == .rect ? 4 : M.rowGap
        var left = frame.minX - M.frameMargin, right = frame.maxX + M.frameMargin
        if !left.isFinite || !right.isFinite, let first = columns.centers.indices.first {
            let last = columns.centers.count - 1
            left = columns.centers[first] - columns.widths[first] / 2
            right = columns.centers[last] + columns.widths[last] / 2
        }
        let height = y - frame.top
        if frame.kind == .rect {
            scene.regions.append((DiagramRect(x: left, y: frame.top, width: right - left, height: height),
                                  frame.label))
            regionDepths.append(frames.count)
        } else {
            let tabWidth = TextMeasure.width(frame.kind.rawValue, size: M.textSize, weight: .bold) + 20
            var needed = tabWidth
            if !frame.label.isEmpty { needed += TextMeasure.width("[\(frame.label)]", size: M.textSize) + 16 }
            for section in frame.sections where !section.label.isEmpty {
                needed = max(needed, TextMeasure.width("[\(section.label)]", size: M.textSize) + 24)
            }
            right = max(right, left + needed)
            let rect = DiagramRect(x: left, y: frame.top, width: right - left, height: height)
            scene.frames.append(SequenceScene.Frame(kind: frame.kind, rect: rect, label: frame.label,
                                                    tabWidth: tabWidth, tabHeight: tabHeight,
                                                    sections: frame.sections))
        }
        extend(left, right)
        y += 4
    }

    /// Widens the diagram, and the innermost open frame, to take in `left...right`.
    private mutating func extend(_ left: Double, _ right: Double) {
        minX = min(minX, left)
        maxX = max(maxX, right)
        if !frames.isEmpty {
            frames[frames.count - 1].minX = min(frames[frames.count - 1].minX, left)
            frames[frames.count - 1].maxX = max(frames[frames.count - 1].maxX, right)
        }
    }
}
