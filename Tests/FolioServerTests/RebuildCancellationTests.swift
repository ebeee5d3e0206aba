// A build stuck in a slow step (a big diagram's layout) must not hold up the next save or shutting down, and
// what it finally produces must never be served over a newer build.
import Folio
import Foundation
import Synchronization
import Testing
@testable import FolioServer

/// The engine's build, except that a build of a site whose post says SLOW blocks after building, in a step that
/// never checks for cancellation, until `release()`. Its result is then that of the older text.
final class BlockingBuild: Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let state = Mutex((blocked: 0, finished: 0))

    var blocked: Int { state.withLock { $0.blocked } }
    var finished: Int { state.withLock { $0.finished } }

    func build(_ options: BuildOptions, _ cache: RenderCache, _ isCancelled: @escaping @Sendable () -> Bool)
        -> BuildResult
    {
        let result = Pipeline.buildInMemory(options, cache: cache, isCancelled: isCancelled)
        if result.pages.contains(where: { String(decoding: $0.contents, as: UTF8.self).contains("SLOW") }) {
            state.withLock { $0.blocked += 1 }
            _ = gate.wait(timeout: .now() + 30)
            state.withLock { $0.finished += 1 }
        }
        return result
    }

    func release() { gate.signal() }
}

@Suite(.serialized) struct RebuildCancellationTests {
    static let files = LiveReloadTests.files

    @Test func aNewerSaveIsServedWithoutWaitingForASlowBuild() async throws {
        let slow = BlockingBuild()
        let site = try await ServedSite.start(Self.files) { $0.build = slow.build }
        defer { slow.release(); Task { await site.stop() } }
        let events = try await site.events()
        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "SLOW version."))
        #expect(await eventually(within: .seconds(5)) { slow.blocked == 1 })
        let saved = ContinuousClock.now
        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "Quick version."))
        let reload = try #require(try await events.next(named: "reload", timeout: .seconds(5)))
        #expect(ContinuousClock.now - saved < .seconds(5))
        #expect(reload.data == "3", "build 2 was abandoned; the quick save is build 3")
        #expect(try await site.get("/posts/hello/").text.contains("Quick version."))

        // The slow build now returns the site of the older text: it must be dropped, not served.
        slow.release()
        #expect(await eventually(within: .seconds(5)) { slow.finished == 1 })
        try await Task.sleep(for: .milliseconds(300))
        let page = try await site.get("/posts/hello/")
        #expect(page.text.contains("Quick version."))
        #expect(!page.text.contains("SLOW version."))
        #expect(try await events.next(named: "reload", timeout: .milliseconds(300)) == nil, "no reload for it")
    }

    @Test func stoppingDuringASlowBuildIsPrompt() async throws {
        let slow = BlockingBuild()
        let site = try await ServedSite.start(Self.files) { $0.build = slow.build }
        defer { slow.release() }
        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "SLOW version."))
        #expect(await eventually(within: .seconds(5)) { slow.blocked == 1 })
        // What SIGTERM and Ctrl-C do (`runUntilSignalled` maps them to a graceful shutdown).
        await site.group.triggerGracefulShutdown()
        #expect(await finishes(site.running, within: .seconds(2)))
        await site.stop()
    }

    @Test func aCancelledBuildStopsAndKeepsTheCacheItWasGiven() throws {
        let root = NSTemporaryDirectory() + "folio-cancel-test-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/Content/posts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ServedSite.repositoryRoot + "/Themes", toPath: root + "/Themes")
        try Data(ServedSite.siteConfig.utf8).write(to: URL(fileURLWithPath: root + "/Content/site.yml"))
        for number in 1...20 {
            let post = ServedSite.post("Post \(number)", body: "Body of post \(number).")
            try Data(post.utf8).write(to: URL(fileURLWithPath: root + "/Content/posts/post-\(number).md"))
        }
        let options = BuildOptions(root: root)
        // Cancelled once rendering has begun: the checks before load, resolve and render pass.
        let checks = Mutex(0)
        let cancelled = Pipeline.buildInMemory(options, isCancelled: {
            checks.withLock { count in
                count += 1
                return count > 3
            }
        })
        #expect(cancelled.pages.isEmpty)
        #expect(cancelled.report.diagnostics.contains { $0.severity == .error && $0.message.contains("cancelled") })
        #expect(cancelled.report.timings.map(\.step) == ["load", "resolve", "render"], "no step after the cancel")
        #expect(cancelled.renderCache.hits + cancelled.renderCache.misses == 0, "the cache it was given")
        // Documents skipped by the cancel were rendered empty; a build reusing the cache must not serve them.
        let next = Pipeline.buildInMemory(options, cache: cancelled.renderCache)
        #expect(!next.report.diagnostics.hasErrors)
        let page = try #require(next.pages.first { $0.path == "posts/post-7/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("Body of post 7."))
    }
}
