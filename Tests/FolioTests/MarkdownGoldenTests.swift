// Golden tests for each Markdown transform: `Golden/<name>.md` rendered must equal `Golden/<name>.html`
// (the fragment, then the table of contents).
// To accept a deliberate change: FOLIO_UPDATE_GOLDEN=1 swift test --filter MarkdownGoldenTests, then review the diff.
import Foundation
import Testing
@testable import Folio

@Suite struct MarkdownGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test(arguments: cases)
    func rendersAsGolden(_ name: String) throws {
        let input = try String(contentsOf: Self.folder.appendingPathComponent("\(name).md"), encoding: .utf8)
        let rendered = Folio.renderFragment(input, displayPath: "\(name).md")
        // The table of contents is part of every golden file, after the fragment.
        let actual = rendered.html + "<!-- table of contents -->\n" + rendered.tocHTML + "\n"
        let goldenURL = Self.folder.appendingPathComponent("\(name).html")
        if ProcessInfo.processInfo.environment["FOLIO_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: goldenURL)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(actual == expected, "\(name).md rendered differently from \(name).html")
    }

    @Test func everyTransformHasAGoldenFile() {
        for transform in [
            "tables", "heading-ids", "callouts", "links-and-images", "toc", "strikethrough", "task-lists", "autolinks",
            "footnotes",
        ] {
            #expect(Self.cases.contains(transform), "missing Golden/\(transform).md")
        }
    }
}
