// The `folio` executable as a user runs it: exit codes, standard output and standard error.
import Foundation
import Testing

@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable `swift build` put next to this test bundle.
    static var executable: String {
        let root = TestSite.repositoryRoot
        for configuration in ["debug", "release"] where FileManager.default.isExecutableFile(atPath: "\(root)/.build/\(configuration)/folio") {
            return "\(root)/.build/\(configuration)/folio"
        }
        return "\(root)/.build/debug/folio"
    }

    func folio(_ arguments: [String], in directory: String, input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func renderReadsStandardInput() throws {
        let site = try TestSite()
        defer { site.destroy() }
        let run = try folio(["render"], in: site.root, input: "## Hi\n\n> [!TIP]\n> Yes.\n")
        #expect(run.status == 0)
        #expect(run.stdout.contains("<h2 id=\"hi\">Hi<a class=\"heading-anchor\""))
        #expect(run.stdout.contains("<div class=\"callout callout-tip\""))
    }

    @Test func renderOutsideAProjectSaysWhereTheMarkupComesFrom() throws {
        let folder = NSTemporaryDirectory() + "folio-render-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try folio(["render"], in: folder, input: "Hi\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("no Content/site.yml in") && run.stderr.contains("run folio inside a Folio project"))
    }

    @Test func renderReadsAFile() throws {
        let site = try TestSite(["notes.md": "| a |\n|---|\n| 1 |\n"])
        defer { site.destroy() }
        let run = try folio(["render", "notes.md"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stdout.contains("<td>1</td>"))
    }

    @Test func buildWorksFromASubfolderAndSummarises() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        let run = try folio(["build"], in: site.root + "/Content/posts")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("folio: built "))
        #expect(run.stdout.contains("load ") && run.stdout.contains("render ") && run.stdout.contains("swap "))
        #expect(site.exists("public/posts/a/index.html"))
    }

    @Test func failedBuildPrintsEveryDiagnosticAndExitsWithOne() throws {
        let site = try TestSite([
            "Content/posts/a.md": "---\ndate: 2024-01-01\n---\nx\n",
            "Content/posts/b.md": post("B", body: "[x](nope.md)"),
        ])
        defer { site.destroy() }
        let run = try folio(["build"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Content/posts/a.md:2:1: error: missing required key 'title' in front matter
            Content/posts/b.md:6:1: error: link to 'nope.md' does not match any Markdown file (looked for Content/posts/nope.md)
            folio: build failed with 2 errors; nothing was written
                   skipped compose, images, swap: earlier steps reported errors

            """)
        #expect(!site.exists("public"))
    }

    @Test func outsideAProjectItSaysWhy() throws {
        let empty = NSTemporaryDirectory() + "folio-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let run = try folio(["build"], in: empty)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no Content/site.yml in"))
    }

    @Test func newPostCreatesAValidDraftAndNeverOverwrites() throws {
        let site = try TestSite(["Content/series/outbox/series.yml": "title: Outbox\n",
                                 "Content/series/outbox/01-first.md": post("First")])
        defer { site.destroy() }
        let first = try folio(["new", "post", "Retries: with \"backoff\"", "--series", "outbox"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "created Content/series/outbox/02-retries-with-backoff.md\n")
        let text = try site.read("Content/series/outbox/02-retries-with-backoff.md")
        #expect(text.contains("title: \"Retries: with \\\"backoff\\\"\"\n"))
        #expect(text.contains("part: 2\ndraft: true\n"))
        let report = site.build(drafts: true)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(try site.read("public/posts/retries-with-backoff/index.html").contains("Retries: with &quot;backoff&quot;"))

        let again = try folio(["new", "post", "Retries: with \"backoff\"", "--series", "outbox"], in: site.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has the slug 'retries-with-backoff'"))
        let unknown = try folio(["new", "post", "X", "--series", "outbx"], in: site.root)
        #expect(unknown.stderr == "folio: error: unknown series 'outbx'; did you mean 'outbox'?\n")
    }

    @Test func versionAndHelp() throws {
        let version = try folio(["--version"], in: NSTemporaryDirectory())
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try folio(["--help"], in: NSTemporaryDirectory())
        for command in ["build", "check", "render", "new"] { #expect(help.stdout.contains("  \(command) ")) }
    }
}
