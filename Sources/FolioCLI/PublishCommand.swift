// `folio publish devto`: the export, sent to dev.to as drafts through FolioPublish. The API key is read from
// DEVTO_API_KEY by FolioPublish and never passes through here.
import ArgumentParser
import Folio
import FolioPublish
import Foundation

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish posts to other platforms.", subcommands: [PublishDevto.self])
}

struct PublishDevto: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devto",
        abstract: "Create or update your dev.to drafts from the published posts (README: \"Sharing\").",
        discussion: """
            Needs DEVTO_API_KEY. An article with the post's canonical_url is updated, never duplicated; an \
            unchanged one is not sent. New articles are drafts (published: false). --dry-run lists your \
            articles (a read) and prints what it would create or update, sending no change.
            """)

    @Argument(help: "Posts to publish, by slug or path (default: every published post).")
    var posts: [String] = []

    @Flag(help: "Print what would be created or updated; change nothing on dev.to.")
    var dryRun = false

    func run() async throws {
        var stderr = StandardError()
        let export = DevtoExport.articles(BuildOptions(root: try projectRoot()), posts: posts)
        for diagnostic in export.diagnostics { print(diagnostic, to: &stderr) }
        guard !export.diagnostics.hasErrors else {
            print("folio: publish failed: the export has errors; nothing was sent", to: &stderr)
            throw ExitCode(1)
        }
        let outcomes: [DevtoPublisher.Outcome]
        do {
            outcomes = try await send(export.articles)
        } catch {
            print("folio: error: \(error)", to: &stderr)  // a ForemError: one line, never the key
            throw ExitCode(1)
        }
        for outcome in outcomes { print(outcome.line) }
        let failed = outcomes.filter { !$0.succeeded }
        if !failed.isEmpty {
            print("folio: \(plural(failed.count, "post")) not published; run the command again to finish", to: &stderr)
            throw ExitCode(1)
        }
    }

    /// Untyped on purpose: Swift 6.3 crashes compiling a typed `catch` here.
    private func send(_ articles: [DevtoArticle]) async throws -> [DevtoPublisher.Outcome] {
        try await DevtoPublisher(client: try ForemClient.fromEnvironment()).publish(articles, dryRun: dryRun)
    }
}
