// `Pipeline.buildInMemory`, which `folio serve` runs: the same site as `folio build`, nothing written, and
// rendered documents reused between builds only while everything they were rendered from is unchanged.
import Foundation
import Testing
@testable import Folio

struct InMemoryBuildTests {
    @Test func buildsTheSameFilesAsBuildWithoutWritingAnything() throws {
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/static/robots-note.txt": "hi",
                                 "Themes/minimal/assets/site.css": "p {\n  margin: 0;\n}\n",
                                 "Themes/minimal/assets/app.js": "run()\n"])
        defer { site.destroy() }
        let result = Pipeline.buildInMemory(BuildOptions(root: site.root))
        #expect(!result.report.diagnostics.hasErrors)
        #expect(!site.exists("public"))
        site.build()
        let written = site.snapshot()
        for page in result.pages { #expect(written[page.path] == page.contents, "\(page.path)") }
        let copied = Set(result.copies.map(\.destination))
        #expect(copied == ["robots-note.txt", "assets/app.js"])
        let stylesheet = result.pages.first { $0.path == "assets/site.css" }
        #expect(stylesheet.map { String(decoding: $0.contents, as: UTF8.self) } == "p{margin:0}",
                "stylesheets are minified, not copied")
        #expect(Set(written.keys).subtracting([".folio-output"]) == Set(result.pages.map(\.path)).union(copied))
        #expect(result.inputFolders == [site.root + "/Content", site.root + "/Themes/minimal"])
    }

    @Test func reusesDocumentsWhoseInputsDidNotChange() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: "Links to [b](b.md)."),
            "Content/posts/b.md": post("B"),
            "Content/posts/c.md": post("C"),
        ])
        defer { site.destroy() }
        let options = BuildOptions(root: site.root)
        let first = Pipeline.buildInMemory(options)
        #expect(first.renderCache.misses == 3)

        try site.write("Content/posts/c.md", post("C", body: "Changed."))
        let second = Pipeline.buildInMemory(options, cache: first.renderCache)
        #expect(second.renderCache.hits == 2)
        #expect(second.renderCache.misses == 1)
        let page = try #require(second.pages.first { $0.path == "posts/c/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("Changed."))

        // Front matter that changes a URL changes what every link resolves to: nothing is reused.
        try site.write("Content/posts/b.md", post("B", extra: "slug: bee"))
        let third = Pipeline.buildInMemory(options, cache: second.renderCache)
        #expect(third.renderCache.hits == 0)
        let linking = try #require(third.pages.first { $0.path == "posts/a/index.html" })
        #expect(String(decoding: linking.contents, as: UTF8.self).contains("/posts/bee/"))
    }

    @Test func recomposesOnlyPagesWhoseContextOrTemplatesChanged() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", date: "2024-03-01", extra: "summary: About A."),
            "Content/posts/b.md": post("B", date: "2024-03-02", extra: "summary: About B."),
            "Content/posts/c.md": post("C", date: "2024-03-03", extra: "summary: About C."),
        ])
        defer { site.destroy() }
        let options = BuildOptions(root: site.root)
        let first = Pipeline.buildInMemory(options)
        let pages = first.renderCache.pagesComposed
        #expect(first.renderCache.pagesReused == 0 && pages > 3)

        // The same inputs: every page is reused, and the files are the same.
        let again = Pipeline.buildInMemory(options, cache: first.renderCache)
        #expect(again.renderCache.pagesReused == pages)
        #expect(again.pages.map(\.contents) == first.pages.map(\.contents))

        // A body no list shows: only that post's page and the two feeds (which carry it) are composed again.
        try site.write("Content/posts/c.md", post("C", date: "2024-03-03", extra: "summary: About C.", body: "New."))
        let edited = Pipeline.buildInMemory(options, cache: again.renderCache)
        #expect(edited.renderCache.pagesReused == pages - 3)
        #expect(edited.pages.map(\.contents) == Pipeline.buildInMemory(options).pages.map(\.contents))

        // A title is shown by the lists and by its neighbours' previous/next links: more pages, not all.
        try site.write("Content/posts/b.md", post("Bee", date: "2024-03-02", extra: "summary: About B."))
        let retitled = Pipeline.buildInMemory(options, cache: edited.renderCache)
        #expect(retitled.renderCache.pagesReused < pages - 1)
        #expect(retitled.pages.map(\.contents) == Pipeline.buildInMemory(options).pages.map(\.contents))

        // A template change composes every page again; only the feeds, which no template writes, are kept.
        let layout = try site.read("Themes/minimal/templates/layout.mustache")
        try site.write("Themes/minimal/templates/layout.mustache", layout + "\n<!-- v2 -->\n")
        let restyled = Pipeline.buildInMemory(options, cache: retitled.renderCache)
        #expect(restyled.renderCache.pagesReused == 2)
        #expect(restyled.pages.first { $0.path == "index.html" }.map { String(decoding: $0.contents, as: UTF8.self) }?
                    .contains("<!-- v2 -->") == true)
    }

    @Test func theThemeIsLoadedAgainWhenAnyOfItsFilesChanges() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: "> [!NOTE]\n> Careful.")])
        defer { site.destroy() }
        let options = BuildOptions(root: site.root)
        let first = Pipeline.buildInMemory(options)
        func text(_ result: BuildResult, _ path: String) -> String? {
            result.pages.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) }
        }
        // A markup partial the minimal theme inherits from the default theme.
        let callout = "Themes/default/templates/markup/callout.mustache"
        try site.write(callout, "<aside class=\"changed-callout\">{{{content}}}</aside>")
        let second = Pipeline.buildInMemory(options, cache: first.renderCache)
        #expect(text(second, "posts/a/index.html")?.contains("changed-callout") == true)
        // An asset added to the theme.
        try site.write("Themes/minimal/assets/extra.css", "a { color: red; }\n")
        let third = Pipeline.buildInMemory(options, cache: second.renderCache)
        #expect(text(third, "assets/extra.css") == "a{color:red}")
        // A template that no longer parses is reported, and fixing it is seen too.
        let layout = try site.read("Themes/minimal/templates/layout.mustache")
        try site.write("Themes/minimal/templates/layout.mustache", layout + "{{#open}}")
        let broken = Pipeline.buildInMemory(options, cache: third.renderCache)
        #expect(broken.report.diagnostics.hasErrors)
        try site.write("Themes/minimal/templates/layout.mustache", layout)
        let fixed = Pipeline.buildInMemory(options, cache: broken.renderCache)
        #expect(!fixed.report.diagnostics.hasErrors)
        #expect(fixed.pages.map(\.contents) == third.pages.map(\.contents))
    }

    @Test func aFailedBuildHandsBackNoPages() throws {
        let site = try TestSite(["Content/posts/a.md": "---\ntitle: [\n---\n"])
        defer { site.destroy() }
        let result = Pipeline.buildInMemory(BuildOptions(root: site.root))
        #expect(result.report.diagnostics.map(\.description) == [
            "Content/posts/a.md:3:1: error: malformed YAML in front matter: did not find expected node content "
                + "(while parsing a flow node)",
        ])
        #expect(result.pages.isEmpty && result.copies.isEmpty)
    }

    @Test func refusesStaticFilesThatAreSymbolicLinksOutOfTheProject() throws {
        let outside = NSTemporaryDirectory() + "folio-outside-" + UUID().uuidString
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let site = try TestSite(["Content/posts/a.md": post("A"), "Content/static/inside.txt": "ok"])
        defer { site.destroy() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/static/leak.txt",
                                                   withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/static/alias.txt",
                                                   withDestinationPath: site.root + "/Content/static/inside.txt")
        let result = Pipeline.buildInMemory(BuildOptions(root: site.root))
        // A link that stays inside the project (alias.txt) is fine.
        #expect(result.report.diagnostics.map(\.description) == [
            "Content/static/leak.txt:1:1: error: Content/static/leak.txt is a symbolic link to \(outside), outside the "
                + "project; Folio does not copy it. Copy the file into the project instead",
        ])
        #expect(site.build().diagnostics == result.report.diagnostics)
        #expect(!site.exists("public/leak.txt"))
    }
}

