// Compose hands each page to a sink as soon as it is made (`PageComposer.run`), and a real build's sink writes it
// into the staging folder at once (`StagingFolder`), listing it in the marker first: a build holds a page per core,
// not the whole site, and whatever a killed build leaves behind is provably Folio's. A one-off build goes further:
// load keeps no document's text (render reads each again), and each post's page is made as soon as the post is
// rendered, so only the HTML that other pages show is held until compose.
import Foundation
import Testing
@testable import Folio

@Suite struct StreamingOutputTests {
    /// What happened, in order, on each thread.
    final class Events: SiteSink, @unchecked Sendable {  // `log` only under `lock`
        private let lock = NSLock()
        private var log: [String: [String]] = [:]

        func note(_ event: String) {
            let thread = "\(pthread_self())"
            lock.withLock { log[thread, default: []].append(event) }
        }

        func add(_ file: OutputFile) { note("added \(file.path)") }
        func add(_ copy: OutputFolder.Copy) { note("copied \(copy.destination)") }
        var byThread: [[String]] { lock.withLock { Array(log.values) } }
    }

    @Test func eachPageGoesToTheSinkBeforeItsThreadComposesAnother() {
        let events = Events()
        let jobs: [@Sendable () throws -> PageComposer.Made] = (0..<200).map { index in
            {
                events.note("composed page-\(index)")
                return .init(file: OutputFile(path: "page-\(index)", contents: Data(repeating: 0x61, count: 10_000)))
            }
        }
        let results = PageComposer.run(jobs, to: events)
        #expect(results.compactMap { try? $0.get().file.path } == (0..<200).map { "page-\($0)" })
        #expect(results.allSatisfy { (try? $0.get().file.contents.isEmpty) == true },
                "once a page is in the sink, compose holds none of its bytes")
        var seen = 0
        for log in events.byThread {
            #expect(log.count % 2 == 0, "\(log)")
            for pair in stride(from: 0, to: log.count - 1, by: 2) {
                let composed = log[pair].dropFirst("composed ".count)
                #expect(log[pair].hasPrefix("composed ") && log[pair + 1] == "added \(composed)", "\(log)")
                seen += 1
            }
        }
        #expect(seen == 200)
    }

    @Test func theHeaviestJobsStartFirstAndTheResultsKeepTheJobsOrder() {
        let events = Events()
        let weights = (0..<40).map { $0 == 7 ? 1_000 : $0 == 30 ? 500 : $0 % 3 }
        let jobs: [@Sendable () throws -> PageComposer.Made] = (0..<40).map { index in
            {
                events.note("composed page-\(index)")
                return .init(file: OutputFile(path: "page-\(index)", contents: Data()))
            }
        }
        let results = PageComposer.run(jobs, to: events, heaviestFirst: weights)
        #expect(results.compactMap { try? $0.get().file.path } == (0..<40).map { "page-\($0)" })
        // Each thread starts jobs in the order of the sorted list: the two heaviest are each the first job of a
        // thread, or the first two of the only thread that ran.
        let firsts = events.byThread.map { Array($0.filter { $0.hasPrefix("composed ") }.prefix(2)) }
        let started = Set(firsts.count == 1 ? firsts[0] : firsts.compactMap(\.first))
        #expect(started.isSuperset(of: ["composed page-7"]), "\(events.byThread)")
        #expect(firsts.flatMap { $0 }.contains("composed page-30"), "\(events.byThread)")
    }

    @Test func aJobThatFailsIsReportedAndTheOthersStillReachTheSink() {
        let events = Events()
        let jobs: [@Sendable () throws -> PageComposer.Made] = [
            { .init(file: OutputFile(path: "a", contents: Data())) },
            { throw Diagnostic.error("no template", at: SourceLocation(path: "Themes/t/templates/x.mustache")) },
            { .init(file: OutputFile(path: "c", contents: Data())) },
        ]
        let results = PageComposer.run(jobs, to: events)
        #expect(results.map { (try? $0.get().file.path) ?? "failed" } == ["a", "failed", "c"])
        #expect(Set(events.byThread.flatMap { $0 }) == ["added a", "added c"])
    }

    @Test func aOneOffBuildKeepsNoTextAndOnlyTheHTMLThatOtherPagesShow() throws {
        let site = try TestSite([
            "Content/site.yml": TestSite.siteConfig + "\nfeed_limit: 1\n",
            "Content/pages/index.md": "---\ntitle: Home\n---\n\nWelcome *home*.\n",
            "Content/posts/old.md": post("Old", date: "2024-01-01", body: "Old body."),
            "Content/posts/new.md": post("New", date: "2024-05-01", body: "New body."),
        ])
        defer { site.destroy() }
        let (report, products) = Pipeline.run(BuildOptions(root: site.root))
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let documents = try #require(products.project).content.documents
        #expect(documents.count == 3)
        #expect(documents.allSatisfy { $0.body.isEmpty && $0.bodyLocation != nil }, "load kept no document's text")
        let html = Dictionary(uniqueKeysWithValues: try #require(products.rendered).documents.map {
            ($0.document.title, $0.markdown.html)
        })
        #expect(html["Old"] == "", "only its own page shows it, and that page is made")
        #expect(html["New"]?.contains("New body.") == true, "the feeds show it")
        #expect(html["Home"]?.contains("<em>home</em>") == true, "the home page shows it")
        #expect(try site.read("public/posts/old/index.html").contains("Old body."))
        #expect(try site.read("public/feed.xml").contains("New body."))
        #expect(!(try site.read("public/feed.xml").contains("Old body.")))
        #expect(try site.read("public/index.html").contains("<em>home</em>"))
        // The same files as a build that keeps every text and composes every page in `compose`.
        var options = BuildOptions(root: site.root)
        options.output = "kept"
        _ = Pipeline.run(options, cache: RenderCache())
        #expect(site.snapshot("kept") == site.snapshot("public"))
    }

    @Test func aDocumentThatChangesBetweenLoadAndRenderIsAnError() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: "First.")])
        defer { site.destroy() }
        let (kept, located, bodies) = loadedBothWays(site)
        #expect(located.map(\.body) == [""])
        #expect(bodies.take(0) == Array(kept[0].body.utf8), "read again, the body is the one load would have kept")
        #expect(bodies.diagnostics.isEmpty)
        try site.write("Content/posts/a.md", post("A", body: "Second, and longer."))
        #expect(bodies.take(0).isEmpty, "never half one version and half another")
        #expect(bodies.diagnostics.map(\.description)
            == ["Content/posts/a.md:1:1: error: this file changed while Folio was building the site; build again"])
        try site.remove("Content/posts/a.md")
        #expect(bodies.take(0).isEmpty)
        #expect(bodies.diagnostics.count == 2, "a file deleted meanwhile is reported too: \(bodies.diagnostics)")
    }

    @Test func aBodyIsReadAgainFromWhereTheFrontMatterEnds() throws {
        // Only the body's bytes are read the second time: none of the front matter, all of a body with
        // multi-byte characters, and nothing at all for a document that is only front matter.
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: "Ünïcödé — to the last byte: 😀"),
            "Content/posts/b.md": "---\ntitle: B\ndate: 2024-01-01\n---\n",
        ])
        defer { site.destroy() }
        let (kept, located, bodies) = loadedBothWays(site)
        for index in located.indices {
            #expect(bodies.take(index) == Array(kept[index].body.utf8), "\(located[index].displayPath)")
        }
        #expect(bodies.diagnostics.isEmpty, "\(bodies.diagnostics)")
    }

    /// The site's documents loaded keeping their texts and without them, and the bodies render would take from
    /// the second load (read again from the files).
    private func loadedBothWays(_ site: TestSite) -> (kept: [Document], located: [Document], bodies: Bodies) {
        let files = ProjectFiles(root: site.root)
        var diagnostics: [Diagnostic] = []
        let kept = ContentLoader(files: files).load(into: &diagnostics).documents
        let located = ContentLoader(files: files, keepsBodies: false).load(into: &diagnostics).documents
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return (kept, located, Bodies(located, files: files))
    }

    /// A throwaway folder with an output folder path inside it.
    func scratch() throws -> String {
        let base = NSTemporaryDirectory() + "folio-staging-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }

    @Test func theMarkerListsEachFileBeforeTheBuildEndsAndIsSortedWhenItIs() throws {
        let base = try scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let output = OutputFolder(path: base + "/public", displayPath: "public")
        let staging = try output.stage()
        try staging.add(OutputFile(path: "posts/b/index.html", contents: Data("b".utf8)))
        try staging.add(OutputFile(path: "index.html", contents: Data("home".utf8)))
        let marker = try String(contentsOfFile: staging.path + "/.folio-output", encoding: .utf8)
        #expect(marker == OutputFolder.markerHeader + "\nposts/b/index.html\nindex.html\n")
        #expect(try String(contentsOfFile: staging.path + "/posts/b/index.html", encoding: .utf8) == "b")
        #expect(try output.publish(staging) == 2)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(try String(contentsOfFile: base + "/public/.folio-output", encoding: .utf8)
            == OutputFolder.markerHeader + "\nindex.html\nposts/b/index.html\n")
        #expect(try String(contentsOfFile: base + "/public/index.html", encoding: .utf8) == "home")
    }

    @Test func announcedFilesAreListedAtOnceAndTheFinishedMarkerListsOnlyTheFilesWritten() throws {
        let base = try scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let output = OutputFolder(path: base + "/public", displayPath: "public")
        let staging = try output.stage()
        try staging.announce(["posts/a/index.html", "posts/b/index.html"])
        try staging.announce(["posts/b/index.html"])  // listed once, however often it is announced
        let header = OutputFolder.markerHeader + "\n"
        #expect(try String(contentsOfFile: staging.path + "/.folio-output", encoding: .utf8)
            == header + "posts/a/index.html\nposts/b/index.html\n", "listed before any file exists")
        try staging.add(OutputFile(path: "posts/b/index.html", contents: Data("b".utf8)))
        try staging.add(OutputFile(path: "index.html", contents: Data("home".utf8)))
        #expect(try String(contentsOfFile: staging.path + "/.folio-output", encoding: .utf8)
            == header + "posts/a/index.html\nposts/b/index.html\nindex.html\n", "an announced file is not listed again")
        #expect(try output.publish(staging) == 2)
        #expect(try String(contentsOfFile: base + "/public/.folio-output", encoding: .utf8)
            == header + "index.html\nposts/b/index.html\n", "the file announced and never written is not listed")
    }

    @Test func filesAddedFromManyThreadsIntoSharedNewFoldersAreAllWritten() throws {
        let base = try scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let output = OutputFolder(path: base + "/public", displayPath: "public")
        let staging = try output.stage()
        // Every thread races to make the same few parent folders first.
        let paths = (0..<400).map { "tags/t\($0 % 7)/page/\($0 % 3)/p\($0)/index.html" }
        let failures = paths.parallelMap { path -> String? in
            do {
                try staging.add(OutputFile(path: path, contents: Data(path.utf8)))
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(failures.compactMap { $0 }.isEmpty, "\(failures.compactMap { $0 }.prefix(3))")
        #expect(try output.publish(staging) == paths.count)
        for path in paths {
            #expect(try String(contentsOfFile: base + "/public/" + path, encoding: .utf8) == path)
        }
    }

    @Test func aStagingFolderAKilledBuildLeftHalfWrittenIsRemovedByTheNextBuild() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        site.build()
        let before = try site.read("public/posts/a/index.html")
        let output = OutputFolder(path: site.root + "/public", displayPath: "public")
        let killed = try output.stage()  // a build killed after two files and before its swap
        try killed.add(OutputFile(path: "index.html", contents: Data("half".utf8)))
        try killed.add(OutputFile(path: "posts/a/index.html", contents: Data("half".utf8)))
        #expect(FileManager.default.fileExists(atPath: killed.path))
        #expect(try site.read("public/posts/a/index.html") == before, "the site is untouched until the swap")
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: killed.path))
        #expect(try site.read("public/posts/a/index.html") == before)
    }

    @Test func aFileThatCannotBeWrittenIsAnErrorAtTheOutputFolder() throws {
        let base = try scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let output = OutputFolder(path: base + "/public", displayPath: "public")
        let staging = try output.stage()
        defer { staging.discard() }
        try staging.add(OutputFile(path: "feed", contents: Data("a file".utf8)))
        var problem: Diagnostic?
        do {
            try staging.add(OutputFile(path: "feed/index.html", contents: Data()))
        } catch {
            problem = error as? Diagnostic
        }
        #expect(problem?.description == "public:1:1: error: could not write the site: feed: File exists")
    }

    @Test func anInMemoryBuildKeepsEveryPageAndACheckKeepsNone() throws {
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/posts/b.md": post("B")])
        defer { site.destroy() }
        var options = BuildOptions(root: site.root)
        options.writeOutput = false
        let (kept, keeping) = Pipeline.run(options, keepsOutput: true)
        let (checked, checking) = Pipeline.run(options)
        #expect(kept.pagesRendered == checked.pagesRendered && kept.pagesRendered > 2)
        #expect(keeping.kept?.pages.map(\.path) == keeping.output?.paths.sorted())
        #expect(checking.kept == nil && checking.output?.paths == keeping.output?.paths)
        #expect(!site.exists("public"))
    }
}

