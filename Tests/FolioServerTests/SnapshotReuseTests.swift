// Folding a build into the served site re-reads only copies whose source changed on disk, and re-wraps only
// pages whose bytes changed; what it serves is the same either way.
import Folio
import Foundation
import Synchronization
import Testing
@testable import FolioServer

struct SnapshotReuseTests {
    @Test func unchangedCopiesAreNotReadAgainAndChangedOnesAre() throws {
        let root = try ServedSite.makeProject(LiveReloadTests.files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = BuildOptions(root: root)
        let first = Pipeline.buildInMemory(options)
        let copy = try #require(first.copies.first { $0.destination.hasSuffix(".js") })
        let reads = Mutex(0)
        let counting: (CopiedFile) throws -> Data = { copy in
            reads.withLock { $0 += 1 }
            return try SiteSnapshot.read(copy)
        }

        let served = SiteSnapshot().applying(first, diagnostics: [], number: 1, readCopy: counting)
        #expect(reads.withLock { $0 } == first.copies.count)
        let again = served.snapshot.applying(Pipeline.buildInMemory(options, cache: first.renderCache),
                                             diagnostics: [], number: 2, readCopy: counting)
        #expect(reads.withLock { $0 } == first.copies.count, "nothing read again")
        #expect(again.changed.isEmpty)
        #expect(again.snapshot.files.count == served.snapshot.files.count)
        #expect(again.snapshot.files["index.html"]?.etag == served.snapshot.files["index.html"]?.etag)

        try Data("// changed\n".utf8).write(to: URL(fileURLWithPath: copy.source))
        try ServedSite.write(ServedSite.post("Hello there", body: "Second version."), to: root + "/Content/posts/hello.md")
        let third = again.snapshot.applying(Pipeline.buildInMemory(options), diagnostics: [], number: 3,
                                            readCopy: counting)
        #expect(reads.withLock { $0 } == first.copies.count + 1, "only the rewritten copy")
        #expect(third.changed.contains(copy.destination))
        #expect(third.changed.contains("posts/hello/index.html"))
        #expect(String(buffer: try #require(third.snapshot.files[copy.destination]).body) == "// changed\n")
        let page = String(buffer: try #require(third.snapshot.files["posts/hello/index.html"]).body)
        #expect(page.contains("Second version.") && page.contains("data-folio-live-reload"))
    }
}
