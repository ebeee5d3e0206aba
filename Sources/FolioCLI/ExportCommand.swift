// `folio export devto`: dev.to-ready Markdown files, one per published post. Nothing is sent anywhere.
import ArgumentParser
import Folio
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export posts for other platforms.", subcommands: [ExportDevto.self])
}

struct ExportDevto: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devto",
        abstract: "Write one dev.to-ready Markdown file per published post (README: \"Sharing\").",
        discussion: """
            Snippet includes become plain code, Mermaid diagrams their PNG on the site, callouts block quotes, \
            relative links absolute URLs on the site. Each file is a draft (published: false) whose \
            canonical_url is the post on the site.
            """)

    @Argument(help: "Posts to export, by slug or path (default: every published post).")
    var posts: [String] = []

    @Option(name: .shortAndLong, help: "Folder to write the files into (created if missing).")
    var output: String

    func run() throws {
        let result = DevtoExport.articles(BuildOptions(root: try projectRoot()), posts: posts)
        var stderr = StandardError()
        for diagnostic in result.diagnostics { print(diagnostic, to: &stderr) }
        guard !result.diagnostics.hasErrors else {
            print("folio: export failed with \(plural(result.diagnostics.errorCount, "error")); nothing was written",
                  to: &stderr)
            throw ExitCode(1)
        }
        let written = try DevtoExport.write(result.articles, to: output)
        print("folio: exported \(plural(written.count, "post")) → \(output)")
    }
}
