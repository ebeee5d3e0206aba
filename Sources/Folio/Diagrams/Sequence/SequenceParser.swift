// Sequence diagram statements to a `SequenceModel`, following Mermaid 11's grammar. Errors in supported syntax
// are collected (every one, with its line and column) and thrown together; syntax Folio recognises but does
// not draw stops at once with a warning, so the fence stays a code block.

struct SequenceParser {
    private struct OpenBlock {
        var keyword: String
        /// nil for a `box`.
        var kind: SequenceBlockKind?
        var box: Int?
        var line: Int
        var column: Int
    }

    private var model = SequenceModel()
    private var indexByID: [String: Int] = [:]
    private var problems: [DiagramProblem] = []
    private var openBlocks: [OpenBlock] = []
    /// Per participant, how many activations are open: `deactivate` of an idle participant is an error.
    private var activeDepth: [Int] = []

    static let keywords = [
        "participant", "actor", "Note", "loop", "alt", "else", "opt", "par", "and", "critical", "option", "break",
        "rect", "end", "box", "activate", "deactivate", "autonumber", "title", "accTitle", "accDescr",
    ]

    static func parse(_ source: DiagramSource) throws(DiagramFailure) -> SequenceModel {
        var parser = SequenceParser()
        parser.model.title = source.frontMatterTitle
        let statements = source.statements
        var index = 0
        while index < statements.count {
            index = try parser.read(statements, at: index)
        }
        for block in parser.openBlocks {
            let what = block.kind == nil ? "'box'" : "'\(block.keyword)' block"
            parser.problems.append(.error("unclosed \(what) opened at line \(block.line)",
                                          line: block.line, column: block.column))
        }
        if !parser.problems.isEmpty {
            throw .invalid(parser.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return parser.model
    }

    /// Reads the statement at `index`; returns the index of the next one (`accDescr {` reads several).
    private mutating func read(_ statements: [DiagramStatement], at index: Int) throws(DiagramFailure) -> Int {
        let statement = statements[index]
        let text = statement.text
        // sequenceDiagram.jison is `case-insensitive`, so `acctitle:` counts.
        if let (said, next) = AccessibilityStatement.read(statements, at: index, spelling: .anyCase,
                                                          problems: &problems)
        {
            model.accept(said)
            return next
        }
        if let value = SequenceSyntax.valueAfterColon("title", in: text) {
            setTitle(value, statement)
            return index + 1
        }
        let (word, rest) = SequenceSyntax.leadingWord(of: text)
        if openBlocks.last?.box != nil, !["participant", "actor", "end", "box"].contains(word) {
            problems.append(.error("only 'participant' and 'actor' statements may appear inside a 'box' "
                                   + "(close it with 'end')", at: statement))
        }
        switch word {
        case "participant": try declare(.box, keyword: word, rest: rest, statement)
        case "actor": try declare(.stickFigure, keyword: word, rest: rest, statement)
        case "box": openBox(rest, statement)
        case "note": note(rest, statement)
        case "activate", "deactivate": activation(word, rest, statement)
        case "autonumber": autonumber(rest, statement)
        case "title": setTitle(rest, statement)
        case "end": end(statement)
        case "else", "and", "option": section(word, rest, statement)
        case "link", "links", "properties", "details":
            throw unsupported("participant menus ('\(word)')", statement)
        case "create": throw unsupported("'create' (participants created part-way down)", statement)
        case "destroy": throw unsupported("'destroy' (participants destroyed part-way down)", statement)
        case "par_over": throw unsupported("'par_over' blocks", statement)
        default:
            if let kind = SequenceBlockKind(rawValue: word) {
                openBlock(kind, rest, statement)
            } else {
                try message(statement)
            }
        }
        return index + 1
    }

    // MARK: Participants

    private mutating func declare(_ shape: SequenceParticipant.Shape, keyword: String, rest: Substring,
                                  _ statement: DiagramStatement) throws(DiagramFailure)
    {
        guard !rest.isEmpty else {
            return fail("expected a participant name after '\(keyword)'", statement, statement.text.endIndex)
        }
        if rest.firstRange(of: "@{") != nil {
            throw unsupported("participant settings ('@{ … }')", statement)
        }
        let (idText, labelText) = SequenceSyntax.splitAlias(rest)
        let id = Self.trimmed(idText)
        if let bad = SequenceSyntax.firstForbiddenNameCharacter(in: id) {
            return fail("unexpected '\(id[bad])' in the participant name '\(id)'; write '\(keyword) A as Alice' "
                        + "to give a participant a label", statement, bad)
        }
        let label = labelText.map { DiagramText.lines($0) }
        let box = openBlocks.last?.box
        if let existing = indexByID[String(id)] {
            if box != nil {
                return fail("participant '\(id)' already appeared before this 'box'; declare it inside the box "
                            + "before its first use", statement, id.startIndex)
            }
            model.participants[existing].shape = shape
            if let label { model.participants[existing].label = label }
            return
        }
        _ = participant(id, label: label, shape: shape, box: box)
    }

    /// The participant named `id`, created (as a box, in order of first appearance) if new.
    private mutating func participant(_ id: Substring, label: [String]? = nil,
                                      shape: SequenceParticipant.Shape = .box, box: Int? = nil) -> Int
    {
        if let index = indexByID[String(id)] { return index }
        let index = model.participants.count
        model.participants.append(SequenceParticipant(id: String(id), label: label ?? DiagramText.lines(id),
                                                      shape: shape, box: box))
        indexByID[String(id)] = index
        activeDepth.append(0)
        return index
    }

    private mutating func openBox(_ rest: Substring, _ statement: DiagramStatement) {
        if openBlocks.contains(where: { $0.box != nil }) {
            problems.append(.error("'box' inside another 'box'", at: statement))
        } else if let block = openBlocks.last {
            problems.append(.error("'box' inside a '\(block.keyword)' block: boxes group participants and belong "
                                   + "at the top level", at: statement))
        }
        var colour: String?
        var label = rest
        // A colour function may hold spaces: `rgb(1, 2, 3)` is one word here.
        var first = rest.prefix { !$0.isWhitespace }
        if first.contains("("), let close = rest.firstIndex(of: ")") { first = rest[...close] }
        if !first.isEmpty, let parsed = CSSColour.parse(first) {
            colour = parsed
            label = rest[first.endIndex...]
        } else if CSSColour.looksLikeColour(first) {
            fail("'\(first)' is not a colour Folio accepts in 'box': use a CSS colour name, #hex, rgb(…), rgba(…) "
                 + "or transparent", statement, first.startIndex)
        }
        let lines = Self.trimmed(label).isEmpty ? [] : DiagramText.lines(label)
        model.boxes.append(SequenceBox(label: lines, colour: colour))
        openBlocks.append(OpenBlock(keyword: "box", kind: nil, box: model.boxes.count - 1,
                                    line: statement.line, column: statement.column))
    }

    // MARK: Blocks

    private mutating func openBlock(_ kind: SequenceBlockKind, _ rest: Substring, _ statement: DiagramStatement) {
        var label = DiagramText.flat(rest)
        if kind == .rect {
            if let colour = CSSColour.parse(Self.trimmed(rest)) {
                label = colour
            } else {
                let message = rest.isEmpty
                    ? "expected a colour after 'rect', such as 'rgb(230, 240, 255)' or '#eef4ff'"
                    : "'\(rest)' is not a colour Folio accepts after 'rect': use a CSS colour name, #hex, rgb(…), "
                        + "rgba(…) or transparent"
                fail(message, statement, rest.isEmpty ? statement.text.endIndex : rest.startIndex)
                label = "transparent"
            }
        }
        openBlocks.append(OpenBlock(keyword: kind.rawValue, kind: kind, box: nil,
                                    line: statement.line, column: statement.column))
        model.events.append(.blockStart(kind, label: label))
    }

    private mutating func section(_ word: String, _ rest: Substring, _ statement: DiagramStatement) {
        guard let block = openBlocks.last, block.kind?.sectionKeyword == word else {
            let owner = word == "else" ? "an 'alt'" : word == "and" ? "a 'par'" : "a 'critical'"
            return fail("'\(word)' outside \(owner) block", statement)
        }
        model.events.append(.blockSection(label: DiagramText.flat(rest)))
    }

    private mutating func end(_ statement: DiagramStatement) {
        guard let block = openBlocks.popLast() else {
            return fail("'end' without an open block", statement)
        }
        if block.kind != nil { model.events.append(.blockEnd) }
    }

    // MARK: Notes, activations, numbering, titles

    private mutating func note(_ rest: Substring, _ statement: DiagramStatement) {
        let (first, afterFirst) = SequenceSyntax.leadingWord(of: rest)
        let placement: SequenceNote.Placement
        var names = afterFirst
        switch first {
        case "left", "right":
            let (second, afterSecond) = SequenceSyntax.leadingWord(of: afterFirst)
            guard second == "of" else {
                return fail("expected '\(first) of' after 'Note'", statement, afterFirst.startIndex)
            }
            placement = first == "left" ? .leftOf : .rightOf
            names = afterSecond
        case "over":
            placement = .over
        default:
            return fail("expected 'left of', 'right of' or 'over' after 'Note'", statement,
                        rest.isEmpty ? statement.text.endIndex : rest.startIndex)
        }
        guard let colon = names.firstIndex(of: ":") else {
            return fail("expected ':' and the note text after '\(statement.text)'", statement, statement.text.endIndex)
        }
        let parts = names[..<colon].split(separator: ",", omittingEmptySubsequences: false).map(Self.trimmed)
        if parts.contains(where: \.isEmpty) {
            return fail("expected a participant name before ':'", statement, names.startIndex)
        }
        if parts.count > 2 || (placement != .over && parts.count == 2) {
            let message = placement == .over
                ? "a note spans at most two participants ('Note over A,B')"
                : "a note beside a participant names one; use 'Note over A,B' to span two"
            return fail(message, statement, names.startIndex)
        }
        let indices = Array(Set(parts.map { participant($0) })).sorted()
        model.events.append(.note(SequenceNote(
            placement: placement, participants: indices,
            text: DiagramText.lines(SequenceSyntax.droppingWrapHint(names[names.index(after: colon)...])))))
    }

    private mutating func activation(_ word: String, _ rest: Substring, _ statement: DiagramStatement) {
        let name = Self.trimmed(rest)
        guard !name.isEmpty else {
            return fail("expected a participant name after '\(word)'", statement, statement.text.endIndex)
        }
        guard let index = indexByID[String(name)] else {
            return fail("no participant named '\(name)' before this '\(word)'", statement, name.startIndex)
        }
        if word == "activate" {
            activeDepth[index] += 1
            model.events.append(.activate(index))
        } else if activeDepth[index] == 0 {
            fail("'deactivate \(name)' but '\(name)' is not active", statement, name.startIndex)
        } else {
            activeDepth[index] -= 1
            model.events.append(.deactivate(index))
        }
    }

    private mutating func autonumber(_ rest: Substring, _ statement: DiagramStatement) {
        let parts = rest.split(whereSeparator: \.isWhitespace)
        let numbers = parts.compactMap { part in
            part.count <= 9 && part.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(part) : nil
        }
        if parts.isEmpty {
            model.events.append(.autonumber(start: nil, step: nil, visible: true))
        } else if parts.count == 1, parts[0].lowercased() == "off" {
            model.events.append(.autonumber(start: nil, step: nil, visible: false))
        } else if numbers.count == parts.count, parts.count <= 2 {
            model.events.append(.autonumber(start: numbers[0], step: numbers.count == 2 ? numbers[1] : 1,
                                            visible: true))
        } else {
            fail("expected nothing, 'off', or a start number and an optional step after 'autonumber'",
                 statement, rest.startIndex)
        }
    }

    private mutating func setTitle(_ value: Substring, _ statement: DiagramStatement) {
        guard !Self.trimmed(value).isEmpty else {
            return fail("expected the title text after 'title'", statement, statement.text.endIndex)
        }
        model.title = DiagramText.flat(value)
    }

    // MARK: Messages

    private mutating func message(_ statement: DiagramStatement) throws(DiagramFailure) {
        let text = statement.text
        if text.firstRange(of: "<<->>") != nil || text.firstRange(of: "<<-->>") != nil {
            throw unsupported("bidirectional arrows ('<<->>', '<<-->>')", statement)
        }
        guard let (arrow, range) = SequenceSyntax.firstArrow(in: text) else {
            return unknownStatement(statement)
        }
        let fromText = Self.trimmed(text[..<range.lowerBound])
        guard !fromText.isEmpty else {
            return fail("expected a participant before '\(arrow.token)'", statement)
        }
        var rest = text[range.upperBound...]
        let sign = rest.first == "+" || rest.first == "-" ? rest.first : nil
        let signIndex = rest.startIndex
        if sign != nil { rest = rest.dropFirst() }
        guard let colon = rest.firstIndex(of: ":") else {
            return fail("expected ':' and the message text after '\(text)'", statement, text.endIndex)
        }
        let toText = Self.trimmed(rest[..<colon])
        guard !toText.isEmpty else {
            return fail("expected a participant after '\(arrow.token)'", statement, colon)
        }
        if let (_, second) = SequenceSyntax.firstArrow(in: toText) {
            return fail("expected ':' after '\(text[..<second.lowerBound])': a message has one arrow", statement,
                        second.lowerBound)
        }
        for name in [fromText, toText] {
            if let bad = SequenceSyntax.firstForbiddenNameCharacter(in: name) {
                return fail("unexpected '\(name[bad])' in the participant name '\(name)'", statement, bad)
            }
        }
        let from = participant(fromText), to = participant(toText)
        var message = SequenceMessage(
            from: from, to: to,
            text: DiagramText.lines(SequenceSyntax.droppingWrapHint(rest[rest.index(after: colon)...])),
            line: arrow.line, head: arrow.head)
        if sign == "+" {
            message.activatesTarget = true
            activeDepth[to] += 1
        } else if sign == "-" {
            if activeDepth[from] == 0 {
                fail("'-' deactivates '\(fromText)', which is not active", statement, signIndex)
            } else {
                message.deactivatesSource = true
                activeDepth[from] -= 1
            }
        }
        model.events.append(.message(message))
    }

    private mutating func unknownStatement(_ statement: DiagramStatement) {
        if statement.followsSemicolon {
            return fail("';' ends a statement, so '\(statement.text)' was read as one; write '#59;' for a "
                        + "semicolon in text", statement)
        }
        let word = statement.text.prefix { !$0.isWhitespace && $0 != ":" }
        if let guess = Suggestion.closest(to: String(word), among: Self.keywords),
            guess.lowercased() != word.lowercased()
        {
            return fail("unknown statement '\(word)'; did you mean '\(guess)'?", statement)
        }
        fail("expected a message such as 'Alice->>Bob: Hello' or a statement such as 'participant', 'Note' or "
             + "'loop', found '\(statement.text)'", statement)
    }

    // MARK: Helpers

    private mutating func fail(_ message: String, _ statement: DiagramStatement, _ index: Substring.Index? = nil) {
        problems.append(.error(message, at: statement, index))
    }

    private func unsupported(_ construct: String, _ statement: DiagramStatement) -> DiagramFailure {
        .unsupported(DiagramProblem(
            severity: .warning,
            message: "Folio does not draw \(construct) in sequence diagrams; the source is shown as code",
            line: statement.line, column: statement.column))
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var slice = text.drop(while: \.isWhitespace)
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
