// A problem a transform found in a document, at a line and column of its body (before the front matter and
// footnote shifts are added). MarkdownRenderer turns each into a Diagnostic, in one place.

struct DocumentProblem: Equatable {
    var severity: Diagnostic.Severity
    var message: String
    var line: Int
    var column: Int

    static func error(_ message: String, line: Int, column: Int) -> DocumentProblem {
        DocumentProblem(severity: .error, message: message, line: line, column: column)
    }

    static func warning(_ message: String, line: Int, column: Int) -> DocumentProblem {
        DocumentProblem(severity: .warning, message: message, line: line, column: column)
    }
}
