// The tokens of a node-and-edge statement (`A[Label] -->|text| B & C`): ids, shapes with their labels, and links,
// read from a cursor that knows where it is, so every error names its exact column.

/// A link as written: `-->`, `-. text .->`, `==>|text|`, `x--x`, `~~~`…
struct FlowLink: Sendable, Equatable {
    var stroke: EdgeStroke
    var start: EdgeEnd
    var end: EdgeEnd
    var length: Int
    var label: [String]?
    /// How the link was written, for messages (`-->`).
    var spelling: String
}

/// A node reference with what it says about the node: `A`, `A(Label)`, `A[Label]:::hot`.
struct FlowNodeReference: Sendable {
    var id: String
    var column: Int
    var shape: (NodeShape, [String])?
    var classes: [(name: String, column: Int)] = []
    /// From `id@{ … }`: an unknown shape name, an ignored key.
    var warnings: [DiagramProblem] = []
}

struct FlowScanner {
    let statement: DiagramStatement
    private(set) var index: Substring.Index
    private var text: Substring { statement.text }

    init(_ statement: DiagramStatement) {
        self.statement = statement
        self.index = statement.text.startIndex
    }

    var isAtEnd: Bool { index >= text.endIndex }
    var column: Int { statement.column(of: index) }
    var current: Character? { isAtEnd ? nil : text[index] }

    func peek(_ offset: Int) -> Character? {
        guard let position = text.index(index, offsetBy: offset, limitedBy: text.endIndex),
            position < text.endIndex
        else { return nil }
        return text[position]
    }

    func hasPrefix(_ prefix: String) -> Bool { text[index...].hasPrefix(prefix) }

    mutating func advance(_ count: Int = 1) {
        index = text.index(index, offsetBy: count, limitedBy: text.endIndex) ?? text.endIndex
    }

    mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { advance() }
    }

    func error(_ message: String, at column: Int? = nil) -> DiagramFailure {
        .invalid([.error(message, line: statement.line, column: column ?? self.column)])
    }

    func unsupported(_ message: String, at column: Int? = nil) -> DiagramFailure {
        .unsupported(.init(severity: .warning, message: message, line: statement.line, column: column ?? self.column))
    }

    static func isIDCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// An id: letters, digits, `_`, and `-` where it cannot start a link.
    mutating func readID() -> String? {
        let start = index
        while let character = current {
            if Self.isIDCharacter(character) {
                advance()
            } else if character == "-", index > start, let next = peek(1), next != "-", next != ">", next != ".",
                Self.isIDCharacter(next)
            {
                advance()
            } else {
                break
            }
        }
        return index > start ? String(text[start..<index]) : nil
    }

    // MARK: Nodes

    /// `id`, its optional shape and label, and `:::class` suffixes.
    mutating func readNodeReference() throws(DiagramFailure) -> FlowNodeReference? {
        skipSpaces()
        let column = self.column
        guard let id = readID() else { return nil }
        var reference = FlowNodeReference(id: id, column: column)
        if current == "@" {
            guard peek(1) == "{" else { throw unsupported("edge ids ('\(id)@-->') are not drawn by Folio") }
            let (shape, label, warnings) = try readShapeData(of: id)
            reference.shape = (shape, label)
            reference.warnings = warnings
        }
        let beforeSpaces = index
        skipSpaces()
        if reference.shape == nil, let character = current,
            "[({".contains(character) || (character == ">" && index == beforeSpaces)
        {
            reference.shape = try readShape(of: id)
        } else {
            index = beforeSpaces
        }
        while hasPrefix(":::") {
            advance(3)
            let classColumn = self.column
            guard let name = readID() else { throw error("expected a class name after ':::'") }
            reference.classes.append((name, classColumn))
        }
        return reference
    }

    private static let shapes: [(open: String, close: String, shape: NodeShape)] = [
        ("(((", ")))", .doubleCircle), ("((", "))", .circle), ("([", "])", .stadium), ("[[", "]]", .subroutine),
        ("[(", ")]", .cylinder), ("{{", "}}", .hexagon), ("(", ")", .rounded), ("{", "}", .rhombus),
        (">", "]", .asymmetric),
    ]

    private mutating func readShape(of id: String) throws(DiagramFailure) -> (NodeShape, [String]) {
        let openColumn = column
        var open = "", closers: [(String, NodeShape)] = []
        if hasPrefix("[/") || hasPrefix("[\\") {
            let leansRight = hasPrefix("[/")
            open = leansRight ? "[/" : "[\\"
            closers = leansRight ? [("/]", .leanRight), ("\\]", .trapezoid)] : [("\\]", .leanLeft), ("/]", .invertedTrapezoid)]
        } else if let match = Self.shapes.first(where: { hasPrefix($0.open) }) {
            open = match.open
            closers = [(match.close, match.shape)]
        } else {
            open = "["
            closers = [("]", .rectangle)]
        }
        advance(open.count)
        let contentStart = index
        skipSpaces()
        if current == "`" || (current == "\"" && peek(1) == "`") {
            throw unsupported("markdown strings (\"`…`\") in labels are not drawn by Folio")
        }
        var raw: Substring
        if current == "\"" {
            let quoteColumn = column
            advance()
            let start = index
            while let character = current, character != "\"" { advance() }
            guard !isAtEnd else {
                throw error("unclosed '\"' in the label of node '\(id)' (opened at column \(quoteColumn))", at: quoteColumn)
            }
            raw = text[start..<index]
            advance()
            skipSpaces()
            guard let (close, shape) = closers.first(where: { hasPrefix($0.0) }) else {
                throw error("expected '\(closers[0].0)' after the quoted label of node '\(id)'")
            }
            advance(close.count)
            return (shape, try label(raw))
        }
        index = contentStart
        var found: (String, NodeShape)?
        while !isAtEnd {
            if let match = closers.first(where: { hasPrefix($0.0) }) {
                found = match
                break
            }
            advance()
        }
        guard let (close, shape) = found else {
            throw error("unclosed '\(open)' in the label of node '\(id)' (opened at column \(openColumn))",
                        at: openColumn)
        }
        raw = text[contentStart..<index]
        advance(close.count)
        return (shape, try label(raw))
    }

    func label(_ raw: Substring) throws(DiagramFailure) -> [String] {
        if raw.contains("fa:fa-") || raw.contains("fab:fa-") || raw.contains("fas:fa-") {
            throw unsupported("Font Awesome icons ('fa:…') in labels are not drawn by Folio")
        }
        return DiagramText.lines(raw, backslashN: true)
    }

    // MARK: Links

    /// Whether a link starts here (after spaces).
    func startsLink() -> Bool {
        guard let character = current else { return false }
        let next = peek(1)
        switch character {
        case "-": return next == "-" || next == "."
        case "=": return next == "="
        case "~": return next == "~"
        case "<": return next == "-" || next == "="
        case "x", "o":
            let after = peek(2)
            return (next == "-" && (after == "-" || after == ".")) || (next == "=" && after == "=")
        default: return false
        }
    }

    /// A link and its label, if one starts here.
    mutating func readLink() throws(DiagramFailure) -> FlowLink? {
        skipSpaces()
        if let character = current, Self.isIDCharacter(character) {
            var lookahead = self
            _ = lookahead.readID()
            if lookahead.current == "@" { throw unsupported("edge ids ('\(text[index..<lookahead.index])@-->') are not drawn by Folio") }
        }
        guard startsLink() else { return nil }
        let linkStart = index
        let linkColumn = column
        var start = EdgeEnd.none
        switch current {
        case "<": start = .arrow; advance()
        case "x": start = .cross; advance()
        case "o": start = .circle; advance()
        default: break
        }
        var link: FlowLink
        switch current {
        case "~":
            let count = countRun(of: "~")
            guard count >= 3 else { throw error("expected '~~~' for an invisible link", at: linkColumn) }
            link = FlowLink(stroke: .invisible, start: .none, end: .none, length: count - 2, spelling: "")
        case "=":
            link = try readSolidLink(character: "=", stroke: .thick, start: start, column: linkColumn)
        default:
            if peek(1) == "." || (current == "-" && peek(1) == "." ) {
                link = try readDottedLink(start: start, column: linkColumn)
            } else {
                link = try readSolidLink(character: "-", stroke: .normal, start: start, column: linkColumn)
            }
        }
        if link.spelling.isEmpty { link.spelling = String(text[linkStart..<index]) }
        skipSpaces()
        if current == "|" {
            let barColumn = column
            advance()
            let labelStart = index
            while let character = current, character != "|" { advance() }
            guard !isAtEnd else {
                throw error("unclosed '|' in the label of the '\(link.spelling)' link (opened at column \(barColumn))",
                            at: barColumn)
            }
            var raw = text[labelStart..<index].trimmingWhitespace()[...]
            advance()
            if raw.first == "\"" && raw.last == "\"" && raw.count >= 2 { raw = raw.dropFirst().dropLast() }
            if raw.hasPrefix("`") { throw unsupported("markdown strings (\"`…`\") in labels are not drawn by Folio") }
            link.label = try label(raw)
        }
        return link
    }

    private mutating func countRun(of character: Character) -> Int {
        var count = 0
        while current == character {
            count += 1
            advance()
        }
        return count
    }

    private mutating func endMarker() -> EdgeEnd? {
        switch current {
        case ">": advance(); return .arrow
        case "x": advance(); return .cross
        case "o": advance(); return .circle
        default: return nil
        }
    }

    /// `-->`, `---`, `--x`, `==>`, `===`… or the `--`/`==` that opens a `-- text -->` label.
    private mutating func readSolidLink(character: Character, stroke: EdgeStroke, start: EdgeEnd, column: Int)
        throws(DiagramFailure) -> FlowLink
    {
        let count = countRun(of: character)
        if let end = endMarker() {
            return FlowLink(stroke: stroke, start: start, end: end, length: count - 1, spelling: "")
        }
        if count >= 3 { return FlowLink(stroke: stroke, start: start, end: .none, length: count - 2, spelling: "") }
        // `-- text -->`: the label runs to the closing link.
        let opener = String(repeating: character, count: 2)
        let labelStart = index
        while !isAtEnd, !hasPrefix(opener) { advance() }
        guard !isAtEnd else {
            throw error("unclosed link text after '\(opener)': expected '\(opener)>' or '\(opener)\(character)' to end it",
                        at: column)
        }
        let raw = text[labelStart..<index]
        let closing = countRun(of: character)
        var link: FlowLink
        if let end = endMarker() {
            link = FlowLink(stroke: stroke, start: start, end: end, length: closing - 1, spelling: "")
        } else if closing >= 3 {
            link = FlowLink(stroke: stroke, start: start, end: .none, length: closing - 2, spelling: "")
        } else {
            throw error("expected '\(opener)>' or '\(opener)\(character)' to end the link text")
        }
        link.label = try quotedLabel(raw)
        return link
    }

    /// `-.-`, `-.->`, `-..->`, or the `-.` that opens a `-. text .->` label.
    private mutating func readDottedLink(start: EdgeEnd, column: Int) throws(DiagramFailure) -> FlowLink {
        if current == "-" { advance() }
        let dots = countRun(of: ".")
        if current == "-" {
            advance()
            let end = endMarker() ?? .none
            return FlowLink(stroke: .dotted, start: start, end: end, length: max(dots, 1), spelling: "")
        }
        let labelStart = index
        while !isAtEnd, !(current == "." && (peek(1) == "-" || peek(1) == ".")) { advance() }
        guard !isAtEnd else {
            throw error("unclosed link text after '-.': expected '.->' or '.-' to end it", at: column)
        }
        var raw = text[labelStart..<index]
        if raw.last == "-" { raw = raw.dropLast() }
        let closingDots = countRun(of: ".")
        guard current == "-" else { throw error("expected '.->' or '.-' to end the link text") }
        advance()
        var link = FlowLink(stroke: .dotted, start: start, end: endMarker() ?? .none, length: max(closingDots, 1),
                            spelling: "")
        link.label = try quotedLabel(raw)
        return link
    }

    private func quotedLabel(_ raw: Substring) throws(DiagramFailure) -> [String] {
        var trimmed = raw.trimmingWhitespace()[...]
        if trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" { trimmed = trimmed.dropFirst().dropLast() }
        if trimmed.hasPrefix("`") { throw unsupported("markdown strings (\"`…`\") in labels are not drawn by Folio") }
        return try label(trimmed)
    }
}
