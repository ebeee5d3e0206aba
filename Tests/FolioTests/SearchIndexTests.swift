// Search: `search: true` in site.yml publishes /search.json (posts newest first, then pages, as plain text) and
// the theme's /search/ page; without it neither exists.
import Foundation
import Testing
@testable import Folio

@Suite struct SearchIndexTests {
    struct Entry: Decodable, Equatable {
        var title: String
        var url: String
        var date: String?
        var series: String?
        var tags: [String]
        var summary: String
        var text: String
    }

    static let body = """
        The relay claims rows with `FOR UPDATE SKIP LOCKED`, then [publishes](/archive/) them.

        ```mermaid
        flowchart LR
            A[Outbox table] --> B[Relay]
        ```

        ```text
        hidden code block words
        ```

        | left | right |
        | --- | --- |
        | cellone | celltwo |
        """

    func site(search: Bool, extra: [String: String] = [:]) throws -> TestSite {
        var files = [
            "Content/site.yml": TestSite.siteConfig + (search ? "\nsearch: true\n" : "\n"),
            "Content/series/outbox/series.yml": "title: The Outbox\n",
            "Content/series/outbox/01-relay.md": post("The relay", date: "2024-03-02", extra: "tags: [postgresql]",
                                                      body: Self.body),
            "Content/posts/older.md": post("An older post", date: "2024-01-05", extra: "summary: Said first."),
            "Content/posts/draft.md": post("Unfinished", date: "2024-04-01", extra: "draft: true"),
            "Content/pages/about.md": "---\ntitle: About\n---\n\nWho writes here.\n",
        ]
        for (path, text) in extra { files[path] = text }
        return try TestSite(files)
    }

    @Test func theIndexHoldsEveryPublishedPostThenThePagesAsPlainText() throws {
        let site = try site(search: true)
        defer { site.destroy() }
        #expect(site.build().diagnostics.filter { $0.severity == .error }.isEmpty)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(site.read("public/search.json").utf8))
        #expect(entries.map(\.url) == ["/posts/relay/", "/posts/older/", "/about/"], "no draft, no home page")
        let relay = entries[0]
        #expect(relay.title == "The relay")
        #expect(relay.date == "2 March 2024")
        #expect(relay.series == "The Outbox")
        #expect(relay.tags == ["postgresql"])
        #expect(relay.text.hasPrefix("The relay claims rows with FOR UPDATE SKIP LOCKED, then publishes them."))
        #expect(relay.text.contains("cellone celltwo"), "cells do not run together")
        #expect(!relay.text.contains("Outbox table") && !relay.text.contains("hidden code block"),
                "diagrams and code blocks are left out: \(relay.text)")
        #expect(!relay.text.contains("<") && !relay.text.contains("  "))
        #expect(entries[1].summary == "Said first." && entries[1].date == "5 January 2024" && entries[1].series == nil)
        #expect(entries[2].date == nil && entries[2].text == "Who writes here.")

        let page = try site.read("public/search/index.html")
        #expect(page.contains("<title>Search · Test Site</title>"))
        #expect(page.contains("<h1>Search</h1>"), "the theme's search template renders the page")
    }

    @Test(arguments: [
        ("Tom &amp; Jerry <3 \"cheese\" 'n' crackers\n", "Tom & Jerry <3 “cheese” ‘n’ crackers"),
        ("one\n\ntwo\n\n- three\n- four\\\n  five\n", "one two three four five"),
        ("## Head\n\na `b`, *c*.\n", "Head a b, c."),
        ("before\n\n```swift\nlet x = 1\n```\n\n```mermaid\nflowchart LR\n  A[Hidden] --> B\n```\n\nafter\n",
         "before after"),
        ("kept\n\n```text\nnever closed", "kept"),
        ("## Retries {#custom}\n\ntext\n", "Retries text"),
        ("a\n\n```go illustrative\nx := 1\n```\n\nb\n", "a b"),
        ("A claim[^1], then more.\n\n[^1]: The note.\n", "A claim, then more. The note."),
        ("> [!TIP]\n> Use it.\n", "Tip Use it."),
        ("- [x] done\n- [ ] open\n", "done open"),
        ("| left | right |\n| --- | --- |\n| cellone | celltwo |\n", "left right cellone celltwo"),
        ("See ![a photo](x.png) and [a link](https://example.org).\n", "See and a link."),
        ("  \n\t ", ""),
    ])
    func plainTextHoldsTheWordsAReaderSees(markdown: String, text: String) {
        #expect(Folio.renderFragment(markdown).plainText == text)
    }

    @Test func withoutTheKeyThereIsNoIndexAndNoSearchPage() throws {
        let site = try site(search: false, extra: ["Content/posts/link.md": post("Link", body: "[Find](/search/)")])
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/posts/link.md:6:1: error: broken link '/search/': nothing on the site at /search/",
        ])
        try site.remove("Content/posts/link.md")
        #expect(!site.build().diagnostics.hasErrors)
        #expect(!site.exists("public/search.json") && !site.exists("public/search/index.html"))
    }

    @Test func aLinkToTheSearchPageResolvesAndAStaticFileCannotTakeItsPlace() throws {
        let site = try site(search: true, extra: ["Content/posts/link.md": post("Link", body: "[Find](/search/)"),
                                                  "Content/static/search.json": "[]"])
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/static/search.json:1:1: error: static file would overwrite a page the site generates: /search.json",
        ])
    }

    @Test func aThemeWithoutASearchTemplateStillGetsTheIndex() throws {
        let site = try site(search: true)
        defer { site.destroy() }
        try site.remove("Themes/minimal/templates/search.mustache")
        #expect(!site.build().diagnostics.hasErrors)
        #expect(site.exists("public/search.json") && !site.exists("public/search/index.html"))
    }
}
