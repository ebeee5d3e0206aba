// ```` ```mermaid ```` fences drawn as inline SVG at build time, in the theme's `diagram-figure` partial. Errors
// point into the Markdown file (the fence's line plus the diagram's line); a diagram Folio does not draw stays a
// code block, with a warning.

struct DiagramFences {
    /// Path of the document, folded into ids so two pages' diagrams never share one (feeds put pages together).
    var documentKey: String
    var markup: MarkupTemplates
    /// Diagrams drawn so far in this document, for their ids.
    private var count = 0

    init(documentKey: String, markup: MarkupTemplates) {
        self.documentKey = documentKey
        self.markup = markup
    }

    /// Replaces the fence with its figure and adds the diagram's downloadable files to `files`. False when it
    /// is not drawn (a kind Folio does not draw, or a diagram with errors): the fence is left for the highlighter.
    mutating func draw(_ block: MarkdownNode, files: inout [DiagramFile], problems: inout [DocumentProblem]) -> Bool {
        count += 1
        // Content line k of the fence is file line startLine + k; columns shift by the fence's indent.
        func place(_ problem: DiagramProblem) -> DocumentProblem {
            DocumentProblem(severity: problem.severity, message: problem.message,
                            line: block.startLine + problem.line, column: block.startColumn - 1 + problem.column)
        }
        do throws(DiagramFailure) {
            let rendered = try Diagram.render(block.literal, idPrefix: Self.idPrefix(documentKey, count))
            problems += rendered.warnings.map(place)
            let file = DiagramFile.make(source: block.literal)
            if let file { files.append(file) }
            let figure = DiagramFigureMarkup(svg: rendered.svg, table: rendered.dataTable, svgFile: file?.svgPath,
                                             pngFile: file?.pngPath)
            block.replace(with: MarkdownNode.customBlock(enter: markup.render(figure), exit: ""))
            return true
        } catch {
            switch error {
            case .unsupported(let problem):
                // Shown as code; the warning points at the fence, and names the line inside.
                var message = problem.message
                if problem.line > 1 { message += " (line \(block.startLine + problem.line))" }
                problems.append(.warning(message, line: block.startLine, column: block.startColumn))
                return false
            case .invalid(let found):
                problems += found.map(place)
                return false
            }
        }
    }

    /// `d` + 6 hex digits of an FNV-1a hash of the document, then the diagram's number: stable and page-unique.
    static func idPrefix(_ key: String, _ index: Int) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash & 0xFF_FFFF, radix: 16)
        return "d" + String(repeating: "0", count: 6 - hex.count) + hex + "-\(index)"
    }
}
