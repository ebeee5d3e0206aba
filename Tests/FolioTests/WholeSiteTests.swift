// Whole-site tests: a small site written to a temporary folder, built, and its output files inspected.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Folio

@Suite struct WholeSiteTests {
    static let seriesFiles: [String: String] = [
        "Content/series/outbox/series.yml": "title: Outbox\nsummary: Reliable events.\nstatus: ongoing\n",
        "Content/series/outbox/01-dual-writes.md": post("Dual writes", date: "2024-01-01", extra: "tags: [Messaging, Go]",
            body: "First paragraph of part one.\n\n## The problem\n\nSee [retries](02-retries.md#dead-letter-queues)."),
        "Content/series/outbox/02-retries.md": post("Retries", date: "2024-02-01", extra: "tags: [messaging]",
            body: "Part two.\n\n## Backoff\n\n## Dead-letter queues\n\nBack to [part one](01-dual-writes.md)."),
        "Content/posts/standalone.md": post("A standalone post", date: "2024-03-01",
            extra: "summary: Given summary.\ntags: [go]", body: "Hello & welcome."),
        "Content/pages/about.md": "---\ntitle: About me\n---\n\nAbout text.\n",
        "Content/pages/index.md": "---\ntitle: Home\n---\n\nHome intro text.\n",
    ]