@Suite struct InMemoryBuildInputTests {
    /// The theme folder is watched even when the theme did not load, so fixing it rebuilds; its path is the
    /// folder site.yml names (it used to be `Themes/Optional("…")` or `Themes/nil`).
    @Test func aThemeThatDidNotLoadIsStillWatchedByItsName() throws {
        let site = try TestSite(["Content/site.yml": TestSite.siteConfig + "\ntheme: missing\n"])
        defer { site.destroy() }
        let result = Pipeline.buildInMemory(BuildOptions(root: site.root))
        #expect(result.report.diagnostics.hasErrors)
        #expect(result.inputFolders.contains(site.root + "/Themes/missing"), "\(result.inputFolders)")
        #expect(!result.inputFolders.contains { $0.contains("nil") || $0.contains("Optional(") })
    }
}

extension InMemoryBuildInputTests {
    /// Without `search: true` documents keep no plain text; turning search on in a running server must not serve
    /// an index of empty texts from the render cache.
    @Test func turningSearchOnRendersThePlainTextTheIndexNeeds() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: "Findable words here.")])
        defer { site.destroy() }
        let options = BuildOptions(root: site.root)
        let first = Pipeline.buildInMemory(options)
        #expect(!first.pages.contains { $0.path == "search.json" })
        try site.write("Content/site.yml", TestSite.siteConfig + "\nsearch: true\n")
        let second = Pipeline.buildInMemory(options, cache: first.renderCache)
        let index = try #require(second.pages.first { $0.path == "search.json" })
        #expect(String(decoding: index.contents, as: UTF8.self).contains("\"text\":\"Findable words here.\""))
    }
}
