// Every fenced code block goes to exactly one of three places, decided here from its info string, parsed once:
// a companion include (`snippet="path#region"`, shown by the highlighter with the companion's lines), a diagram
// (`mermaid`, drawn; `demo=` charts are recorded for `folio check` first), or the highlighter. A diagram Folio
// does not draw, and an include that does not resolve, fall through to the highlighter as plain fences.

struct FenceDispatcher {
    var documentKey: String
    var snippets: SnippetContext?
    var markup: MarkupTemplates

    struct Result {
        /// Problems of diagrams and highlighting; those of includes are in `includes`.
        var problems: [DocumentProblem] = []
        /// Regions included and demos shown (empty without a snippet context).
        var includes = SnippetIncludes.Result()
        var diagramFiles: [DiagramFile] = []
    }

    func apply(to tree: MarkdownTree) -> Result {
        var result = Result()
        let includes = snippets.map { SnippetIncludes(context: $0) }
        let highlighter = CodeBlocks(markup: markup)
        var diagrams = DiagramFences(documentKey: documentKey, markup: markup)
        // An include takes the ```` ```output ```` fence after it and frees it: that node is skipped, not read.
        var taken: Set<MarkdownNode> = []
        for block in tree.root.blocks(ofKind: .codeBlock) where !taken.contains(block) {
            let info = FenceInfo(block.fenceInfo)
            let column = { (key: String) -> Int in info.column(of: key, in: block, tree: tree) }
            let isMermaid = info.language.lowercased() == "mermaid"
            var included: CodeBlocks.Included?
            if let includes {
                if isMermaid, let demo = info.attributes["demo"] {
                    if includes.chartFromDemo(block, demo: demo, info: info, column: column, into: &result.includes) {
                        continue
                    }
                } else if let reference = info.attributes["snippet"] {
                    let output = info.attributes["output"] == nil ? nil : block.next.flatMap {
                        $0.kind == .codeBlock && FenceInfo($0.fenceInfo).language == "output" ? $0 : nil
                    }
                    included = includes.include(block, reference: reference, info: info, output: output,
                                                column: column, markup: markup, into: &result.includes)
                    if included?.outputHTML != nil, let output {
                        taken.insert(output)
                        output.remove()
                    }
                } else {
                    includes.checkPolicy(block, info: info, into: &result.includes)
                }
            }
            if included == nil, isMermaid,
               diagrams.draw(block, files: &result.diagramFiles, problems: &result.problems) {
                continue
            }
            result.problems += highlighter.replace(block, info: info, included: included, tree: tree)
        }
        return result
    }
}
