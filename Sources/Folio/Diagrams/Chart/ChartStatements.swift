// What both chart kinds share above their own grammar: `title`, `accTitle: …`, `accDescr: …` and the
// multi-line `accDescr { … }`, and a statement's leading keyword.

enum ChartStatements {
    /// The first word of `text`, and what follows it with the spaces after it dropped.
    static func keyword(of text: Substring) -> (word: Substring, rest: Substring) {
        let word = text.prefix { $0 != " " && $0 != "\t" && $0 != ":" && $0 != "{" && $0 != "[" && $0 != "\"" }
        return (word, text[word.endIndex...].drop { $0 == " " || $0 == "\t" })
    }

    /// Text after `title`, with surrounding quotes taken off.
    static func titleText(_ rest: Substring) -> String {
        var value = rest.trimmingWhitespace()
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return DiagramText.flat(value)
    }

    enum Accessibility {
        case title(String)
        case description(String)
    }

    /// Reads `accTitle: …`, `accDescr: …` or `accDescr { … }` at `index`. Returns nil when the statement is none of
    /// them; otherwise what it said and the index of the next statement.
    static func accessibility(_ statements: [DiagramStatement], at index: Int,
                              problems: inout [DiagramProblem]) -> (Accessibility, next: Int)?
    {
        let statement = statements[index]
        let (word, rest) = keyword(of: statement.text)
        switch word.lowercased() {
        case "acctitle" where rest.hasPrefix(":"):
            return (.title(DiagramText.flat(rest.dropFirst())), index + 1)
        case "accdescr" where rest.hasPrefix(":"):
            return (.description(DiagramText.flat(rest.dropFirst())), index + 1)
        case "accdescr" where rest.hasPrefix("{"):
            var parts: [Substring] = []
            var current = index
            var text = rest.dropFirst()
            while true {
                if let close = text.firstIndex(of: "}") {
                    parts.append(text[..<close])
                    return (.description(DiagramText.flat(parts.joined(separator: " "))), current + 1)
                }
                parts.append(text)
                current += 1
                guard current < statements.count else { break }
                text = statements[current].text
            }
            problems.append(.error("unclosed 'accDescr {': expected '}' on a later line", at: statement))
            return (.description(DiagramText.flat(parts.joined(separator: " "))), statements.count)
        default:
            return nil
        }
    }
}

/// A chart parser: its own statements, with the accessibility statements both kinds share read for it.
protocol ChartStatementReader {
    associatedtype Model: AccessibleChart
    var model: Model { get set }
    var problems: [DiagramProblem] { get set }
    mutating func read(_ statement: DiagramStatement)
}

/// A chart model with the text a screen reader hears (`accTitle`, `accDescr`).
protocol AccessibleChart {
    var accessibleTitle: String? { get set }
    var accessibleDescription: String? { get set }
}

extension XYChartModel: AccessibleChart {}
extension PieChartModel: AccessibleChart {}

extension ChartStatementReader {
    mutating func accept(_ said: ChartStatements.Accessibility) {
        switch said {
        case .title(let text): model.accessibleTitle = text
        case .description(let text): model.accessibleDescription = text
        }
    }

    /// Every statement in order; `accDescr { … }` may span several.
    mutating func readStatements(_ statements: [DiagramStatement]) {
        var index = 0
        while index < statements.count {
            if let (said, next) = ChartStatements.accessibility(statements, at: index, problems: &problems) {
                accept(said)
                index = next
                continue
            }
            read(statements[index])
            index += 1
        }
    }
}
