// `accTitle: …`, `accDescr: …` and the multi-line `accDescr { … }`, read one way for every kind of diagram: the
// text a screen reader hears as the SVG's `<title>` and `<desc>`.
// Mermaid's grammars differ in one point only, the keywords' case: the flowchart lexer (flow.jison) and the
// Langium grammar pie charts use since Mermaid 11 match `accTitle`/`accDescr` exactly, while the sequence and
// xychart lexers are `case-insensitive`. Each parser says which it follows (`Spelling`); everything else is shared.
// As in Mermaid, a one-line value runs to the end of its line (a `;` in it is text), and a `{` block runs to the
// first `}`, however many lines later.

enum AccessibilityStatement: Sendable, Equatable {
    case title(String)
    case description(String)

    /// How the keywords must be spelled in a diagram kind, as its Mermaid grammar has it.
    enum Spelling: Sendable {
        /// `accTitle` and `accDescr` exactly (flowchart, pie).
        case exact
        /// In any case, such as `acctitle` (sequence, xychart).
        case anyCase
    }

    /// Reads `accTitle: …`, `accDescr: …` or `accDescr { … }` at `index`. Returns nil when the statement is none of
    /// them; otherwise what it said (nil when it was malformed: the problem is in `problems`) and the index of the
    /// next statement.
    static func read(_ statements: [DiagramStatement], at index: Int, spelling: Spelling,
                     problems: inout [DiagramProblem]) -> (said: AccessibilityStatement?, next: Int)?
    {
        let statement = statements[index]
        let word = statement.text.prefix { $0.isLetter }
        let rest = statement.text[word.endIndex...].drop { $0 == " " || $0 == "\t" }
        guard let keyword = ["accTitle", "accDescr"].first(where: { $0.lowercased() == word.lowercased() }) else {
            return nil
        }
        if spelling == .exact, word != keyword {
            // `acctitle:` is no statement in these grammars; say what was meant rather than read it as a node.
            guard rest.hasPrefix(":"), !rest.hasPrefix(":::") else { return nil }
            problems.append(.error("'\(word)' is spelled '\(keyword)' (Mermaid matches it case-sensitively here)",
                                   at: statement))
            return (nil, sameLineEnd(after: index, in: statements))
        }
        if rest.hasPrefix(":") {
            let value = restOfLine(from: rest.dropFirst())
            let text = DiagramText.flat(value)
            return (keyword == "accTitle" ? .title(text) : .description(text), sameLineEnd(after: index, in: statements))
        }
        if keyword == "accDescr", rest.hasPrefix("{") {
            return block(statements, from: index, after: rest.dropFirst(), problems: &problems)
        }
        let expected = keyword == "accTitle" ? "':'" : "':' or '{'"
        problems.append(.error("expected \(expected) after '\(word)'", at: statement, rest.startIndex))
        return (nil, index + 1)
    }

    /// The index of the first statement on a later line than the one at `index`: `;` splits statements, but a
    /// one-line value keeps it as text.
    private static func sameLineEnd(after index: Int, in statements: [DiagramStatement]) -> Int {
        var next = index + 1
        while next < statements.count, statements[next].line == statements[index].line { next += 1 }
        return next
    }

    /// `first` to the end of its line in the diagram's text, across the `;` that split it into statements.
    private static func restOfLine(from first: Substring) -> Substring {
        let text = first.base
        let end = text[first.startIndex...].firstIndex { $0 == "\n" || $0 == "\r" } ?? text.endIndex
        return text[first.startIndex..<end]
    }

    /// Whether a `;` ended `statement` in the diagram's text (DiagramSource drops it when it splits there).
    private static func endsWithSemicolon(_ statement: DiagramStatement) -> Bool {
        statement.text.base[statement.text.endIndex...].first { $0 != " " && $0 != "\t" } == ";"
    }

    /// `accDescr {` up to the first `}`; unclosed, it is an error at the `accDescr` that opened it.
    private static func block(_ statements: [DiagramStatement], from start: Int, after opening: Substring,
                              problems: inout [DiagramProblem]) -> (said: AccessibilityStatement?, next: Int)
    {
        var parts: [String] = []
        var text = opening
        var index = start
        while true {
            if let close = text.firstIndex(of: "}") {
                parts.append(String(text[..<close]))
                let after = text[text.index(after: close)...].drop { $0 == " " || $0 == "\t" }
                if !after.isEmpty {
                    problems.append(.error("expected the end of the line after the '}' that closes 'accDescr {'",
                                           at: statements[index], after.startIndex))
                }
                return (.description(DiagramText.flat(parts.joined(separator: " "))), index + 1)
            }
            parts.append(String(text))
            index += 1
            guard index < statements.count else { break }
            // Statements were split at `;`: a `;` in the description is text.
            if endsWithSemicolon(statements[index - 1]), let last = parts.popLast() { parts.append(last + ";") }
            text = statements[index].text
        }
        problems.append(.error("unclosed 'accDescr {': expected a '}' to end the description", at: statements[start]))
        return (nil, statements.count)
    }
}

/// A diagram's model with the text a screen reader hears.
protocol AccessibleDiagram {
    var accessibleTitle: String? { get set }
    var accessibleDescription: String? { get set }
}

extension AccessibleDiagram {
    mutating func accept(_ said: AccessibilityStatement?) {
        switch said {
        case .title(let text)?: accessibleTitle = text
        case .description(let text)?: accessibleDescription = text
        case nil: break
        }
    }
}

extension FlowchartModel: AccessibleDiagram {}
extension SequenceModel: AccessibleDiagram {}
extension XYChartModel: AccessibleDiagram {}
extension PieChartModel: AccessibleDiagram {}