@Suite struct UnchangedPageTests {
    func inode(_ path: String) throws -> UInt64 {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw OutputError(message: "no \(path)") }
        return UInt64(status.st_ino)
    }

    @Test func aRebuildLinksUnchangedPagesAndWritesChangedOnes() throws {
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/posts/b.md": post("B")])
        defer { site.destroy() }
        site.build()
        let unchanged = try inode(site.root + "/public/posts/a/index.html")
        let changed = try inode(site.root + "/public/posts/b/index.html")
        try site.write("Content/posts/b.md", post("B", body: "Edited."))
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(try inode(site.root + "/public/posts/a/index.html") == unchanged)
        #expect(try inode(site.root + "/public/posts/b/index.html") != changed)
        #expect(try site.read("public/posts/b/index.html").contains("Edited."))
    }

    @Test func anOldPageThatIsASymbolicLinkIsWrittenNotLinked() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")])
        defer { site.destroy() }
        site.build()
        let page = site.root + "/public/posts/a/index.html"
        let elsewhere = site.root + "/elsewhere.html"
        try FileManager.default.moveItem(atPath: page, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: page, withDestinationPath: elsewhere)
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let attributes = try FileManager.default.attributesOfItem(atPath: page)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try inode(page) != inode(elsewhere))
        #expect(try site.read("public/posts/a/index.html") == site.read("elsewhere.html"))
    }
}
