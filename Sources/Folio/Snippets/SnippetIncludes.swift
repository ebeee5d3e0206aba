// The Markdown side of companion code: fences whose info string says `snippet="path#region"` show that region
// of a companion source, checked against the committed copy in the fence; `output="demo"` adds the demo's
// captured output; ```` ```mermaid demo="name" ```` is a chart a demo prints (ChartDemos); and, in `folio check`,
// fences in a companion's language must be includes or `illustrative`.

/// What the include transform needs from the build.
struct SnippetContext {
    var companions: Companions
    /// Enforce the code-block policy (fences in a companion language must be includes or `illustrative`).
    var enforcePolicy: Bool
}

/// A region some post includes, for `folio check --strict`.
public struct SnippetUse: Hashable, Sendable {
    public var companion: String
    public var path: String
    public var region: String?
}

struct SnippetIncludes {
    var context: SnippetContext

    struct Result {
        var problems: [DocumentProblem] = []
        var uses: [SnippetUse] = []
        /// Demos whose output a post shows, with where it is asked for: `folio check` runs them.
        var demos: [(name: String, companion: String, stored: String?, line: Int, column: Int, chart: Bool)] = []
    }

    /// A resolved include: what the fence must show.
    struct Resolved {
        var companion: Companions.Entry
        var path: String
        var region: String?
        var lines: [String]
        var firstLine: Int
        var lastLine: Int
        var text: String { lines.joined(separator: "\n") + "\n" }
    }

    /// In `folio check`: an error at a fence in a companion's language that is neither an include nor marked
    /// `illustrative` (FenceDispatcher asks for every fence that is not an include or a chart).
    func checkPolicy(_ block: MarkdownNode, info: FenceInfo, into result: inout Result) {
        guard context.enforcePolicy, !info.flags.contains("illustrative"),
              context.companions.languages.contains(info.language.lowercased()),
              let companion = context.companions.companion(forLanguage: info.language)
        else { return }
        result.problems.append(.error(
            "this \(info.language) fence is not compiled: include companion code with "
                + "snippet=\"path#region\" (from \(companion.config.root)/), or mark it 'illustrative'",
            line: block.startLine, column: block.startColumn))
    }

    /// What the fence must show, checked against the copy it holds; nil when the include does not resolve.
    /// `output`: the ```` ```output ```` fence after it, which holds the demo's captured output (`output="demo"`).
    func include(
        _ block: MarkdownNode, reference: String, info: FenceInfo, output: MarkdownNode?, column: (String) -> Int,
        markup: MarkupTemplates, into result: inout Result
    ) -> CodeBlocks.Included? {
        let line = block.startLine
        func fail(_ message: String, key: String = "snippet") {
            result.problems.append(.error(message, line: line, column: column(key)))
        }
        let resolved: Resolved
        switch resolve(reference, language: info.language) {
        case .failure(let message):
            fail(message)
            return nil
        case .success(let found):
            resolved = found
        }
        result.uses.append(SnippetUse(companion: resolved.companion.config.name, path: resolved.path, region: resolved.region))

        let body = block.literal
        if !body.isEmpty && body != resolved.text {
            fail("stale snippet: the copy in this fence differs from \(reference); run 'folio snippets sync'\n"
                 + Self.diff(expected: resolved.lines, actual: body))
        }
        var outputHTML: String?
        if let demo = info.attributes["output"] {
            var stored: String?
            if let output {
                stored = output.literal
                outputHTML = markup.render(DemoOutputMarkup(demo: demo, output: output.literal))
            } else {
                fail("no captured output for demo '\(demo)' after this fence; run 'folio snippets sync' to capture it",
                     key: "output")
            }
            result.demos.append((demo, resolved.companion.config.name, stored, line, column("output"), false))
        }
        return CodeBlocks.Included(
            code: resolved.text, label: info.attributes["title"] ?? resolved.path + (resolved.region.map { " · " + $0 } ?? ""),
            url: sourceURL(resolved), outputHTML: outputHTML)
    }

    /// The companion's `source_url` pattern filled in for the included lines.
    private func sourceURL(_ resolved: Resolved) -> String? {
        resolved.companion.config.sourceURL.map {
            $0.replacingOccurrences(of: "{path}", with: resolved.path)
                .replacingOccurrences(of: "{start}", with: String(resolved.firstLine))
                .replacingOccurrences(of: "{end}", with: String(resolved.lastLine))
        }
    }

    enum Lookup {
        case success(Resolved)
        case failure(String)
    }

    func resolve(_ reference: String, language: String) -> Lookup {
        guard let companion = context.companions.companion(forLanguage: language) else {
            let declared = context.companions.languages.sorted()
            return .failure(declared.isEmpty
                ? "snippet include, but site.yml declares no companions"
                : "no companion declares the language '\(language)' (companions cover: \(declared.joined(separator: ", ")))")
        }
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let region = parts.count > 1 ? String(parts[1]) : nil
        guard let file = companion.files[path] else {
            var message = "unknown file '\(path)' in companion '\(companion.config.name)' (\(companion.config.root)/)"
            if let suggestion = Suggestion.closest(to: path, among: Array(companion.files.keys)) {
                message += "; did you mean '\(suggestion)'?"
            }
            return .failure(message)
        }
        guard let region else {
            return .success(Resolved(companion: companion, path: path, region: nil, lines: file.wholeFile,
                                     firstLine: 1, lastLine: max(file.wholeFile.count, 1)))
        }
        guard let found = file.regions[region] else {
            let names = file.regionNames
            var message = "unknown region '\(region)' in \(companion.config.root)/\(path)"
            if let suggestion = Suggestion.closest(to: region, among: names) {
                message += "; did you mean '\(suggestion)'?"
            }
            message += names.isEmpty ? " (the file has no regions)" : " (regions: \(names.joined(separator: ", ")))"
            return .failure(message)
        }
        return .success(Resolved(companion: companion, path: path, region: region, lines: found.lines,
                                 firstLine: found.firstLine, lastLine: found.lastLine))
    }

    /// A short line diff: the first lines that differ, `-` for the expected text, `+` for the actual one.
    static func diff(expected: [String], actual: String, labels: (String, String) = ("the source", "this fence"))
        -> String
    {
        var actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if actualLines.last == "" { actualLines.removeLast() }
        var out: [String] = []
        let count = max(expected.count, actualLines.count)
        for index in 0..<count {
            let source = index < expected.count ? expected[index] : nil
            let fence = index < actualLines.count ? actualLines[index] : nil
            guard source != fence else { continue }
            if let source { out.append("    line \(index + 1) - \(source)") }
            if let fence { out.append("    line \(index + 1) + \(fence)") }
            if out.count >= 8 {
                out.append("    …")
                break
            }
        }
        return "    (- \(labels.0), + \(labels.1))\n" + out.joined(separator: "\n")
    }
}
