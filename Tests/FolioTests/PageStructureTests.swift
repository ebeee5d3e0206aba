// Every page the default theme writes has the same landmarks and an outline without gaps: one h1, and no
// heading more than one level below the one before it (WCAG 1.3.1; screen-reader users navigate by both).
import Foundation
import Testing
@testable import Folio

@Suite struct PageStructureTests {
    @Test func everyPageOfAFullSiteHasLandmarksAndHeadingsInOrder() throws {
        let site = try TestSite([
            "Content/site.yml": TestSite.siteConfig + HomeProfileTests.profile,
            "Content/pages/index.md": "---\ntitle: Home\n---\n\nAn introduction.\n",
            "Content/pages/about.md": "---\ntitle: About\n---\n\n## Work\n\nText.\n\n### Detail\n\nMore.\n",
            "Content/series/outbox/series.yml": "title: Outbox\nsummary: Parts.\nstatus: ongoing\n",
            "Content/series/outbox/01-one.md": post("One", extra: "tags: [messaging]\n",
                                                   body: "## First\n\nText.\n\n### Deeper\n\nText.\n\n## Second\n\nText."),
            "Content/series/outbox/02-two.md": post("Two", date: "2024-03-02", extra: "tags: [messaging, sql]\n"),
            "Content/posts/alone.md": post("Alone", date: "2023-05-01", extra: "tags: [sql]\n",
                                           body: "> [!NOTE]\n> A callout.\n\n## Only\n\nText."),
        ], theme: .default)
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        let pages = htmlFiles(in: site.root + "/public")
        #expect(pages.keys.sorted() == [
            "404.html", "about/index.html", "archive/index.html", "index.html", "posts/alone/index.html",
            "posts/one/index.html", "posts/two/index.html", "series/index.html", "series/outbox/index.html",
            "tags/index.html", "tags/messaging/index.html", "tags/sql/index.html",
        ])
        for (path, html) in pages { assertStructure(of: html, at: path) }
    }

    @Test func theRepositorysOwnPagesHaveHeadingsInOrder() throws {
        let output = NSTemporaryDirectory() + "folio-structure-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        var options = BuildOptions(root: TestSite.repositoryRoot)
        options.output = output
        options.includeDrafts = true
        let report = Pipeline.build(options)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        let pages = htmlFiles(in: output)
        // The repository's content grows, so its pages are not listed here: the output holds exactly the pages
        // the build rendered, and every kind of page is among them.
        #expect(pages.count == report.pagesRendered)
        for kind in ["index.html", "404.html", "about/index.html", "archive/index.html", "search/index.html",
                     "series/index.html", "tags/index.html"] {
            #expect(pages[kind] != nil, "\(kind)")
        }
        for (path, html) in pages { assertStructure(of: html, at: path) }
    }

    private func assertStructure(of html: String, at path: String) {
        #expect(html.components(separatedBy: #"<main id="main""#).count == 2, "\(path): one <main id=\"main\">")
        #expect(html.contains(##"<a class="skip-link" href="#main">"##), "\(path): a skip link to the main content")
        #expect(html.components(separatedBy: "<header class=\"site-header\"").count == 2, "\(path): one banner")
        #expect(html.components(separatedBy: "<footer class=\"site-footer\"").count == 2, "\(path): one footer")
        for nav in html.components(separatedBy: "<nav").dropFirst() {
            #expect(nav.prefix { $0 != ">" }.contains("aria-label="), "\(path): every <nav> is labelled")
        }
        let levels = headingLevels(in: html)
        #expect(levels.filter { $0 == 1 }.count == 1, "\(path): exactly one h1, got \(levels)")
        #expect(levels.first == 1, "\(path): the first heading is the h1, got \(levels)")
        for (previous, next) in zip(levels, levels.dropFirst()) where next > previous + 1 {
            Issue.record("\(path): h\(previous) is followed by h\(next): \(levels)")
        }
    }

    private func headingLevels(in html: String) -> [Int] {
        var levels: [Int] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<h") {
            rest = rest[open.upperBound...]
            if let digit = rest.first?.wholeNumberValue, (1...6).contains(digit),
               let after = rest.dropFirst().first, after == ">" || after == " " {
                levels.append(digit)
            }
        }
        return levels
    }

    private func htmlFiles(in folder: String) -> [String: String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var pages: [String: String] = [:]
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".html"),
                  let html = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { continue }
            pages[relative] = html
        }
        return pages
    }
}
