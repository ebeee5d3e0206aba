// `folio`: argument parsing only; the work happens in the Folio library.
import ArgumentParser
import Folio
import Foundation

@main
struct FolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Build a static site from Markdown in Content/ and a theme in Themes/.",
        discussion: """
            Run from the project root or any folder below it: Folio looks upward for Content/site.yml. \
            Problems are reported as path:line:col: error|warning: message, all of them in one run.
            """,
        version: Folio.version,
        subcommands: [Build.self, Serve.self, Check.self, Render.self, New.self, Snippets.self, Verify.self, Export.self, Publish.self, BenchHighlight.self, BenchDiagrams.self],
        defaultSubcommand: nil
    )
}

/// Finds the project root or stops with a clear message.
func projectRoot() throws -> String {
    let cwd = FileManager.default.currentDirectoryPath
    guard let root = ProjectFiles.findRoot(from: cwd) else {
        throw ValidationError("no Content/site.yml in \(cwd) or any folder above it; run folio inside a Folio project")
    }
    return root
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// Prints diagnostics and the summary line; returns false when the build failed.
func report(_ report: BuildReport, verb: String, noun: String) -> Bool {
    var stderr = StandardError()
    for diagnostic in report.diagnostics { print(diagnostic, to: &stderr) }
    let errors = report.diagnostics.errorCount, warnings = report.diagnostics.warningCount
    let steps = report.timings.map { "\($0.step) \(milliseconds($0.seconds))" }.joined(separator: " · ")
    if errors > 0 {
        print("folio: \(noun) failed with \(plural(errors, "error"))\(warnings > 0 ? " and \(plural(warnings, "warning"))" : "");"
              + " nothing was written", to: &stderr)
        let skipped = report.steps.filter { $0.skipped != nil }
        if let first = skipped.first, let reason = first.skipped {
            print("       skipped \(skipped.map(\.name).joined(separator: ", ")): \(reason)", to: &stderr)
        }
        return false
    }
    var line = "folio: \(verb) \(plural(report.pagesRendered, "page")) in \(milliseconds(report.totalSeconds))"
    if let output = report.outputPath { line += " → \(output) (\(plural(report.filesWritten, "file")))" }
    if warnings > 0 { line += ", \(plural(warnings, "warning"))" }
    print(line)
    print("       \(steps)")
    return true
}

func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

func milliseconds(_ seconds: Double) -> String {
    seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.0f ms", seconds * 1000)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder (public/ by default).",
        discussion: """
            The site is written to a staging folder and swapped in only when the whole build succeeded, so a \
            failed build leaves the previous site as it was. Folio only replaces an output folder it wrote itself, \
            and never one holding files it did not write.
            """)

    @Option(name: .shortAndLong, help: "Output folder, relative to the project root or absolute.")
    var output = "public"

    @Flag(help: "Include posts and pages marked 'draft: true'.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: "Override base_url from site.yml, e.g. https://staging.example.com/.")
    var baseURL: String?

    @Flag(name: .shortAndLong, help: "Print each step as it finishes.")
    var verbose = false

    func run() throws {
        var options = BuildOptions(root: try projectRoot())
        options.output = output
        options.includeDrafts = drafts
        options.baseURL = baseURL
        let verbose = verbose
        let result = Pipeline.build(options, endsTheProcess: true) { step, seconds in
            if verbose { print("  \(step.padding(toLength: 8, withPad: " ", startingAt: 0)) \(milliseconds(seconds))") }
        }
        guard report(result, verb: "built", noun: "build") else { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every step of a build except writing, and enforce the code-block policy.",
        discussion: """
            Reports every problem a build would, writes nothing, and also: a fence in a language that has a \
            companion must include companion code (snippet="...") or be marked 'illustrative'; demos whose output \
            posts show are run again and must still succeed and print their pinned output.
            """)

    @Flag(help: "Include posts and pages marked 'draft: true'.")
    var drafts = false

    @Flag(help: "Also fail on companion regions that no post includes.")
    var strict = false

    func run() throws {
        var options = BuildOptions(root: try projectRoot())
        options.includeDrafts = drafts
        options.writeOutput = false
        options.enforceCodePolicy = true
        options.strict = strict
        options.commands = .system
        guard report(Pipeline.build(options), verb: "checked", noun: "check") else { throw ExitCode(1) }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one Markdown file (or standard input) to an HTML fragment on standard output.",
        discussion: "Applies every Markdown transform: tables, heading ids, callouts, link attributes. Run it in a "
            + "project: the markup of callouts, headings and code comes from Themes/default/templates/markup/.")

    @Argument(help: "A Markdown file; omit it or pass - to read standard input.")
    var file: String?

    func run() throws {
        let bytes: Data
        let name: String
        if let file, file != "-" {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            bytes = data
            name = file
        } else {
            bytes = FileHandle.standardInput.readDataToEndOfFile()
            name = "<stdin>"
        }
        var stderr = StandardError()
        // The HTML of callouts, headings, code... is the theme's: the project's default theme writes it.
        let (markup, problems) = MarkupTemplates.load(root: try projectRoot())
        guard let markup else {
            for diagnostic in problems { print(diagnostic, to: &stderr) }
            throw ExitCode(1)
        }
        let rendered = Folio.renderFragment(bytes: bytes, displayPath: name, markup: markup)
        for diagnostic in rendered.diagnostics { print(diagnostic, to: &stderr) }
        FileHandle.standardOutput.write(Data(rendered.html.utf8))
        if rendered.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create new content with valid front matter.",
        subcommands: [NewPostCommand.self])
}

struct NewPostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Create a draft post: Content/posts/<slug>.md, or the next part of a series.",
        discussion: "The file gets today's date and 'draft: true'. An existing file is never overwritten.")

    @Argument(help: "The post's title, e.g. \"Retries and dead-letter queues\".")
    var title: String

    @Option(help: "Slug of a series folder under Content/series/; the post becomes its next part.")
    var series: String?

    func run() throws {
        do {
            let path = try NewPost(root: try projectRoot(), title: title, series: series).create()
            print("created \(path)")
        } catch let failure as NewPost.Failure {
            var stderr = StandardError()
            print("folio: error: \(failure)", to: &stderr)
            throw ExitCode(1)
        }
    }
}

