// `folio snippets sync`: rewrites the body of every include fence in Content/ with the current source region,
// and captures the output of demos into an `output` fence right after, so the Markdown reads well on its own
// (on GitHub, dev.to) and a stale copy is caught by the build.
import Foundation

public struct SnippetSync {
    public var root: String
    /// Run demos and store their output (slower: the demos are built and run).
    public var captureOutput = true
    /// How demos and companion builds run (tests can record or refuse them).
    public var commands = Commands.system

    public init(root: String) { self.root = root }

    public struct Report: Sendable {
        public var filesChanged: [String] = []
        public var fencesUpdated = 0
        public var outputsCaptured = 0
        public var diagnostics: [Diagnostic] = []
    }

    public func run() -> Report {
        let files = ProjectFiles(root: root)
        var report = Report()
        // The build's own load: the same front matter, companions and limits as `folio build`. Its warnings are
        // the build's to report; sync reports only what stops it.
        var options = BuildOptions(root: root)
        options.writeOutput = false
        let project = BuildSteps.load(options, files: files, into: &report.diagnostics)
        report.diagnostics = report.diagnostics.filter { $0.severity == .error }
        guard let project, project.config.companions != nil else {
            if !report.diagnostics.hasErrors {
                report.diagnostics.append(.error("site.yml declares no companions; nothing to sync",
                                                 at: SourceLocation(path: "Content/site.yml")))
            }
            return report
        }
        var content = project.content
        let includes = SnippetIncludes(context: SnippetContext(companions: project.companions, enforcePolicy: false))
        let runner = DemoRunner(files: files, commands: commands)
        var demoOutputs: [String: String] = [:]
        content.documents.sort { $0.contentPath < $1.contentPath }

        /// A demo's output, run once per sync; nil after reporting why it has none.
        func output(of demo: String, _ companion: CompanionConfig, at location: SourceLocation) -> String? {
            let key = "\(companion.name)/\(demo)"
            if let known = demoOutputs[key] { return known }
            do {
                let run = try runner.run(demo, companion: companion)
                guard run.status == 0 else {
                    report.diagnostics.append(.error(
                        "demo '\(demo)' failed with exit status \(run.status): \(run.errorOutput.suffix(300))",
                        at: location))
                    return nil
                }
                demoOutputs[key] = run.output
                return run.output
            } catch {
                report.diagnostics.append(.error("demo '\(demo)' could not run: \(error)", at: location))
                return nil
            }
        }

        for document in content.documents {
            guard let text = try? files.readText(document.displayPath) else { continue }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let tree = MarkdownTree(parsing: document.body)
            let offset = document.bodyLineOffset
            // Edits as (first line index, count of lines to replace, new lines), applied bottom-up.
            var edits: [(Int, Int, [String])] = []
            for block in tree.root.descendants where block.kind == .codeBlock {
                let info = FenceInfo(block.fenceInfo)
                let location = SourceLocation(path: document.displayPath, line: block.startLine + offset,
                                              column: block.startColumn)
                if info.language.lowercased() == "mermaid", let demo = info.attributes["demo"] {
                    guard captureOutput else { continue }
                    guard !block.hasAncestor(of: .blockQuote) else {
                        report.diagnostics.append(.warning("charts inside block quotes are not synced", at: location))
                        continue
                    }
                    switch includes.companion(forDemo: demo, named: info.attributes["companion"]) {
                    case .failure(let error):
                        report.diagnostics.append(.error(error.message, at: location))
                    case .success(let entry):
                        guard let chart = output(of: demo, entry.config, at: location),
                              let edit = Self.bodyEdit(block, lines: lines, offset: offset, body: chart)
                        else { continue }
                        edits.append(edit)
                        report.outputsCaptured += 1
                    }
                    continue
                }
                guard let reference = info.attributes["snippet"] else { continue }
                guard !block.hasAncestor(of: .blockQuote) else {
                    report.diagnostics.append(.warning("includes inside block quotes are not synced", at: location))
                    continue
                }
                guard case .success(let resolved) = includes.resolve(reference, language: info.language) else {
                    if case .failure(let message) = includes.resolve(reference, language: info.language) {
                        report.diagnostics.append(.error(message, at: location))
                    }
                    continue
                }
                let indent = String(repeating: " ", count: block.startColumn - 1)
                let openIndex = block.startLine + offset - 1
                let closeIndex = block.endLine + offset - 1
                let fence = lines[openIndex].drop { $0 == " " }.prefix { $0 == "`" || $0 == "~" }
                guard closeIndex > openIndex, closeIndex < lines.count,
                      lines[closeIndex].drop(while: { $0 == " " }).hasPrefix(fence)
                else {
                    report.diagnostics.append(.error("the fence is not closed; close it before syncing", at: location))
                    continue
                }
                let wanted = resolved.lines.map { $0.isEmpty ? "" : indent + $0 }
                let current = Array(lines[(openIndex + 1)..<closeIndex])
                if current != wanted {
                    edits.append((openIndex + 1, current.count, wanted))
                    report.fencesUpdated += 1
                }
                guard captureOutput, let demo = info.attributes["output"] else { continue }
                guard let captured = output(of: demo, resolved.companion.config, at: location) else { continue }
                var outputLines = captured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if outputLines.last == "" { outputLines.removeLast() }
                outputLines = outputLines.map { $0.isEmpty ? "" : indent + $0 }
                if let next = block.next, next.kind == .codeBlock, FenceInfo(next.fenceInfo).language == "output" {
                    let start = next.startLine + offset, end = next.endLine + offset - 1
                    let existing = Array(lines[start..<end])
                    if existing != outputLines {
                        edits.append((start, existing.count, outputLines))
                        report.outputsCaptured += 1
                    }
                } else {
                    edits.append((closeIndex + 1, 0, [""] + [indent + "```output"] + outputLines + [indent + "```"]))
                    report.outputsCaptured += 1
                }
            }
            guard !edits.isEmpty else { continue }
            for (start, count, replacement) in edits.sorted(by: { $0.0 > $1.0 }) {
                lines.replaceSubrange(start..<(start + count), with: replacement)
            }
            do {
                try files.write(Data(lines.joined(separator: "\n").utf8), to: document.displayPath)
                report.filesChanged.append(document.displayPath)
            } catch {
                report.diagnostics.append(.error("could not write: \(error)", at: SourceLocation(path: document.displayPath)))
            }
        }
        return report
    }

    /// The edit that makes a fence's body `body`, or nil when it already is (or the fence is not closed).
    static func bodyEdit(_ block: MarkdownNode, lines: [String], offset: Int, body: String) -> (Int, Int, [String])? {
        let indent = String(repeating: " ", count: block.startColumn - 1)
        let openIndex = block.startLine + offset - 1
        let closeIndex = block.endLine + offset - 1
        let fence = lines[openIndex].drop { $0 == " " }.prefix { $0 == "`" || $0 == "~" }
        guard closeIndex > openIndex, closeIndex < lines.count,
              lines[closeIndex].drop(while: { $0 == " " }).hasPrefix(fence)
        else { return nil }
        var wanted = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if wanted.last == "" { wanted.removeLast() }
        wanted = wanted.map { $0.isEmpty ? "" : indent + $0 }
        let current = Array(lines[(openIndex + 1)..<closeIndex])
        return current == wanted ? nil : (openIndex + 1, current.count, wanted)
    }
}
