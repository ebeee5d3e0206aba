// Every fenced code block not already turned into an include: highlighted at build time, with the fence's
// `highlight="2,4-6"`, `linenos` and `title="main.go"` attributes, and a label for `illustrative` ones.
// An unknown language is shown as plain text with a warning at the fence.

struct CodeBlocks {
    struct Problem {
        var severity: Diagnostic.Severity
        var message: String
        var line: Int
        var column: Int
    }

    func apply(to tree: MarkdownTree) -> [Problem] {
        var problems: [Problem] = []
        for block in tree.root.descendants where block.kind == .codeBlock {
            let info = FenceInfo(block.fenceInfo)
            let code = block.literal
            let language = info.language
            if Grammars.named(language) == nil, !Grammars.plain.contains(language.lowercased()) {
                problems.append(Problem(
                    severity: .warning,
                    message: "unknown language '\(language)' in a code fence; it is shown as plain text "
                        + "(known: \(Grammars.languages.joined(separator: ", ")); 'text' is silent)",
                    line: block.startLine, column: block.startColumn))
            }
            let lineCount = max(1, code.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
            var highlighted: Set<Int> = []
            if let highlight = info.attributes["highlight"] {
                switch FenceInfo.highlightedLines(highlight, lineCount: lineCount) {
                case .success(let lines): highlighted = lines
                case .failure(let problem):
                    problems.append(Problem(
                        severity: .error, message: problem.message,
                        line: block.startLine, column: info.column(of: "highlight", in: block, tree: tree)))
                }
            }
            var caption: String?
            if let title = info.attributes["title"] { caption = "<span class=\"code-title\">\(HTML.escape(title))</span>" }
            if info.flags.contains("illustrative") {
                caption = (caption ?? "") + "<span class=\"code-label\">illustrative, not compiled</span>"
            }
            let html = CodeBlockHTML(
                code: code, language: language, highlighted: highlighted, lineNumbers: info.flags.contains("linenos"),
                caption: caption, extraClass: info.flags.contains("illustrative") ? "illustrative" : nil
            ).render()
            block.replace(with: MarkdownNode.customBlock(enter: html, exit: ""))
        }
        return problems
    }
}
