// What a page tells search engines and link previews: JSON-LD (a Person on the home page, a BlogPosting on
// posts), Twitter cards and the favicon. JSON-LD is read back with a JSON parser, not matched as text.
import Foundation
import Testing
@testable import Folio

@Suite struct PageMetadataTests {
    static let files = [
        "Content/series/outbox/series.yml": "title: Outbox\n",
        "Content/series/outbox/01-a.md": post("A </script><!-- \"quoted\"", date: "2024-01-01",
                                              extra: "updated: 2024-02-01\ntags: [go, messaging]",
                                              body: "Some words here."),
        "Content/pages/index.md": "---\ntitle: Home\n---\n\nHi.\n",
    ]

    private func jsonLD(in page: String) throws -> [String: Any] {
        let start = try #require(page.range(of: #"<script type="application/ld+json">"#))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let text = String(page[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func postsCarryABlogPostingThatCannotCloseItsScript() throws {
        let site = try TestSite(Self.files, theme: .default)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let page = try site.read("public/posts/a/index.html")
        let data = try jsonLD(in: page)
        #expect(data["@type"] as? String == "BlogPosting")
        #expect(data["headline"] as? String == "A </script><!-- \"quoted\"")
        #expect(data["datePublished"] as? String == "2024-01-01")
        #expect(data["dateModified"] as? String == "2024-02-01")
        #expect(data["keywords"] as? String == "go, messaging")
        #expect(data["url"] as? String == "https://example.org/posts/a/")
        #expect((data["author"] as? [String: Any])?["name"] as? String == "Test Author")
        #expect((data["isPartOf"] as? [String: Any])?["name"] as? String == "Outbox")
        #expect(page.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        #expect(page.contains(#"<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">"#))
        #expect(site.exists("public/assets/favicon.svg"))
    }

    @Test func everyPageHasAMetaDescription() throws {
        let site = try TestSite(Self.files, theme: .default)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let pages = site.snapshot().keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.contains("404.html"))
        for path in pages {
            let page = try site.read("public/\(path)")
            #expect(page.contains(#"<meta name="description" content=""#), "\(path) has no description")
        }
    }

    @Test func theHomePageDescribesThePerson() throws {
        let site = try TestSite(Self.files, theme: .default)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let data = try jsonLD(in: try site.read("public/index.html"))
        #expect(data["@type"] as? String == "Person")
        #expect(data["name"] as? String == "Test Author")
        #expect(data["jobTitle"] as? String == "Tester")
        #expect(data["@context"] as? String == "https://schema.org")
        // Other pages carry none.
        #expect(!(try site.read("public/archive/index.html")).contains("application/ld+json"))
    }
}
