// Diagram files: every diagram is also a standalone SVG and a 2× PNG under /diagrams/, named by a digest of its
// source so the names survive rebuilds, and linked from its figure.
import Foundation
import Testing
@testable import Folio

@Suite struct DiagramFileTests {
    static let diagram = """
        ```mermaid
        sequenceDiagram
            Client->>Server: GET /orders
            Server-->>Client: 200
        ```
        """

    @Test func eachDiagramIsWrittenAsSVGAndTwiceSizedPNGAndLinkedFromItsFigure() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: Self.diagram),
            "Content/posts/b.md": post("B", body: "Same diagram, another page:\n\n" + Self.diagram),
        ])
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(report.diagramsDrawn == 1)  // one source, one file, whichever pages show it
        let name = StableDigest.hex("sequenceDiagram\n    Client->>Server: GET /orders\n    Server-->>Client: 200\n")
        let html = try site.read("public/posts/a/index.html")
        #expect(html.contains(#"<a href="/diagrams/\#(name).svg" download aria-label="Download the diagram as SVG">SVG</a>"#))
        #expect(html.contains(#"<a href="/diagrams/\#(name).png" download aria-label="Download the diagram as PNG">PNG</a>"#))
        #expect(try site.read("public/posts/b/index.html").contains("/diagrams/\(name).svg"))

        let svg = try site.read("public/diagrams/\(name).svg")
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("font-family=\""))
        #expect(!svg.contains("var(--"))  // colours are inlined, not taken from the page's stylesheet
        let file = try #require(DiagramFile.make(source: "sequenceDiagram\n    Client->>Server: GET /orders\n    Server-->>Client: 200\n"))
        let png = try #require(FileManager.default.contents(atPath: site.root + "/public/diagrams/\(name).png"))
        let size = try #require(ImageSize.read(png))
        #expect(size.width == Int((file.width * 2).rounded(.up)) && size.height == Int((file.height * 2).rounded(.up)))
        #expect(try site.read("public/.folio-output").contains("diagrams/\(name).png"))
    }

    @Test func namesAreStableAcrossBuildsAndTheSecondBuildDrawsNothing() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: Self.diagram)])
        defer { site.destroy() }
        #expect(site.build().diagramsDrawn == 1)
        let first = site.snapshot().keys.filter { $0.hasPrefix("diagrams/") }.sorted()
        try site.write("Content/posts/a.md", post("A, retitled", body: "New words.\n\n" + Self.diagram))
        let report = site.build()
        #expect(report.diagramsDrawn == 0)
        #expect(site.snapshot().keys.filter { $0.hasPrefix("diagrams/") }.sorted() == first)
        #expect(first.count == 2)
    }

    @Test func aStaticFileInADiagramsPlaceIsAnError() throws {
        let name = StableDigest.hex("sequenceDiagram\n    Client->>Server: GET /orders\n    Server-->>Client: 200\n")
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: Self.diagram),
            "Content/static/diagrams/\(name).png": "not a diagram",
        ])
        defer { site.destroy() }
        let errors = site.build(write: false).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["Content/static/diagrams/\(name).png:1:1: error: static file would overwrite a page the site "
                           + "generates: /diagrams/\(name).png"])
    }
}