    @Test func buildsEveryPageWithPrettyURLs() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        // pages/index.md feeds the home page, not a page of its own (no index/index.html).
        #expect(site.snapshot().keys.sorted() == [
            ".folio-output", "404.html", "about/index.html", "archive/index.html", "feed.json", "feed.xml", "index.html",
            "posts/dual-writes/index.html", "posts/retries/index.html", "posts/standalone/index.html", "robots.txt",
            "series/index.html", "series/outbox/index.html", "sitemap.xml", "tags/go/index.html", "tags/index.html",
            "tags/messaging/index.html",
        ])
    }

    @Test func theSeriesPageListsItsPartsWithoutRepeatingItsName() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let page = try site.read("public/series/outbox/index.html")
        #expect(page.contains(">Dual writes</a>") && page.contains(">Retries</a>"))
        #expect(!page.contains("Part 1 of 2"), "each part's series label repeats the page's own title")
        // Lists elsewhere keep the label.
        #expect(try site.read("public/archive/index.html").contains("Part 1 of 2"))
    }

    @Test func rewritesLinksBetweenMarkdownFiles() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let partOne = try site.read("public/posts/dual-writes/index.html")
        #expect(partOne.contains("<a href=\"/posts/retries/#dead-letter-queues\">retries</a>"))
        let partTwo = try site.read("public/posts/retries/index.html")
        #expect(partTwo.contains("<a href=\"/posts/dual-writes/\">part one</a>"))
    }

    @Test func postPagesCarrySeriesPositionAndNeighbours() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let partTwo = try site.read("public/posts/retries/index.html")
        #expect(partTwo.contains("<p class=\"series\"><a href=\"/series/outbox/\">Outbox</a>: Part 2 of 2</p>\n"
            + "<ol><li><a href=\"/posts/dual-writes/\">Dual writes</a></li><li><strong>Retries</strong></li></ol>\n"
            + "<a rel=\"prev\" href=\"/posts/dual-writes/\">Dual writes</a>\n"))
        #expect(!partTwo.contains("rel=\"next\""), "the last part has no next")
        #expect(partTwo.contains("<a href=\"#dead-letter-queues\">Dead-letter queues</a>"), "table of contents")
    }

    @Test func headHasLanguageCanonicalDescriptionAndOpenGraph() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let html = try site.read("public/posts/standalone/index.html")
        #expect(html.hasPrefix("""
            <!doctype html>
            <html lang="en">
            <head>
            <title>A standalone post · Test Site</title>
            <meta name="description" content="Given summary.">
            <link rel="canonical" href="https://example.org/posts/standalone/">
            <meta property="og:type" content="article">
            <meta property="og:url" content="https://example.org/posts/standalone/">

            """))
        #expect(html.contains("<p>Hello &amp; welcome.</p>"), "engine HTML is not escaped twice")
    }

    @Test func templatesEscapeTextFromContent() throws {
        let site = try TestSite(["Content/posts/x.md": post("'\"Quotes\" <b>&</b>'", date: "2024-01-01")])
        defer { site.destroy() }
        #expect(site.build().diagnostics.isEmpty)
        let html = try site.read("public/posts/x/index.html")
        #expect(html.contains("<h1>&quot;Quotes&quot; &lt;b&gt;&amp;&lt;/b&gt;</h1>"))
        #expect(!html.contains("<b>&</b>"))
    }

    @Test func homeListsNewestPostsFirstAndIncludesIntro() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let home = try site.read("public/index.html")
        #expect(home.contains("Home intro text."))
        let standalone = try #require(home.range(of: "A standalone post"))
        let retries = try #require(home.range(of: ">Retries<"))
        #expect(standalone.lowerBound < retries.lowerBound, "newest first")
        #expect(home.contains("<title>Test Site</title>"))
    }

    @Test func draftsAreBuiltOnlyWhenAskedFor() throws {
        var files = Self.seriesFiles
        files["Content/posts/wip.md"] = post("Work in progress", date: "2024-04-01", extra: "draft: true")
        let site = try TestSite(files)
        defer { site.destroy() }
        site.build()
        #expect(!site.exists("public/posts/wip/index.html"))
        #expect(!(try site.read("public/feed.xml")).contains("Work in progress"))
        site.build(drafts: true)
        #expect(site.exists("public/posts/wip/index.html"))
    }

    @Test func atomFeedIsWellFormedWithFullContent() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let data = try Data(contentsOf: URL(fileURLWithPath: site.root + "/public/feed.xml"))
        let document = try XMLDocument(data: data)
        let root = try #require(document.rootElement())
        #expect(root.name == "feed")
        #expect(root.uri == "http://www.w3.org/2005/Atom")
        let entries = root.elements(forName: "entry")
        #expect(entries.count == 3)
        let first = try #require(entries.first)
        #expect(first.elements(forName: "title").first?.stringValue == "A standalone post")
        #expect(first.elements(forName: "id").first?.stringValue == "https://example.org/posts/standalone/")
        #expect(first.elements(forName: "updated").first?.stringValue == "2024-03-01T00:00:00Z")
        #expect(first.elements(forName: "content").first?.stringValue?.contains("<p>Hello &amp; welcome.</p>") == true)
        for required in ["id", "title", "updated", "author"] {
            #expect(!root.elements(forName: required).isEmpty, "feed lacks <\(required)>")
        }
    }

    @Test func sitemapListsEveryPageWithAbsoluteURLs() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        let document = try XMLDocument(data: Data(try site.read("public/sitemap.xml").utf8))
        let locations = try document.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        #expect(locations.contains("https://example.org/"))
        #expect(locations.contains("https://example.org/posts/retries/"))
        #expect(locations.contains("https://example.org/about/"))
        #expect(locations.contains("https://example.org/tags/go/"))
        #expect(Set(locations).count == locations.count, "no duplicates")
        #expect(try site.read("public/robots.txt").contains("Sitemap: https://example.org/sitemap.xml"))
    }

    @Test func baseURLCanBeOverridden() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        var options = BuildOptions(root: site.root)
        options.baseURL = "https://staging.example.net"
        _ = Pipeline.build(options)
        #expect(try site.read("public/posts/standalone/index.html")
            .contains("href=\"https://staging.example.net/posts/standalone/\""))
    }

    @Test func staticFilesAreCopiedAndLinkable() throws {
        var files = Self.seriesFiles
        files["Content/static/images/diagram.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        files["Content/posts/pic.md"] = post("Picture", body: "![A diagram](/images/diagram.svg)")
        let site = try TestSite(files)
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(site.exists("public/images/diagram.svg"))
    }

    @Test func rebuildReplacesTheSiteAndRemovesPagesThatWentAway() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        site.build()
        #expect(site.exists("public/posts/standalone/index.html"))
        try site.remove("Content/posts/standalone.md")
        let report = site.build()
        #expect(!report.diagnostics.hasErrors)
        #expect(!site.exists("public/posts/standalone/index.html"))
        #expect(site.exists("public/posts/retries/index.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root)
            .filter { $0.contains("staging") || $0.contains(".old-") }
        #expect(leftovers.isEmpty, "staging folders are cleaned up: \(leftovers)")
    }

    @Test func checkWritesNothing() throws {
        let site = try TestSite(Self.seriesFiles)
        defer { site.destroy() }
        let report = site.build(write: false)
        #expect(report.diagnostics.isEmpty)
        #expect(!site.exists("public"))
    }

    @Test func theRepositorysOwnContentBuilds() throws {
        var options = BuildOptions(root: TestSite.repositoryRoot)
        options.writeOutput = false
        let report = Pipeline.build(options)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.pagesRendered > 5)
    }
}
