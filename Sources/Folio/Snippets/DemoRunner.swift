// Runs a companion's demo (its `demo` command with `{demo}` filled in) and captures what it prints.
import Foundation

/// One runner serves one `folio check` or `folio snippets sync`: it runs each companion's `build` command once,
/// before that companion's first demo, and remembers the outcome.
final class DemoRunner {
    let files: ProjectFiles
    let commands: Commands
    private var builds: [String: Result<Run, any Error>] = [:]

    init(files: ProjectFiles, commands: Commands) {
        self.files = files
        self.commands = commands
    }

    typealias Run = Commands.Outcome

    /// Runs `/bin/sh -c command` from the project root, after the companion's `build` command if it has one.
    /// The demo name is checked first, so it cannot carry shell syntax into the command.
    func run(_ demo: String, companion: CompanionConfig) throws -> Run {
        guard let template = companion.demo else {
            throw OutputError(message: "companion '\(companion.name)' has no 'demo' command in site.yml")
        }
        guard !demo.isEmpty, demo.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw OutputError(message: "demo name '\(demo)' may use only letters, digits, '-' and '_'")
        }
        try build(companion)
        return try shell(template.replacingOccurrences(of: "{demo}", with: demo))
    }

    /// Runs the companion's `build` command the first time it is needed; a failed build fails every demo.
    private func build(_ companion: CompanionConfig) throws {
        guard let command = companion.build else { return }
        let outcome = builds[companion.name] ?? Result { try shell(command) }
        builds[companion.name] = outcome
        let run = try outcome.get()
        guard run.status == 0 else {
            let detail = (run.errorOutput + run.output).split(separator: "\n").suffix(5).map { "    " + $0 }
            throw OutputError(message: (["its companion's build command failed with exit status \(run.status): "
                                         + command] + detail).joined(separator: "\n"))
        }
    }

    private func shell(_ command: String) throws -> Run { try commands.shell(command, in: files.root) }

    /// The output a demo's source pins with a Go-style `// Output:` comment, or nil when it pins none.
    /// The demo's source is `<demos folder>/<demo>.<ext>`.
    func pinnedOutput(of demo: String, companion: CompanionConfig) -> (text: String, path: String)? {
        guard let folder = companion.demos else { return nil }
        guard let name = files.list(folder).first(where: { ($0 as NSString).deletingPathExtension == demo }),
              let text = try? files.readText("\(folder)/\(name)")
        else { return nil }
        var lines: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if !inside {
                if trimmed == "// Output:" { inside = true }
                continue
            }
            guard trimmed.hasPrefix("//"), SnippetMarkers.marker(in: trimmed) == nil else { break }
            var content = trimmed.dropFirst(2)
            if content.hasPrefix(" ") { content = content.dropFirst() }
            lines.append(String(content))
        }
        guard inside else { return nil }
        return (lines.joined(separator: "\n") + "\n", "\(folder)/\(name)")
    }
}


/// `folio check`'s companion checks: demos still run and print what the posts show; with `--strict`, every
/// region is used by some post.
struct CompanionChecker {
    var companions: Companions
    var files: ProjectFiles
    var commands: Commands

    func checkDemos(_ uses: [DemoUse]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var outputs: [String: Result<DemoRunner.Run, Error>] = [:]
        let runner = DemoRunner(files: files, commands: commands)
        for use in uses {
            guard let companion = companions.entries.first(where: { $0.config.name == use.companion })?.config else { continue }
            let key = "\(use.companion)/\(use.name)"
            if outputs[key] == nil { outputs[key] = Result { try runner.run(use.name, companion: companion) } }
            switch outputs[key]! {
            case .failure(let error):
                diagnostics.append(.error("demo '\(use.name)' could not run: \(error)", at: use.location))
            case .success(let run) where run.status != 0:
                let detail = run.errorOutput.split(separator: "\n").suffix(5).map { "    " + $0 }.joined(separator: "\n")
                diagnostics.append(.error("demo '\(use.name)' failed with exit status \(run.status)\n\(detail)", at: use.location))
            case .success(let run):
                let pinned = runner.pinnedOutput(of: use.name, companion: companion)
                // An output fence is checked through its demo's pin, as before; a chart always against the demo.
                guard pinned != nil || use.isChart else { continue }
                if let pinned, run.output != pinned.text {
                    diagnostics.append(.error(
                        "demo '\(use.name)' no longer prints the output pinned in \(pinned.path)\n"
                            + SnippetIncludes.diff(expected: lines(pinned.text), actual: run.output,
                                                   labels: ("pinned", "printed now")),
                        at: use.location))
                } else if let stored = use.stored, stored != run.output {
                    diagnostics.append(.error(
                        "the output of demo '\(use.name)' shown here is stale; run 'folio snippets sync'\n"
                            + SnippetIncludes.diff(expected: lines(run.output), actual: stored,
                                                   labels: ("printed now", "shown in the post")),
                        at: use.location))
                }
            }
        }
        return diagnostics
    }

    func unusedRegions(_ uses: Set<SnippetUse>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for entry in companions.entries {
            for (path, file) in entry.files.sorted(by: { $0.key < $1.key }) {
                for region in file.regions.values.sorted(by: { $0.markerLine < $1.markerLine })
                where !uses.contains(SnippetUse(companion: entry.config.name, path: path, region: region.name)) {
                    diagnostics.append(.error(
                        "region '\(region.name)' is not included by any post (--strict)",
                        at: SourceLocation(path: "\(entry.config.root)/\(path)", line: region.markerLine)))
                }
            }
        }
        return diagnostics
    }

    private func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }
}
