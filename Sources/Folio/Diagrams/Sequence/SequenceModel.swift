// What a sequence diagram says, once parsed: participants in column order and a flat, already validated list of
// events (messages, notes, activations, block boundaries) in reading order. Layout trusts its nesting.

struct SequenceModel: Sendable, Equatable {
    var participants: [SequenceParticipant] = []
    var boxes: [SequenceBox] = []
    var events: [SequenceEvent] = []
    /// The visible title (`title …`), drawn above the diagram.
    var title: String?
    var accessibleTitle: String?
    var accessibleDescription: String?

    var messageCount: Int {
        events.reduce(0) { count, event in
            if case .message = event { return count + 1 }
            return count
        }
    }
}

struct SequenceParticipant: Sendable, Equatable {
    enum Shape: Sendable, Equatable { case box, stickFigure }

    /// The name messages use.
    var id: String
    /// What is drawn: the `as` alias, or the id.
    var label: [String]
    var shape: Shape
    /// Index into `SequenceModel.boxes`.
    var box: Int?
}

/// `box [colour] [label] … end`: participants drawn on a shared background.
struct SequenceBox: Sendable, Equatable {
    var label: [String]
    /// A validated, re-serialised CSS colour (see `CSSColour`); nil draws the theme's group colour.
    var colour: String?
}

struct SequenceMessage: Sendable, Equatable {
    enum Line: Sendable, Equatable { case solid, dotted }
    enum Head: Sendable, Equatable { case arrow, none, cross, open }

    var from: Int
    var to: Int
    var text: [String]
    var line: Line
    var head: Head
    /// `A->>+B`: B becomes active as the message arrives.
    var activatesTarget = false
    /// `B-->>-A`: B stops being active once the message leaves.
    var deactivatesSource = false

    var isSelf: Bool { from == to }
}

struct SequenceNote: Sendable, Equatable {
    enum Placement: Sendable, Equatable { case leftOf, rightOf, over }

    var placement: Placement
    /// One participant, or two (in column order) for a note spanning `over A,B`.
    var participants: [Int]
    var text: [String]
}

enum SequenceBlockKind: String, Sendable, Equatable, CaseIterable {
    case loop, alt, opt, par, critical, `break`, rect

    /// The keyword that opens another section of the block, if the block has sections.
    var sectionKeyword: String? {
        switch self {
        case .alt: "else"
        case .par: "and"
        case .critical: "option"
        default: nil
        }
    }
}

enum SequenceEvent: Sendable, Equatable {
    case message(SequenceMessage)
    case note(SequenceNote)
    case activate(Int)
    case deactivate(Int)
    /// `autonumber` (start and step when given) or `autonumber off`.
    case autonumber(start: Int?, step: Int?, visible: Bool)
    /// `rect` carries its validated colour as the label.
    case blockStart(SequenceBlockKind, label: String)
    case blockSection(label: String)
    case blockEnd
}
