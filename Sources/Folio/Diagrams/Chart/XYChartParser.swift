// Mermaid's `xychart-beta` grammar: `title`, `x-axis` (categories or a numeric range), `y-axis` (a title and a
// range), `bar` and `line` series, `horizontal` on the keyword line. Every problem is collected, with its column.

struct XYChartParser: ChartStatementReader {
    var model = XYChartModel()
    var problems: [DiagramProblem] = []
    /// xychart.jison is `case-insensitive`.
    static let accessibilitySpelling = AccessibilityStatement.Spelling.anyCase
    /// Where the y-axis range was written, for the warning when it leaves data out.
    private var yRangeAt: (line: Int, column: Int)?

    static let keywords = ["title", "x-axis", "y-axis", "bar", "line", "accTitle", "accDescr"]

    static func parse(_ source: DiagramSource) throws(DiagramFailure) -> (XYChartModel, warnings: [DiagramProblem]) {
        var parser = XYChartParser()
        parser.readHeader(source.header)
        parser.readStatements(source.statements)
        if parser.model.title == nil, let title = source.frontMatterTitle { parser.model.title = title }
        parser.checkLengths()
        let errors = parser.problems.filter { $0.severity == .error }
        if !errors.isEmpty { throw .invalid(errors) }
        if parser.model.series.isEmpty {
            throw .invalid([.error("expected a 'bar [...]' or 'line [...]' series after '\(source.keyword)'",
                                   line: source.header.line, column: source.header.column)])
        }
        return (parser.model, parser.rangeWarnings())
    }

    private mutating func readHeader(_ header: DiagramStatement) {
        let (_, rest) = ChartStatements.keyword(of: header.text)
        switch rest.lowercased() {
        case "": break
        case "horizontal": model.orientation = .horizontal
        case "vertical": model.orientation = .vertical
        default:
            problems.append(.error("expected 'horizontal' or 'vertical' after '\(header.text.prefix { $0 != " " })', "
                                   + "found '\(rest)'", at: header, rest.startIndex))
        }
    }

    mutating func read(_ statement: DiagramStatement) {
        let (word, rest) = ChartStatements.keyword(of: statement.text)
        let tokens: [ChartToken]
        do throws(ChartTokens.Failure) {
            tokens = try ChartTokens.scan(statement)
        } catch {
            if case .unclosedQuote(let column) = error {
                problems.append(.error("unclosed '\"': expected a closing quote", line: statement.line, column: column))
            }
            return
        }
        let arguments = Array(tokens.dropFirst())
        switch word.lowercased() {
        case "title":
            model.title = ChartStatements.titleText(rest)
        case "x-axis":
            readXAxis(arguments, statement)
        case "y-axis":
            readYAxis(arguments, statement)
        case "bar", "line":
            readSeries(word.lowercased() == "bar" ? .bar : .line, arguments, statement)
        default:
            var message = "unknown xychart statement '\(word)': expected one of "
                + Self.keywords.map { "'\($0)'" }.joined(separator: ", ")
            if let guess = Suggestion.closest(to: String(word), among: Self.keywords) {
                message += "; did you mean '\(guess)'?"
            }
            problems.append(.error(message, at: statement))
        }
    }

    /// An optional title (quoted text or one bare word) before the axis values.
    private mutating func title(_ tokens: inout ArraySlice<ChartToken>) -> String? {
        guard let first = tokens.first else { return nil }
        switch first.kind {
        case .quoted, .word:
            tokens.removeFirst()
            return first.name
        default:
            return nil
        }
    }

    private mutating func readXAxis(_ arguments: [ChartToken], _ statement: DiagramStatement) {
        var tokens = arguments[...]
        model.xTitle = title(&tokens)
        guard let first = tokens.first else { return }
        if first.kind == .openBracket {
            guard let items = list(&tokens, statement, numbers: false) else { return }
            model.xAxis = .categories(items.compactMap(\.name))
        } else if let range = range(&tokens, statement, axis: "x-axis") {
            model.xAxis = .range(range.min, range.max)
        }
        extra(tokens, statement)
    }

    private mutating func readYAxis(_ arguments: [ChartToken], _ statement: DiagramStatement) {
        var tokens = arguments[...]
        model.yTitle = title(&tokens)
        guard let first = tokens.first else { return }
        if first.kind == .openBracket {
            problems.append(.error("the y-axis takes a range such as '0 --> 100', not categories; categories go "
                                   + "on the x-axis", line: statement.line, column: first.column))
            return
        }
        if let range = range(&tokens, statement, axis: "y-axis") {
            model.yRange = range
            yRangeAt = (statement.line, first.column)
        }
        extra(tokens, statement)
    }

