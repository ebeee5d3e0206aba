// The highlighter's side of a fence (FenceDispatcher sends it every fence that is not an include's or a drawn
// diagram's): highlighted at build time, with the fence's `highlight="2,4-6"`, `linenos` and `title="main.go"`
// attributes, and a label for `illustrative` ones, in the theme's `code-figure` partial. An unknown language is
// shown as plain text with a warning at the fence.

struct CodeBlocks {
    var markup: MarkupTemplates

    /// What a companion include adds to its figure.
    struct Included {
        var code: String
        /// `title=`, else `path · region`.
        var label: String
        var url: String?
        /// The demo's output, from the `demo-output` partial.
        var outputHTML: String?
    }

    /// Replaces `block` with its figure, showing `included`'s code when it is an include.
    func replace(_ block: MarkdownNode, info: FenceInfo, included: Included? = nil, tree: MarkdownTree)
        -> [DocumentProblem]
    {
        var problems: [DocumentProblem] = []
        let code = included?.code ?? block.literal
        let language = info.language
        // An include's language is a companion's, checked when the include was resolved.
        if included == nil, Grammars.named(language) == nil, !Grammars.plain.contains(language.lowercased()) {
            problems.append(.warning(
                "unknown language '\(language)' in a code fence; it is shown as plain text "
                    + "(known: \(Grammars.languages.joined(separator: ", ")); 'text' is silent)",
                line: block.startLine, column: block.startColumn))
        }
        let lineCount = max(1, code.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        var highlighted: Set<Int> = []
        // The one place `highlight=` is checked, for includes and plain fences alike.
        if let highlight = info.attributes["highlight"] {
            switch FenceInfo.highlightedLines(highlight, lineCount: lineCount) {
            case .success(let lines): highlighted = lines
            case .failure(let problem):
                problems.append(.error(problem.message, line: block.startLine,
                                       column: info.column(of: "highlight", in: block, tree: tree)))
            }
        }
        let lowercased = language.lowercased()
        let figure = CodeFigureMarkup(
            code: Highlighter.html(code, language: language, highlighted: highlighted),
            language: lowercased.isEmpty ? nil : lowercased,
            title: included == nil ? info.attributes["title"] : nil,
            source: included?.label, sourceURL: included?.url, output: included?.outputHTML,
            illustrative: included == nil && info.flags.contains("illustrative"),
            lineNumbers: info.flags.contains("linenos"))
        block.replace(with: MarkdownNode.customBlock(enter: markup.render(figure), exit: ""))
        return problems
    }
}
