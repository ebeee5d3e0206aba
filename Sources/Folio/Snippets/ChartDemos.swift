// ```` ```mermaid demo="name" ````: a chart whose Mermaid text a companion demo prints. `folio snippets sync`
// writes the demo's output into the fence, the build draws what the fence holds, and `folio check` runs the demo
// again and fails when the chart in the post no longer shows what the demo prints.

extension SnippetIncludes {
    /// The companion whose demos folder holds `demo`: the one `companion="…"` names, or the only one that has it.
    func companion(forDemo demo: String, named: String?) -> Swift.Result<Companions.Entry, DemoLookupError> {
        let entries = context.companions.entries
        guard !entries.isEmpty else { return .failure(.init("a chart from a demo, but site.yml declares no companions")) }
        if let named {
            guard let entry = entries.first(where: { $0.config.name == named }) else {
                return .failure(.init("unknown companion '\(named)' (site.yml declares: "
                                      + entries.map(\.config.name).joined(separator: ", ") + ")",
                                      attribute: "companion"))
            }
            guard entry.demoNames.contains(demo) else {
                var message = "companion '\(named)' has no demo '\(demo)'"
                if let folder = entry.config.demos { message += " in \(folder)/" }
                if let guess = Suggestion.closest(to: demo, among: Array(entry.demoNames)) {
                    message += "; did you mean '\(guess)'?"
                }
                return .failure(.init(message))
            }
            return .success(entry)
        }
        let having = entries.filter { $0.demoNames.contains(demo) }
        switch having.count {
        case 1:
            return .success(having[0])
        case 0:
            var message = "no companion has a demo '\(demo)'"
            let folders = entries.compactMap(\.config.demos)
            if !folders.isEmpty { message += " (demos live in \(folders.joined(separator: ", ")))" }
            if let guess = Suggestion.closest(to: demo, among: entries.flatMap(\.demoNames)) {
                message += "; did you mean '\(guess)'?"
            }
            return .failure(.init(message))
        default:
            return .failure(.init("demo '\(demo)' is in more than one companion ("
                                  + having.map(\.config.name).joined(separator: ", ")
                                  + "): name one with companion=\"…\""))
        }
    }

    /// Records the demo for `folio check`; an empty fence (never synced) is an error at `demo=`, and is then
    /// replaced by nothing (the result is true).
    func chartFromDemo(_ block: MarkdownNode, demo: String, info: FenceInfo, column: (String) -> Int,
                       into result: inout Result) -> Bool
    {
        switch companion(forDemo: demo, named: info.attributes["companion"]) {
        case .failure(let error):
            result.problems.append(.error(error.message, line: block.startLine, column: column(error.attribute)))
            return false
        case .success(let entry):
            let body = block.literal
            let synced = !body.allSatisfy(\.isWhitespace)
            // `measured`: the demo prints timings, different on every run. check still runs it (it must not
            // fail) but cannot compare its numbers; sync refreshes them. Read before the fence may be freed below.
            result.demos.append((demo, entry.config.name, synced ? body : nil, block.startLine, column("demo"),
                                 !info.flags.contains("measured")))
            guard synced else {
                result.problems.append(.error(
                    "no chart from demo '\(demo)' in this fence yet; run 'folio snippets sync' to capture it",
                    line: block.startLine, column: column("demo")))
                // Nothing to draw, and one error is enough: the diagram step would add "empty diagram".
                block.replace(with: MarkdownNode.customBlock(enter: "", exit: ""))
                return true
            }
            return false
        }
    }
}

struct DemoLookupError: Error {
    var message: String
    /// The fence attribute the diagnostic points at.
    var attribute = "demo"

    init(_ message: String, attribute: String = "demo") {
        self.message = message
        self.attribute = attribute
    }
}
