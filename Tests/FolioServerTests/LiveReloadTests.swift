// Edits on disk, seen through the event stream and the next GET: reloads, error overlays, coalesced bursts,
// and shutting down with streams open.
import Foundation
import Testing

@Suite(.serialized) struct LiveReloadTests {
    static let files = [
        "Content/posts/hello.md": ServedSite.post("Hello there", body: "First version."),
        "Content/posts/other.md": ServedSite.post("Another post", body: "Unrelated.", date: "2024-02-01"),
        "Content/pages/about.md": "---\ntitle: About\n---\n\nAbout me.\n",
    ]

    @Test func anEditReloadsOpenPagesAndServesTheNewContent() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let untouched = try await site.get("/posts/other/")
        let events = try await site.events()
        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "Second version."))
        let reload = try await events.next(named: "reload")
        #expect(reload?.data == "2")
        let page = try await site.get("/posts/hello/")
        #expect(page.text.contains("Second version."))
        #expect(!page.text.contains("First version."))
        // Outputs whose bytes did not change keep their entry, so their ETag too.
        #expect(try await site.get("/posts/other/").header("etag") == untouched.header("etag"))
    }

    @Test func aBrokenEditShowsTheErrorsAndKeepsTheLastGoodSiteUntilFixed() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let events = try await site.events()
        try site.write("Content/posts/hello.md", "---\ntitle: [unclosed\ndate: 2024-03-01\n---\n\nBroken <b>.\n")
        let errors = try #require(try await events.next(named: "errors"))
        #expect(errors.data.contains("Content/posts/hello.md:"))
        #expect(errors.data.contains("error:"))
        #expect(!errors.data.contains("\n"))
        let page = try await site.get("/posts/hello/")
        #expect(page.status == 200)
        #expect(page.text.contains("First version."), "the last good site is still served")

        // A page opened while the site is broken is told at once.
        let late = try await site.events()
        #expect(try await late.next()?.name == "errors")

        try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "Fixed version."))
        #expect(try await events.next()?.name == "reload")
        #expect(try await late.next()?.name == "reload")
        #expect(try await site.get("/posts/hello/").text.contains("Fixed version."))
    }

    @Test func aBurstOfSavesIsOneRebuild() async throws {
        // A quiet period well above a busy machine's scheduling stalls: this is about coalescing, not the default.
        let site = try await ServedSite.start(Self.files) { $0.quietPeriod = .milliseconds(250) }
        defer { Task { await site.stop() } }
        let events = try await site.events()
        for save in 1...10 {
            try site.write("Content/posts/hello.md", ServedSite.post("Hello there", body: "Save number \(save)."))
        }
        let burst = try #require(try await events.next(named: "reload"))
        #expect(burst.data == "2", "build 1 was the first; the whole burst is build 2")
        #expect(try await site.get("/posts/hello/").text.contains("Save number 10."))
        // Had the burst been split, a second build would be counted before this one.
        try site.write("Content/posts/other.md", ServedSite.post("Another post", body: "Sentinel.", date: "2024-02-01"))
        #expect(try await events.next(named: "reload")?.data == "3")
    }

    @Test func whenTheFirstBuildFailsAnErrorPageIsServedUntilItIsFixed() async throws {
        var files = Self.files
        files["Content/site.yml"] = "title: Test Site\nbase_url: https://example.org/\n"  // no author
        let site = try await ServedSite.start(files)
        defer { Task { await site.stop() } }
        let page = try await site.get("/posts/hello/")
        #expect(page.status == 500)
        #expect(page.text.contains("Content/site.yml:"))
        #expect(page.text.contains("data-folio-live-reload"))
        let events = try await site.events()
        #expect(try await events.next()?.name == "errors")
        try site.write("Content/site.yml", ServedSite.siteConfig)
        #expect(try await events.next(named: "reload") != nil)
        #expect(try await site.get("/posts/hello/").status == 200)
    }

    @Test func gracefulShutdownEndsTheServerAndClosesEventStreams() async throws {
        let site = try await ServedSite.start(Self.files)
        let events = try await site.events()
        await site.group.triggerGracefulShutdown()
        #expect(await finishes(site.running, within: .seconds(1)))
        #expect(await events.connection.closedByPeer())
        await site.stop()
    }

    @Test func cancellationEndsTheServerToo() async throws {
        let site = try await ServedSite.start(Self.files)
        let events = try await site.events()
        site.running.cancel()
        #expect(await finishes(site.running, within: .seconds(1)))
        #expect(await events.connection.closedByPeer())
        await site.stop()
    }
}
