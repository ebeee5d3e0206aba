// Diagrams: every `DiagramGolden/<name>.mmd` renders to exactly `<name>.svg`. A golden must be right, not just
// stable: look at it (FOLIO_DIAGRAM_PREVIEW below) before accepting it.
// To accept a deliberate change: FOLIO_UPDATE_GOLDEN=1 swift test --filter DiagramGoldenTests, review the diff.
// To look at all of them in a browser, light and dark:
//   FOLIO_DIAGRAM_PREVIEW=/tmp/diagrams swift test --filter DiagramGoldenTests
//   chromium --headless --no-sandbox --screenshot=/tmp/d.png --window-size=1280,4000 file:///tmp/diagrams/index.html
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Folio

@Suite struct DiagramGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("DiagramGolden")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".mmd") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test(arguments: cases)
    func rendersAsGolden(_ name: String) throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent("\(name).mmd"), encoding: .utf8)
        let actual = try Diagram.render(source, idPrefix: "g-\(name)").svg + "\n"
        let goldenURL = Self.folder.appendingPathComponent("\(name).svg")
        if ProcessInfo.processInfo.environment["FOLIO_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: goldenURL)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(actual == expected, "\(name).mmd rendered differently from \(name).svg")
        #expect(XMLCheck.isWellFormed(actual), "\(name).svg is not well-formed XML")
    }

    /// With FOLIO_DIAGRAM_PREVIEW=<folder>: one HTML page with every golden, styled by the default theme.
    @Test func writesPreviewWhenAsked() throws {
        guard let folder = ProcessInfo.processInfo.environment["FOLIO_DIAGRAM_PREVIEW"] else { return }
        let css = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Themes/default/assets/site.css")
        var page = "<!doctype html><html><head><meta charset=utf-8>"
            + "<meta name=viewport content='width=device-width,initial-scale=1'>"
            + "<link rel=stylesheet href='\(css.absoluteString)'></head><body><main class='prose' style='padding:1rem'>"
        for name in Self.cases {
            let source = try String(contentsOf: Self.folder.appendingPathComponent("\(name).mmd"), encoding: .utf8)
            let svg = (try? Diagram.render(source, idPrefix: "p-\(name)").svg) ?? "<p>failed</p>"
            page += "<h3>\(name)</h3><figure class='diagram'>\(svg)</figure>"
        }
        page += "</main></body></html>"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("index.html"))
    }
}

/// Well-formedness through Foundation's XML parser (the same check the Atom feed tests use).
enum XMLCheck {
    static func isWellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
