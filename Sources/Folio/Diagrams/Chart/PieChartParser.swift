// Mermaid's `pie` grammar: `pie`, `pie showData`, `pie title …` on the keyword line, then `title …` and
// `"label" : value` slices. Values must be numbers, not negative, and not all zero.

struct PieChartParser: ChartStatementReader {
    var model = PieChartModel()
    var problems: [DiagramProblem] = []
    /// Mermaid 11 parses pie charts with Langium, whose accessibility terminals are case-sensitive.
    static let accessibilitySpelling = AccessibilityStatement.Spelling.exact

    static func parse(_ source: DiagramSource) throws(DiagramFailure) -> PieChartModel {
        var parser = PieChartParser()
        parser.readHeader(source.header)
        parser.readStatements(source.statements)
        if parser.model.title == nil, let title = source.frontMatterTitle { parser.model.title = title }
        if parser.problems.isEmpty {
            if parser.model.slices.isEmpty {
                parser.problems.append(.error("empty pie: expected slices such as '\"Label\" : 42' after 'pie'",
                                              line: source.header.line, column: source.header.column))
            } else if parser.model.total == 0 {
                parser.problems.append(.error("every slice of this pie is 0: there is nothing to draw",
                                              line: source.header.line, column: source.header.column))
            }
        }
        if !parser.problems.isEmpty { throw .invalid(parser.problems) }
        return parser.model
    }

    private mutating func readHeader(_ header: DiagramStatement) {
        var rest = ChartStatements.keyword(of: header.text).rest
        if rest.lowercased().hasPrefix("showdata") {
            model.showData = true
            rest = rest.dropFirst(8).drop { $0 == " " || $0 == "\t" }
        }
        if rest.isEmpty { return }
        let (word, title) = ChartStatements.keyword(of: rest)
        if word.lowercased() == "title" {
            model.title = ChartStatements.titleText(title)
        } else {
            problems.append(.error("expected 'showData' or 'title' after 'pie', found '\(rest)'", at: header,
                                   rest.startIndex))
        }
    }

    mutating func read(_ statement: DiagramStatement) {
        let (word, rest) = ChartStatements.keyword(of: statement.text)
        switch word.lowercased() {
        case "title":
            model.title = ChartStatements.titleText(rest)
            return
        case "showdata" where rest.isEmpty:
            model.showData = true
            return
        default:
            break
        }
        let tokens: [ChartToken]
        do throws(ChartTokens.Failure) {
            tokens = try ChartTokens.scan(statement)
        } catch {
            if case .unclosedQuote(let column) = error {
                problems.append(.error("unclosed '\"': expected a closing quote", line: statement.line, column: column))
            }
            return
        }
        guard tokens.count >= 1, case .quoted(let label) = tokens[0].kind else {
            var message = "expected a slice such as '\"Label\" : 42'"
            if let guess = Suggestion.closest(to: String(word), among: ["title", "showData", "accTitle", "accDescr"]) {
                message += ", or did you mean '\(guess)'?"
            } else {
                message += " (the label in double quotes)"
            }
            problems.append(.error(message, at: statement))
            return
        }
        guard tokens.count >= 2, tokens[1].kind == .colon else {
            let column = tokens.count >= 2 ? tokens[1].column : statement.column + statement.text.count
            problems.append(.error("expected ':' and a value after the slice label \(tokens[0].text)",
                                   line: statement.line, column: column))
            return
        }
        guard tokens.count >= 3 else {
            problems.append(.error("expected a value after ':'", line: statement.line,
                                   column: statement.column + statement.text.count))
            return
        }
        let valueToken = tokens[2]
        guard let value = valueToken.number else {
            problems.append(.error("'\(valueToken.text)' is not a number: a slice's value is a number such as 42 "
                                   + "or 3.5", line: statement.line, column: valueToken.column))
            return
        }
        guard value >= 0 else {
            problems.append(.error("a slice cannot be negative: \(tokens[0].text) is \(valueToken.text)",
                                   line: statement.line, column: valueToken.column))
            return
        }
        if tokens.count > 3 {
            problems.append(.error("unexpected '\(tokens[3].text)' after the slice's value", line: statement.line,
                                   column: tokens[3].column))
            return
        }
        model.slices.append(.init(label: DiagramText.flat(label), value: value))
    }
}