struct Snippets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with code included from companions.",
        subcommands: [SnippetsSync.self])
}

struct SnippetsSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Rewrite every include fence's body from its source region, and capture demo output.",
        discussion: """
            Fences with snippet="path#region" get the region's current text as their body, so the Markdown reads \
            well anywhere. A fence with output="demo" runs the demo and stores what it prints in an 'output' fence \
            right after it.
            """)

    @Flag(name: .customLong("no-output"), help: "Do not run demos; only update the code in the fences.")
    var noOutput = false

    func run() throws {
        var sync = SnippetSync(root: try projectRoot())
        sync.captureOutput = !noOutput
        let result = sync.run()
        var stderr = StandardError()
        for diagnostic in result.diagnostics.sortedForDisplay() { print(diagnostic, to: &stderr) }
        for file in result.filesChanged { print("updated \(file)") }
        print("folio: synced \(plural(result.fencesUpdated, "fence")) and \(plural(result.outputsCaptured, "output")) "
              + "in \(plural(result.filesChanged.count, "file"))")
        if result.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run each companion's verify command from site.yml (its build and tests).")

    func run() throws {
        let root = try projectRoot()
        let results = CompanionVerifier(root: root).run { name, command in print("folio: verifying \(name): \(command)") }
        var failed = false
        for result in results {
            if result.status == 0 {
                print("folio: companion '\(result.name)' verified")
            } else {
                failed = true
                var stderr = StandardError()
                print("folio: error: companion '\(result.name)' failed (exit status \(result.status)): \(result.command)",
                      to: &stderr)
            }
        }
        if results.isEmpty { print("folio: site.yml declares no companions with a verify command") }
        if failed { throw ExitCode(1) }
    }
}

struct BenchHighlight: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-highlight",
        abstract: "Measure highlighting throughput per language (used by make bench).",
        shouldDisplay: false)

    @Argument(help: "A folder of samples named <language>.txt.")
    var samples: String

    @Option(help: "Megabytes of code per language.")
    var megabytes: Double = 4

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".txt") }
        var texts: [String: String] = [:]
        for name in names {
            texts[String(name.dropLast(4))] = try String(contentsOfFile: "\(samples)/\(name)", encoding: .utf8)
        }
        print("language        MB      seconds   MB/s")
        for result in HighlightBenchmark.run(samples: texts, megabytes: megabytes) {
            let name = result.language.padding(toLength: 14, withPad: " ", startingAt: 0)
            print(name + String(format: " %6.1f %9.3f %7.1f", result.megabytes, result.seconds, result.megabytesPerSecond))
        }
    }
}

struct BenchDiagrams: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-diagrams",
        abstract: "Measure diagram rendering (used by make bench).",
        shouldDisplay: false)

    @Argument(help: "A folder of Mermaid sources named <name>.mmd, drawn too.")
    var samples: String?

    func run() throws {
        var extra: [String: String] = [:]
        if let samples {
            for name in try FileManager.default.contentsOfDirectory(atPath: samples) where name.hasSuffix(".mmd") {
                extra[name] = try String(contentsOfFile: "\(samples)/\(name)", encoding: .utf8)
            }
        }
        print("set                                       diagrams  seconds  diagrams/s  median ms")
        for result in DiagramBenchmark.run(extra: extra) {
            let name = result.name.padding(toLength: 40, withPad: " ", startingAt: 0)
            print(name + String(format: " %9d %8.3f %11.0f %10.3f", result.diagrams, result.seconds,
                                result.perSecond, result.medianMilliseconds))
        }
    }
}
