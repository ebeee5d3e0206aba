// Where each participant's lifeline goes. Every neighbouring pair needs room for their boxes; every message,
// note and self-message needs room for its text between the lifelines it touches. Each need is a minimum
// distance between two columns, and since all of them point rightwards, placing columns left to right at the
// largest distance any need asks for satisfies them all (a longest path through the columns).

struct SequenceColumns {
    /// Lifeline x of each participant, the first at 0.
    var centers: [Double]
    /// Box (or stick figure's reserved) width of each participant.
    var widths: [Double]
    /// Extra room left and right of a column for the `box` it starts or ends.
    var boxPaddingLeft: [Double]
    var boxPaddingRight: [Double]

    private struct Need {
        var left: Int
        var right: Int
        var distance: Double
    }

    init(_ model: SequenceModel) {
        typealias M = SequenceMetrics
        let count = model.participants.count
        widths = model.participants.map { participant in
            max(M.participantMinWidth,
                TextMeasure.width(ofLines: participant.label, size: M.textSize) + 2 * M.participantPaddingX)
        }
        boxPaddingLeft = Array(repeating: 0, count: count)
        boxPaddingRight = Array(repeating: 0, count: count)
        var needs: [Need] = []

        for (boxIndex, box) in model.boxes.enumerated() {
            let members = model.participants.indices.filter { model.participants[$0].box == boxIndex }
            guard let first = members.first, let last = members.last else { continue }
            let labelWidth = TextMeasure.width(ofLines: box.label, size: M.textSize) + 2 * M.boxPadding
            var padding = M.boxPadding
            if first == last { padding = max(padding, (labelWidth - widths[first]) / 2) }
            boxPaddingLeft[first] = padding
            boxPaddingRight[last] = padding
            if first != last {
                needs.append(Need(left: first, right: last, distance: labelWidth - widths[first] / 2
                                  - widths[last] / 2 - 2 * padding))
            }
        }
        for index in 0..<max(count - 1, 0) {
            needs.append(Need(left: index, right: index + 1, distance: widths[index] / 2 + boxPaddingRight[index]
                              + M.columnGap + widths[index + 1] / 2 + boxPaddingLeft[index + 1]))
        }
        needs += Self.contentNeeds(model)

        var centers = Array(repeating: 0.0, count: count)
        var byRight = Array(repeating: [Need](), count: count)
        for need in needs where need.left < need.right && need.right < count { byRight[need.right].append(need) }
        for index in 0..<count {
            for need in byRight[index] { centers[index] = max(centers[index], centers[need.left] + need.distance) }
        }
        self.centers = centers
    }

    /// Distances the diagram's rows ask for: replays activations so line ends sit where the rows put them.
    private static func contentNeeds(_ model: SequenceModel) -> [Need] {
        typealias M = SequenceMetrics
        let count = model.participants.count
        var depth = Array(repeating: 0, count: count)
        var numbered = false
        var needs: [Need] = []
        for event in model.events {
            switch event {
            case .activate(let index): depth[index] += 1
            case .deactivate(let index): depth[index] = max(depth[index] - 1, 0)
            case .autonumber(_, _, let visible): numbered = visible
            case .message(let message):
                if message.activatesTarget { depth[message.to] += 1 }
                let textWidth = TextMeasure.width(ofLines: message.text, size: M.textSize)
                let numberRoom = numbered ? 30.0 : 0
                if message.isSelf {
                    let from = message.from
                    if from + 1 < count {
                        needs.append(Need(left: from, right: from + 1, distance: M.barsRight(depth[from])
                                          + M.selfLoopWidth + 8 + textWidth + M.labelPadding + M.barWidth))
                    }
                } else {
                    let length = textWidth + 2 * M.labelPadding + numberRoom
                    if message.from < message.to {
                        needs.append(Need(left: message.from, right: message.to, distance: length
                                          + M.barsRight(depth[message.from]) - M.barsLeft(depth[message.to])))
                    } else {
                        needs.append(Need(left: message.to, right: message.from, distance: length
                                          + M.barsRight(depth[message.to]) - M.barsLeft(depth[message.from])))
                    }
                }
                if message.deactivatesSource { depth[message.from] = max(depth[message.from] - 1, 0) }
            case .note(let note):
                let width = SequenceLayout.noteSize(note.text).width
                let first = note.participants[0], last = note.participants[note.participants.count - 1]
                switch note.placement {
                case .leftOf where first > 0:
                    needs.append(Need(left: first - 1, right: first,
                                      distance: M.barsRight(depth[first - 1]) + width + 2 * M.noteGap))
                case .rightOf where first + 1 < count:
                    needs.append(Need(left: first, right: first + 1,
                                      distance: M.barsRight(depth[first]) + width + 2 * M.noteGap + M.barWidth))
                case .over where first == last:
                    if first > 0 { needs.append(Need(left: first - 1, right: first, distance: width / 2 + M.noteGap)) }
                    if first + 1 < count {
                        needs.append(Need(left: first, right: first + 1, distance: width / 2 + M.noteGap))
                    }
                case .over:
                    needs.append(Need(left: first, right: last, distance: width - 2 * SequenceLayout.noteOverhang))
                default:
                    break
                }
            case .blockStart, .blockSection, .blockEnd:
                break
            }
        }
        return needs
    }
}
