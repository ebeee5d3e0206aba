// `/feed.json`, held to the JSON Feed 1.1 specification's required fields and formats
// (https://www.jsonfeed.org/version/1.1/): a top-level `version`, `title` and `items`; every item an `id` and
// `content_html` or `content_text`; dates in RFC 3339.
import Foundation
import Testing
@testable import Folio

@Suite struct JSONFeedTests {
    static let files: [String: String] = [
        "Content/posts/first.md": post("First <post>", date: "2024-01-01", extra: "tags: [go, grpc]\nupdated: 2024-01-05",
                                        body: "Intro with a [link](second.md) and a note.[^1]\n\n[^1]: The note."),
        "Content/posts/second.md": post("Second", date: "2024-02-01", extra: "summary: Given summary.",
                                         body: "Text with ![a picture](/images/p.png)."),
        "Content/static/images/p.png": "not really a png",
    ]

    func feed(_ site: TestSite) throws -> [String: Any] {
        let data = try #require(try site.read("public/feed.json").data(using: .utf8))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theFeedHasEveryFieldTheSpecRequires() throws {
        let site = try TestSite(Self.files)
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(report.diagnostics)")
        let feed = try feed(site)
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "Test Site")
        #expect(feed["home_page_url"] as? String == "https://example.org/")
        #expect(feed["feed_url"] as? String == "https://example.org/feed.json")
        #expect((feed["authors"] as? [[String: Any]])?.first?["name"] as? String == "Test Author")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.map { $0["title"] as? String } == ["Second", "First <post>"], "newest first, text not HTML")
        let rfc3339 = ISO8601DateFormatter()
        for item in items {
            let id = try #require(item["id"] as? String)
            #expect(!id.isEmpty && item["url"] as? String == id, "the id is the post's permanent URL")
            #expect(item["content_html"] is String, "content_html or content_text is required")
            for key in ["date_published", "date_modified"] {
                let date = try #require(item[key] as? String, "\(key) of \(id)")
                #expect(rfc3339.date(from: date) != nil, "\(key) '\(date)' is not RFC 3339")
            }
        }
        let first = items[1]
        #expect(first["id"] as? String == "https://example.org/posts/first/")
        #expect(first["tags"] as? [String] == ["go", "grpc"])
        #expect(first["date_published"] as? String == "2024-01-01T00:00:00Z")
        #expect(first["date_modified"] as? String == "2024-01-05T00:00:00Z")
        #expect(first["summary"] as? String == "Intro with a link and a note.")
        #expect(items[0]["summary"] as? String == "Given summary.")
        #expect(items[0]["tags"] == nil, "no tags: the key is left out")
    }

    @Test func linksInTheContentAreAbsoluteAndFootnoteIdsCarryThePost() throws {
        let site = try TestSite(Self.files)
        defer { site.destroy() }
        site.build()
        let items = try #require(try feed(site)["items"] as? [[String: Any]])
        let first = try #require(items[1]["content_html"] as? String)
        #expect(first.contains("href=\"https://example.org/posts/second/\""))
        #expect(first.contains("id=\"first-fn:1\"") && first.contains("href=\"#first-fnref:1\""), "\(first)")
        let second = try #require(items[0]["content_html"] as? String)
        #expect(second.contains("src=\"https://example.org/images/p.png\""))
        #expect(!second.contains("src=\"/"))
    }

    @Test func everyPageOfTheDefaultThemeLinksTheFeedFromItsHead() throws {
        let site = try TestSite(Self.files, theme: .default)
        defer { site.destroy() }
        site.build()
        for page in ["index.html", "posts/first/index.html", "archive/index.html", "tags/go/index.html", "404.html"] {
            #expect(try site.read("public/\(page)").contains(
                "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Test Site\" href=\"/feed.json\">"),
                "\(page)")
        }
    }

    @Test func theFeedCarriesAtMostFeedLimitPosts() throws {
        let site = try TestSite(Self.files.merging(["Content/site.yml": TestSite.siteConfig + "\nfeed_limit: 1\n"]) { $1 })
        defer { site.destroy() }
        site.build()
        #expect((try feed(site)["items"] as? [[String: Any]])?.count == 1)
    }
}
