// Every example of the GFM spec's extension sections that Folio implements (tables, task list items,
// strikethrough, extended autolinks), read from GFMSpec/spec-0.29-gfm-extensions.txt with the spec's example
// numbers, rendered by Folio and compared with the spec's HTML as the spec's runner compares it (SpecHTML).
// Folio's deliberate differences are undone by name in SpecHTML.undoingFolioDifferences, never skipped.
import Foundation
import Testing
@testable import Folio

struct SpecExample: CustomTestStringConvertible, Sendable {
    var number: Int
    var section: String
    var markdown: String
    var html: String

    var testDescription: String { "example \(number) (\(section))" }

    /// The examples of a file in the spec's format: "```` example N", Markdown, ".", HTML, "````".
    static func all(in file: String) -> [SpecExample] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var section = ""
        var current: (number: Int, lines: [String])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var open = current {
                if line == fence {
                    let parts = open.lines.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                    let markdown = parts[0].joined(separator: "\n") + "\n"
                    let html = parts.count > 1 ? parts[1].joined(separator: "\n") + "\n" : ""
                    examples.append(SpecExample(
                        number: open.number, section: section,
                        markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                        html: html.replacingOccurrences(of: "→", with: "\t")))
                    current = nil
                } else {
                    open.lines.append(line)
                    current = open
                }
            } else if line.hasPrefix("## ") {
                section = String(line.dropFirst(3))
            } else if line.hasPrefix(fence + " example "), let number = Int(line.dropFirst(fence.count + 9)) {
                current = (number, [])
            }
        }
        return examples
    }
}

@Suite struct GFMSpecTests {
    static let examples = SpecExample.all(in: "GFMSpec/spec-0.29-gfm-extensions.txt")

    @Test(arguments: examples)
    func rendersAsTheSpecSays(_ example: SpecExample) {
        let rendered = Folio.renderFragment(example.markdown, displayPath: "example-\(example.number).md")
        let actual = SpecHTML.normalized(SpecHTML.undoingFolioDifferences(rendered.html))
        let expected = SpecHTML.normalized(example.html)
        #expect(actual == expected, "spec example \(example.number)\nMarkdown:\n\(example.markdown)")
    }

    /// The data file holds every example of the four sections: 8 tables, 2 task lists, 2 strikethrough, 11 autolinks.
    @Test func theDataFileHoldsEveryExampleOfTheFourSections() {
        let numbers = Self.examples.map(\.number)
        #expect(numbers == Array(198...205) + [279, 280, 491, 492] + Array(621...631))
    }

    @Test func theNormalisationComparesWhatMatters() {
        #expect(SpecHTML.normalized("<p>a  b\n</p>\n<ul>\n<li>x</li>\n</ul>") == "<p>a b</p><ul><li>x</li></ul>")
        #expect(SpecHTML.normalized(#"<input type="checkbox" disabled="" />"#)
            == SpecHTML.normalized(#"<input disabled type=checkbox>"#))
        #expect(SpecHTML.normalized("<p>&#39;a&#39;</p>") == SpecHTML.normalized("<p>'a'</p>"))
        #expect(SpecHTML.normalized("<p><em>a</em></p>") != SpecHTML.normalized("<p><strong>a</strong></p>"))
        #expect(SpecHTML.normalized("<p>a b</p>") != SpecHTML.normalized("<p>ab</p>"))
    }
}
