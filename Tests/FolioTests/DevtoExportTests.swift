// `folio export devto`: dev.to front matter, and a body with nothing Folio-only left in it, checked by parsing
// every exported file with libcmark (the parser dev.to's renderer follows) rather than by searching text.
import Foundation
import Testing
@testable import Folio

@Suite struct DevtoExportTests {
    /// What would not survive on dev.to, found in the parsed Markdown: includes, Mermaid, callout markers, and
    /// any link or image that is not an absolute URL.
    static func folioOnlyLeftovers(in markdown: String) -> [String] {
        let tree = MarkdownTree(parsing: markdown)
        var found: [String] = []
        for node in tree.root.descendants {
            switch node.kind {
            case .codeBlock:
                let info = FenceInfo(node.fenceInfo)
                if node.fenceInfo.contains("snippet=") { found.append("snippet fence: \(node.fenceInfo)") }
                if info.language.lowercased() == "mermaid" { found.append("mermaid fence") }
            case .blockQuote:
                if let first = node.firstChild, first.kind == .paragraph,
                   first.plainText.trimmingWhitespace().hasPrefix("[!") {
                    found.append("callout marker: \(first.plainText.prefix(20))")
                }
            case .link, .image:
                let url = node.url
                if !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:")) {
                    found.append("relative \(node.kind == .link ? "link" : "image"): \(url)")
                }
            default:
                break
            }
        }
        return found
    }

    @Test func theRealSitesArticlesExportWithNothingFolioOnlyLeft() throws {
        let result = DevtoExport.articles(BuildOptions(root: TestSite.repositoryRoot))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        #expect(result.articles.count >= 10)
        for article in result.articles {
            #expect(Self.folioOnlyLeftovers(in: article.markdown) == [], "\(article.fileName)")
            #expect(article.tags.count <= 4)
            #expect(article.tags.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } })
            #expect(article.canonicalURL == "https://sagarmaheshwary.github.io/posts/\(article.slug)/")
            #expect(article.markdown.contains("\npublished: false\n"))
        }
        // The real site has each thing the export must convert; prove the conversions happened, not only that
        // nothing was left over.
        let all = result.articles.map(\.markdown).joined(separator: "\n")
        #expect(all.contains("![") && all.contains("https://sagarmaheshwary.github.io/diagrams/"))
        #expect(all.contains("> **Note**"))
        #expect(all.contains("](https://sagarmaheshwary.github.io/posts/full-jitter-verified/)"))
    }

    @Test func frontMatterTagsCalloutsLinksAndWhatIsKept() throws {
        let body = """
            Intro with a [sibling](02-other.md#why), a [page](/about/), [here](#later) and ![a chart](/img/c.svg).

            > [!WARNING]
            > Brokers redeliver.

            | a | b |
            | - | - |
            | 1 | 2 |

            Footnote here.[^1]

            [^1]: The note.

            ```go illustrative
            fmt.Println("hi")
            ```

            ## Later
            """
        let site = try TestSite([
            "Content/series/outbox/series.yml": "title: Outbox Series\n",
            "Content/series/outbox/01-a.md": post("A \"quoted\" title", extra: """
                summary: What A says.
                tags: [Go, message-queues, postgresql, redis, kubernetes, "!!"]
                """, body: body),
            "Content/series/outbox/02-other.md": post("Other", body: "## Why\n\nBecause."),
            "Content/pages/about.md": "---\ntitle: About\n---\n\nMe.\n",
            "Content/static/img/c.svg": #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#,
        ], theme: .default)  // a theme that draws social cards: the article's cover image is its card
        defer { site.destroy() }
        let result = DevtoExport.articles(BuildOptions(root: site.root), posts: ["a"])
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
        // '!!' is dropped by the engine itself (site-wide), before the export sees the post.
        #expect(warnings == [
            "Content/series/outbox/01-a.md:5:1: warning: tag '!!' has no letters or digits and is left out",
            "Content/series/outbox/01-a.md:5:1: warning: tag 'Go' becomes 'go' on dev.to (lowercase letters and digits only)",
            "Content/series/outbox/01-a.md:5:1: warning: tag 'message-queues' becomes 'messagequeues' on dev.to (lowercase letters and digits only)",
            "Content/series/outbox/01-a.md:5:1: warning: tag 'kubernetes' is left out on dev.to, which takes at most 4 tags",
        ])
        let article = try #require(result.articles.first)
        #expect(result.articles.count == 1)
        #expect(article.markdown.hasPrefix("""
            ---
            title: "A \\"quoted\\" title"
            published: false
            description: "What A says."
            tags: go, messagequeues, postgresql, redis
            canonical_url: https://example.org/posts/a/
            series: "Outbox Series"
            cover_image: https://example.org/cards/posts/a.png
            ---
            """))
        #expect(Self.folioOnlyLeftovers(in: article.markdown) == [])
        let text = article.body
        #expect(text.contains("[sibling](https://example.org/posts/other/#why)"))
        #expect(text.contains("[page](https://example.org/about/)"))
        #expect(text.contains("[here](https://example.org/posts/a/#later)"))
        #expect(text.contains("![a chart](https://example.org/img/c.svg)"))
        #expect(text.contains("> **Warning**\n>\n> Brokers redeliver."))
        #expect(text.contains("| a | b |\n| - | - |\n| 1 | 2 |"))
        #expect(text.contains("Footnote here.[^1]\n\n[^1]: The note."))
        #expect(text.contains("```go\nfmt.Println(\"hi\")\n```"))
        #expect(text.contains("## Later"))

        let folder = site.root + "/export"
        let written = try DevtoExport.write(result.articles, to: folder)
        #expect(written == [folder + "/a.md"])
        #expect(try site.read("export/a.md") == article.markdown)
    }

    @Test func anUnknownPostIsAnErrorWithASuggestion() throws {
        let site = try TestSite(["Content/posts/hello-world.md": post("Hello world")])
        defer { site.destroy() }
        let result = DevtoExport.articles(BuildOptions(root: site.root), posts: ["hello-wrld"])
        #expect(result.diagnostics.map(\.description) == [
            "folio: error: no published post 'hello-wrld' (name a post by its slug or its path under Content/); did you mean 'hello-world'?"
        ])
    }
}
