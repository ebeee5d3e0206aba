// A save that leaves a file's bytes as they were (`touch`, an editor saving unchanged text) starts no build;
// the next real change still does. The digests on their own, then through a running server.
import Folio
import Foundation
import Synchronization
import Testing
@testable import FolioServer

/// The engine's build, counted; and the server's log lines, kept.
final class CountingBuild: Sendable {
    private let state = Mutex((builds: 0, lines: [String]()))

    var builds: Int { state.withLock { $0.builds } }
    var lines: [String] { state.withLock { $0.lines } }

    func build(_ options: BuildOptions, _ cache: RenderCache, _ isCancelled: @escaping @Sendable () -> Bool)
        -> BuildResult
    {
        state.withLock { $0.builds += 1 }
        return Pipeline.buildInMemory(options, cache: cache, isCancelled: isCancelled)
    }

    func log(_ line: String) { state.withLock { $0.lines.append(line) } }

    func linesContaining(_ text: String) -> Int { lines.count { $0.contains(text) } }
}

@Suite(.serialized) struct UnchangedSaveTests {
    @Test func theDigestsTellRealChangesFromSavesOfTheSameBytes() throws {
        let root = NSTemporaryDirectory() + "folio-digests-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let post = root + "/posts/a.md"
        try ServedSite.write("first", to: post)
        var digests = SourceDigests()
        digests.seed(folder: root)
        digests.seed(folder: root + "/posts")

        try ServedSite.write("first", to: post)
        #expect(digests.changes(in: [post]).isEmpty, "same bytes")
        try ServedSite.write("second", to: post)
        #expect(digests.changes(in: [post]) == [post])
        #expect(digests.changes(in: [post]).isEmpty, "recorded after the burst")

        // An editor's probe file, created and deleted within one burst.
        #expect(digests.changes(in: [root + "/posts/4913"]).isEmpty)

        // A new folder is a change, and its files are recorded as they are now.
        let new = root + "/series/new/01-b.md"
        try ServedSite.write("b", to: new)
        #expect(digests.changes(in: [root + "/series"]) == [root + "/series"])
        try ServedSite.write("b", to: new)
        #expect(digests.changes(in: [new]).isEmpty)

        // A folder moved away takes its files with it; a file that comes back at the same path is new again.
        try FileManager.default.removeItem(atPath: root + "/series")
        #expect(digests.changes(in: [root + "/series"]) == [root + "/series"])
        try ServedSite.write("b", to: new)
        #expect(digests.changes(in: [new]) == [new])

        try FileManager.default.removeItem(atPath: post)
        #expect(digests.changes(in: [post]) == [post], "a deleted file is a change")
    }

    @Test func touchingOrResavingAPostStartsNoBuildButAnEditDoes() async throws {
        let counting = CountingBuild()
        let site = try await ServedSite.start(LiveReloadTests.files) { options in
            options.build = counting.build
            options.log = counting.log
        }
        defer { Task { await site.stop() } }
        let events = try await site.events()
        #expect(counting.builds == 1)

        let post = site.root + "/Content/posts/hello.md"
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: post)
        #expect(await eventually(within: .seconds(5)) { counting.linesContaining("saved unchanged") == 1 })
        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "First version."))
        #expect(await eventually(within: .seconds(5)) { counting.linesContaining("saved unchanged") == 2 })
        try site.write("Themes/default/templates/layout.mustache",
                       try String(contentsOfFile: site.root + "/Themes/default/templates/layout.mustache", encoding: .utf8))
        #expect(await eventually(within: .seconds(5)) { counting.linesContaining("saved unchanged") == 3 })
        #expect(counting.builds == 1, "no build for bytes that did not change")
        #expect(!counting.lines.contains { $0.contains("build 2") })

        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "Second version."))
        let reload = try #require(try await events.next(named: "reload", timeout: .seconds(10)))
        #expect(reload.data == "2", "the unchanged saves were not counted as builds")
        #expect(counting.builds == 2)
        #expect(try await site.get("/posts/hello/").text.contains("Second version."))
    }
}
