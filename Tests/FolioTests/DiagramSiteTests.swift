// Diagrams in a whole site: fences become inline SVG in the post, ids stay unique on the page and in the feed,
// and a broken diagram stops the build at its place in the Markdown file.
import Foundation
import Testing
@testable import Folio

@Suite struct DiagramSiteTests {
    static let body = """
        Intro.

        ```mermaid
        sequenceDiagram
            participant API
            participant DB as PostgreSQL
            API->>+DB: INSERT order and outbox row
            DB-->>-API: COMMIT
        ```

        1. A list item with a flowchart inside:

           ```mermaid
           flowchart LR
               api[API] -->|one transaction| db[(PostgreSQL)]
               db --> relay([Relay])
           ```
        """

    @Test func diagramsAppearInlineWithUniqueIDs() throws {
        let site = try TestSite([
            "Content/posts/flows.md": post("Flows", extra: "tags: [messaging]", body: Self.body),
            "Content/posts/again.md": post("Again", date: "2024-03-02", body: Self.body),
        ])
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = try site.read("public/posts/flows/index.html")
        #expect(page.components(separatedBy: "<figure class=\"diagram\"><svg").count == 3)
        #expect(page.contains("diagram-sequence") && page.contains("diagram-flowchart"))
        #expect(!page.contains("language-mermaid") && !page.contains("sequenceDiagram"))
        #expect(page.contains(">PostgreSQL<"))
        for svg in page.components(separatedBy: "<svg").dropFirst() {
            let inside = svg.components(separatedBy: "</svg>")[0]
            #expect(!inside.contains("<script") && !inside.contains("foreignObject"))
        }
        try expectUniqueIDs(in: page)
        // The feed carries both posts in full: their diagrams' ids must not collide either.
        try expectUniqueIDs(in: HTML.decodeBasicEntities(try site.read("public/feed.xml")))
    }

    @Test func aBrokenDiagramIsAnErrorAtItsPlaceInTheFile() throws {
        let site = try TestSite([
            "Content/posts/bad.md": post("Bad", body: "Text.\n\n- item\n\n  ```mermaid\n  flowchartt LR\n  A --> B\n  ```\n"),
        ])
        defer { site.destroy() }
        let report = site.build()
        // Front matter is lines 1-4, a blank line, then the body: the fence opens on line 10.
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/bad.md:11:3: error: unknown diagram type 'flowchartt': expected 'sequenceDiagram', "
                + "'flowchart', 'graph', 'xychart-beta' or 'pie'; did you mean 'flowchart'?",
        ])
        #expect(report.filesWritten == 0)
    }

    @Test func anUnsupportedDiagramIsShownAsCodeWithAWarning() throws {
        let site = try TestSite([
            "Content/posts/gantt.md": post("Gantt", body: "```mermaid\ngantt\n    title A plan\n```\n"),
        ])
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/gantt.md:6:1: warning: Mermaid 'gantt' diagrams are not drawn by Folio (it draws "
                + "sequenceDiagram, flowchart, xychart-beta and pie); the source is shown as code",
        ])
        let page = try site.read("public/posts/gantt/index.html")
        #expect(page.contains("A plan") && page.contains("<pre"))
    }

    private func expectUniqueIDs(in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let pattern = try NSRegularExpression(pattern: #" id="([^"]+)""#)
        let range = NSRange(text.startIndex..., in: text)
        var seen: [String: Int] = [:]
        for match in pattern.matches(in: text, range: range) {
            seen[String(text[Range(match.range(at: 1), in: text)!]), default: 0] += 1
        }
        let duplicates = seen.filter { $0.value > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "duplicate ids: \(duplicates)", sourceLocation: sourceLocation)
        #expect(seen.keys.contains { $0.hasSuffix("-title") }, sourceLocation: sourceLocation)
    }
}
