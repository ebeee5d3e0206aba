// ```` ```mermaid ```` fences drawn as inline SVG at build time. Errors point into the Markdown file (the fence's
// line plus the diagram's line); a diagram Folio does not draw stays a code block, with a warning.

struct DiagramFences {
    /// Path of the document, folded into ids so two pages' diagrams never share one (feeds put pages together).
    var documentKey: String

    /// Replaces each drawable fence with its figure; `files` gets each diagram's downloadable files.
    func apply(to tree: MarkdownTree, files: inout [DiagramFile]) -> [CodeBlocks.Problem] {
        var problems: [CodeBlocks.Problem] = []
        var index = 0
        for block in tree.root.descendants where block.kind == .codeBlock {
            let info = FenceInfo(block.fenceInfo)
            guard info.language.lowercased() == "mermaid" else { continue }
            index += 1
            // Content line k of the fence is file line startLine + k; columns shift by the fence's indent.
            func place(_ problem: DiagramProblem) -> CodeBlocks.Problem {
                CodeBlocks.Problem(severity: problem.severity, message: problem.message,
                                   line: block.startLine + problem.line,
                                   column: block.startColumn - 1 + problem.column)
            }
            do throws(DiagramFailure) {
                let rendered = try Diagram.render(block.literal, idPrefix: Self.idPrefix(documentKey, index))
                problems += rendered.warnings.map(place)
                var figure = "<figure class=\"diagram\">" + rendered.svg + (rendered.dataTable ?? "")
                if let file = DiagramFile.make(source: block.literal) {
                    files.append(file)
                    figure += Self.downloadLinks(file)
                }
                block.replace(with: MarkdownNode.customBlock(enter: figure + "</figure>\n", exit: ""))
            } catch {
                switch error {
                case .unsupported(let problem):
                    // Shown as code by CodeBlocks; the warning points at the fence, and names the line inside.
                    var message = problem.message
                    if problem.line > 1 { message += " (line \(block.startLine + problem.line))" }
                    problems.append(CodeBlocks.Problem(severity: .warning, message: message,
                                                       line: block.startLine, column: block.startColumn))
                case .invalid(let found):
                    problems += found.map(place)
                }
            }
        }
        return problems
    }

    /// Plain links (so the keyboard reaches them), named for screen readers by what they download.
    static func downloadLinks(_ file: DiagramFile) -> String {
        "<figcaption class=\"diagram-files\">Download: "
            + "<a href=\"\(file.svgPath)\" download aria-label=\"Download the diagram as SVG\">SVG</a> · "
            + "<a href=\"\(file.pngPath)\" download aria-label=\"Download the diagram as PNG\">PNG</a></figcaption>"
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