    private mutating func readSeries(_ kind: XYChartModel.Series.Kind, _ arguments: [ChartToken],
                                     _ statement: DiagramStatement)
    {
        var tokens = arguments[...]
        let name = title(&tokens)
        guard tokens.first?.kind == .openBracket else {
            let column = tokens.first?.column ?? statement.column + statement.text.count
            problems.append(.error("expected '[' and a list of numbers after '\(kind.rawValue)'",
                                   line: statement.line, column: column))
            return
        }
        let listColumn = tokens.first?.column ?? statement.column
        guard let items = list(&tokens, statement, numbers: true) else { return }
        model.series.append(.init(kind: kind, name: name, values: items.compactMap(\.number), line: statement.line,
                                  column: listColumn))
        extra(tokens, statement)
    }

    /// `[a, b, c]`: the items, or nil after reporting what is wrong with the list.
    private mutating func list(_ tokens: inout ArraySlice<ChartToken>, _ statement: DiagramStatement,
                               numbers: Bool) -> [ChartToken]?
    {
        let open = tokens.removeFirst()
        var items: [ChartToken] = []
        var failed = false
        while true {
            guard let item = tokens.first else {
                problems.append(.error("unclosed '[' : expected ']'", line: statement.line, column: open.column))
                return nil
            }
            tokens.removeFirst()
            if item.kind == .closeBracket, items.isEmpty { break }
            if numbers, item.number == nil {
                problems.append(.error("'\(item.text)' is not a number: series values are numbers such as 42 or "
                                       + "-3.5", line: statement.line, column: item.column))
                failed = true
            } else if !numbers, item.name == nil {
                problems.append(.error("expected a category name, found '\(item.text)'", line: statement.line,
                                       column: item.column))
                failed = true
            }
            items.append(item)
            guard let separator = tokens.first else { continue }
            tokens.removeFirst()
            if separator.kind == .closeBracket { break }
            if separator.kind != .comma {
                problems.append(.error("expected ',' or ']' after '\(item.text)', found '\(separator.text)'",
                                       line: statement.line, column: separator.column))
                return nil
            }
        }
        return failed ? nil : items
    }

    /// `min --> max`, reported when malformed or empty.
    private mutating func range(_ tokens: inout ArraySlice<ChartToken>, _ statement: DiagramStatement,
                                axis: String) -> (min: Double, max: Double)?
    {
        let parts = Array(tokens.prefix(3))
        tokens = tokens.dropFirst(parts.count)
        guard parts.count == 3, let low = parts[0].number, parts[1].kind == .arrow, let high = parts[2].number else {
            let culprit = parts.first { $0.number == nil && $0.kind != .arrow } ?? parts.first
            problems.append(.error("expected a range such as '0 --> 100' after '\(axis)'"
                                   + (culprit.map { ", found '\($0.text)'" } ?? ""),
                                   line: statement.line, column: culprit?.column ?? statement.column))
            return nil
        }
        guard low < high else {
            problems.append(.error("the \(axis) range must grow: \(parts[0].text) --> \(parts[2].text)",
                                   line: statement.line, column: parts[0].column))
            return nil
        }
        return (low, high)
    }

    private mutating func extra(_ tokens: ArraySlice<ChartToken>, _ statement: DiagramStatement) {
        guard let first = tokens.first else { return }
        problems.append(.error("unexpected '\(first.text)' at the end of '\(statement.text.prefix { $0 != " " })'",
                               line: statement.line, column: first.column))
    }

    /// Every series has one value per category (or, without categories, as many as the first series).
    private mutating func checkLengths() {
        guard let first = model.series.first else { return }
        var expected = first.values.count
        var reason = "the first series has \(expected)"
        if case .categories(let names) = model.xAxis {
            expected = names.count
            reason = "the x-axis has \(expected) categor\(expected == 1 ? "y" : "ies")"
        }
        for (index, series) in model.series.enumerated() where series.values.count != expected {
            if index == 0, reason.hasPrefix("the first") { continue }
            problems.append(.error("this \(series.kind.rawValue) has \(series.values.count) value"
                                   + "\(series.values.count == 1 ? "" : "s"), but \(reason)",
                                   line: series.line, column: series.column))
        }
        if expected == 0 {
            problems.append(.error("a series needs at least one value", line: first.line, column: first.column))
        }
    }

    /// A y-axis range that leaves data out is drawn clipped, with a warning: the table still has every number.
    private func rangeWarnings() -> [DiagramProblem] {
        guard let range = model.yRange, let at = yRangeAt else { return [] }
        let values = model.series.flatMap(\.values)
        guard let low = values.min(), let high = values.max(), low < range.min || high > range.max else { return [] }
        let outside = low < range.min ? low : high
        return [DiagramProblem(
            severity: .warning,
            message: "the y-axis range \(ChartNumber.format(range.min)) --> \(ChartNumber.format(range.max)) leaves "
                + "out the value \(ChartNumber.format(outside)); it is drawn at the edge of the chart",
            line: at.line, column: at.column)]
    }
}
