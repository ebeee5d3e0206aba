// What both chart kinds share above their own grammar: `title`, a statement's leading keyword, and the loop that
// reads the accessibility statements (`AccessibilityStatement`) for them.

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
}

/// A chart parser: its own statements, with the accessibility statements read for it.
protocol ChartStatementReader {
    associatedtype Model: AccessibleDiagram
    var model: Model { get set }
    var problems: [DiagramProblem] { get set }
    /// How this chart's Mermaid grammar spells `accTitle` and `accDescr`.
    static var accessibilitySpelling: AccessibilityStatement.Spelling { get }
    mutating func read(_ statement: DiagramStatement)
}

extension ChartStatementReader {
    /// Every statement in order; `accDescr { … }` may span several.
    mutating func readStatements(_ statements: [DiagramStatement]) {
        var index = 0
        while index < statements.count {
            if let (said, next) = AccessibilityStatement.read(statements, at: index, spelling: Self.accessibilitySpelling,
                                                              problems: &problems)
            {
                model.accept(said)
                index = next
                continue
            }
            read(statements[index])
            index += 1
        }
    }
}
