// The route table (`Site/Routes.swift`): one declaration of every generated path, read by resolve, compose, the
// sitemap and the link checker; and the typed steps that report what they skipped.
import Foundation
import Testing
@testable import Folio

@Suite struct RouteTests {
    static let files: [String: String] = [
        "Content/posts/a.md": post("A", date: "2024-01-01", extra: "tags: [go]"),
        "Content/posts/b.md": post("B", date: "2024-02-01"),
        "Content/pages/about.md": "---\ntitle: About\n---\n\nAbout text.\n",
    ]

    @Test func everyComposedFileHasARouteAndEveryRouteAFile() throws {
        let site = try TestSite(Self.files)
        defer { site.destroy() }
        let (report, products) = Pipeline.run(BuildOptions(root: site.root))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let routes = try #require(products.rendered?.routes)
        let composed = Set(try #require(products.output).paths)
        for route in routes.all where ![.card, .asset, .staticFile].contains(route.kind) {
            #expect(composed.contains(route.file), "no file for \(route.path) (\(route.kind))")
        }
        let routeFiles = Set(routes.all.map(\.file))
        #expect(composed.subtracting(routeFiles).isEmpty, "files without a route: \(composed.subtracting(routeFiles))")
        #expect(routes.routes(of: .post).map(\.path) == ["/posts/b/", "/posts/a/"], "newest first")
        #expect(routes.route(at: "/feed.json")?.kind == .jsonFeed)
        #expect(routes.route(at: "/tags/go/")?.kind == .tag)
    }

    @Test func aPageOnTheSearchPathIsAnErrorAtItsFileWhenSearchIsOn() throws {
        let site = try TestSite(Self.files.merging([
            "Content/site.yml": TestSite.siteConfig + "\nsearch: true\n",
            "Content/pages/search.md": "---\ntitle: Find things\n---\n\nMy own search page.\n",
        ]) { $1 })
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/pages/search.md:1:1: error: page slug 'search' is taken by the site's own /search/ page "
                + "(site.yml has search: true); choose another slug",
        ])
        #expect(!site.exists("public/search/index.html"), "a failed build writes nothing")
    }

    @Test func aPageCalledSearchIsFineWhenSearchIsOff() throws {
        let site = try TestSite(Self.files.merging([
            "Content/pages/search.md": "---\ntitle: Find things\n---\n\nMy own search page.\n",
        ]) { $1 })
        defer { site.destroy() }
        #expect(site.build().diagnostics.isEmpty)
        #expect(try site.read("public/search/index.html").contains("My own search page."))
    }

    @Test func aStaticFileOverAGeneratedFileIsAnErrorAtTheStaticFile() throws {
        let site = try TestSite(Self.files.merging([
            "Content/static/feed.json": "{}",
            "Content/static/posts/a/index.html": "<p>mine</p>",
        ]) { $1 })
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/static/feed.json:1:1: error: static file would overwrite a page the site generates: /feed.json",
            "Content/static/posts/a/index.html:1:1: error: static file would overwrite a page the site generates: "
                + "/posts/a/index.html",
        ])
    }

    @Test func stepsThatCannotRunAreReportedAsSkipped() throws {
        let site = try TestSite(Self.files.merging([
            "Content/posts/broken.md": post("Broken", date: "2024-03-01", body: "A [link](missing.md)."),
        ]) { $1 })
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/broken.md:6:3: error: link to 'missing.md' does not match any Markdown file "
                + "(looked for Content/posts/missing.md)",
        ])
        #expect(report.steps.map(\.name) == ["load", "resolve", "render", "check", "compose", "images", "swap"])
        #expect(report.steps.map(\.skipped) == [nil, nil, nil, nil, "earlier steps reported errors",
                                                 "nothing was composed", "nothing was composed"])
        #expect(report.timings.map(\.step) == ["load", "resolve", "render", "check"])
    }

    @Test func withoutSiteYmlEveryStepAfterLoadSaysWhyItDidNotRun() throws {
        let site = try TestSite(Self.files, withDefaultSiteConfig: false)
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.hasErrors)
        #expect(report.steps.map(\.skipped) == [nil, "site.yml did not load", "there is no site to render",
                                                 "nothing was rendered", "nothing was rendered",
                                                 "nothing was composed", "nothing was composed"])
    }

    @Test func theFileOfARoute() {
        #expect(Route.file(forPath: "/") == "index.html")
        #expect(Route.file(forPath: "/posts/a/") == "posts/a/index.html")
        #expect(Route.file(forPath: "/feed.json") == "feed.json")
    }
}
