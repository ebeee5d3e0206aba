// A Mermaid fence's text as statements with positions: comments dropped, `;` separators split, the diagram's
// keyword line and optional front matter (`---` / `title:` / `---`) taken off the top.

/// One statement of a diagram: its text and where it starts. Lines and columns are 1-based, counted in the
/// diagram's own text (the fence's first content line is line 1).
struct DiagramStatement: Sendable, Equatable {
    var text: Substring
    var line: Int
    var column: Int
    /// True when a `;` on the same line ended the statement before: an author who meant a semicolon in
    /// text gets a hint about `#59;`.
    var followsSemicolon = false

    /// The position of `index` inside `text`, for diagnostics that point into the statement.
    func column(of index: Substring.Index) -> Int {
        column + text.distance(from: text.startIndex, to: index)
    }
}

/// A problem found in a diagram, placed in the diagram's own text; `DiagramFences` moves it into the file.
struct DiagramProblem: Error, Sendable, Equatable {
    var severity: Diagnostic.Severity
    var message: String
    var line: Int
    var column: Int

    static func error(_ message: String, line: Int, column: Int) -> DiagramProblem {
        DiagramProblem(severity: .error, message: message, line: line, column: column)
    }

    static func error(_ message: String, at statement: DiagramStatement, _ index: Substring.Index? = nil)
        -> DiagramProblem
    {
        .error(message, line: statement.line, column: index.map(statement.column(of:)) ?? statement.column)
    }
}

/// Why a diagram was not drawn: errors in supported syntax (the build fails), or syntax Folio does not draw
/// (a warning; the source is shown as a code block).
enum DiagramFailure: Error, Sendable, Equatable {
    case invalid([DiagramProblem])
    case unsupported(DiagramProblem)
}

struct DiagramSource: Sendable {
    /// The keyword statement: `sequenceDiagram`, `flowchart LR`, `graph TD`...
    var header: DiagramStatement
    /// The keyword alone.
    var keyword: Substring
    /// Everything after the keyword, in order.
    var statements: [DiagramStatement]
    /// `title:` from the front matter, if any.
    var frontMatterTitle: String?
    /// Front matter keys Folio ignores (with a warning), such as `config:`.
    var problems: [DiagramProblem] = []

    /// Splits `text` into statements; nil when it holds no statement at all.
    init?(_ text: String) {
        var lines: [(text: Substring, number: Int)] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            lines.append((line.hasSuffix("\r") ? line.dropLast() : line, number))
        }
        var first = 0
        var title: String?
        var problems: [DiagramProblem] = []
        while first < lines.count, lines[first].text.allSatisfy(\.isWhitespace) { first += 1 }
        if first < lines.count, lines[first].text.trimmingWhitespace() == "---" {
            var index = first + 1
            while index < lines.count, lines[index].text.trimmingWhitespace() != "---" {
                let entry = lines[index].text
                if let colon = entry.firstIndex(of: ":"), entry[..<colon].trimmingWhitespace() == "title" {
                    var value = entry[entry.index(after: colon)...].trimmingWhitespace()
                    if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                        value = String(value.dropFirst().dropLast())
                    }
                    title = value
                } else if let key = entry.first, !key.isWhitespace, !entry.hasPrefix("#") {
                    problems.append(.init(
                        severity: .warning,
                        message: "front matter key '\(entry.prefix { $0 != ":" })' is ignored; Folio reads 'title' only",
                        line: lines[index].number, column: 1))
                }
                index += 1
            }
            first = index + 1
        }
        var statements: [DiagramStatement] = []
        for line in lines.dropFirst(first) {
            statements += Self.statements(in: line.text, line: line.number)
        }
        guard let header = statements.first else { return nil }
        self.header = header
        self.keyword = header.text.prefix { !$0.isWhitespace }
        self.statements = Array(statements.dropFirst())
        self.frontMatterTitle = title
        self.problems = problems
    }

    /// The statements on one line: leading whitespace skipped, `%%` comment lines (and `%%{…}%%` directives)
    /// dropped, split at `;` outside double quotes and entity codes.
    static func statements(in line: Substring, line number: Int) -> [DiagramStatement] {
        let content = line.drop { $0 == " " || $0 == "\t" }
        if content.hasPrefix("%%") || content.isEmpty { return [] }
        var out: [DiagramStatement] = []
        var start = content.startIndex
        var index = start
        var inQuotes = false
        func flush(upTo end: Substring.Index) {
            var piece = content[start..<end]
            let leading = piece.prefix { $0 == " " || $0 == "\t" }.count
            piece = piece.dropFirst(leading)
            while let last = piece.last, last == " " || last == "\t" { piece = piece.dropLast() }
            if !piece.isEmpty {
                let column = line.distance(from: line.startIndex, to: piece.startIndex) + 1
                out.append(DiagramStatement(text: piece, line: number, column: column,
                                            followsSemicolon: start != content.startIndex))
            }
        }
        while index < content.endIndex {
            let character = content[index]
            if character == "\"" {
                inQuotes.toggle()
            } else if character == "#", let (_, end) = DiagramText.entity(in: content, at: index) {
                index = end
                continue
            } else if character == ";", !inQuotes {
                flush(upTo: index)
                start = content.index(after: index)
            }
            index = content.index(after: index)
        }
        flush(upTo: content.endIndex)
        return out
    }
}
