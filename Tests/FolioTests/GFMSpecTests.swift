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

    static let cmarkGFMExamples = SpecExample.all(in: "GFMSpec/cmark-gfm-extensions.txt")
        .filter { $0.section != "Footnotes" }

    /// cmark-gfm's own cases. Two more differences, stated here: Folio writes an external link's `href` as
    /// written (the browser percent-encodes it; cmark percent-encodes `å` as `%C3%A5`), so hrefs are compared
    /// percent-decoded; and an `<IGNORE>` example only has to render without crashing.
    @Test(arguments: cmarkGFMExamples)
    func rendersAsCmarkGFMDoes(_ example: SpecExample) {
        let rendered = Folio.renderFragment(example.markdown, displayPath: "example-\(example.number).md")
        guard example.html != "<IGNORE>\n" else {
            #expect(!rendered.html.isEmpty)
            return
        }
        let actual = SpecHTML.normalized(SpecHTML.undoingFolioDifferences(rendered.html), decodingHrefs: true)
        let expected = SpecHTML.normalized(example.html, decodingHrefs: true)
        if Self.knownDifferences[example.number] != nil {
            withKnownIssue(Comment(rawValue: Self.knownDifferences[example.number]!)) {
                #expect(actual == expected)
            }
        } else {
            #expect(actual == expected, "cmark-gfm example \(example.number)\nMarkdown:\n\(example.markdown)")
        }
    }

    /// Where Folio is known to render differently from cmark-gfm and has not been changed yet: recorded as a
    /// known issue, so the test says so on every run and fails once the difference is gone (then delete it here).
    static let knownDifferences: [Int: String] = [
        13: "GFMTables parses each cell on its own, so a reference link ([Freedom Planet 2][]) whose definition "
            + "is elsewhere in the document stays text in a table cell",
    ]

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
