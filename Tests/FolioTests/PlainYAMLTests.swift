// The plain front-matter reader (PlainYAML) against Yams: for whatever it accepts, the same nodes and key lines
// Yams composes, and the same front matter, diagnostics and key lines from the whole decoding; everything
// else it leaves to Yams.
import Foundation
import Testing
import Yams
@testable import Folio

@Suite struct PlainYAMLTests {
    private let resolver = YAMLDecoding.untypedResolver

    /// The same tree, scalar by scalar: text and style, and the kind and style of every collection.
    private func same(_ left: Node, _ right: Node) -> Bool {
        switch (left, right) {
        case (.scalar(let a), .scalar(let b)):
            return a.string == b.string && a.style == b.style && a.tag.description == b.tag.description
        case (.sequence(let a), .sequence(let b)):
            return a.style == b.style && a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.style == b.style && a.count == b.count
                && zip(a, b).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default:
            return false
        }
    }

    /// Checks `text` against Yams when PlainYAML accepts it; returns whether it did.
    @discardableResult
    private func agreesWithYams(_ text: String) throws -> Bool {
        guard let entries = PlainYAML.mapping(text, resolver: resolver) else { return false }
        let plain = PlainYAML.node(entries, resolver: resolver)
        let composed = try #require(try Yams.compose(yaml: text, resolver, .default, .utf8), "Yams found no document in:\n\(text)")
        #expect(same(plain, composed), "different nodes for:\n\(text)")
        let yamsLines = (composed.mapping ?? [:]).compactMap { $0.key.mark?.line }
        #expect(entries.map(\.line) == yamsLines, "different key lines for:\n\(text)")
        #expect(PlainYAML.valueCount(entries) == Self.values(in: composed), "a different value count for:\n\(text)")
        return true
    }

    /// Every node below `node` and itself, as `YAMLLimits.exceedsValueBudget` counts them.
    private static func values(in node: Node) -> Int {
        switch node {
        case .mapping(let mapping): 1 + mapping.reduce(0) { $0 + values(in: $1.key) + values(in: $1.value) }
        case .sequence(let sequence): 1 + sequence.reduce(0) { $0 + values(in: $1) }
        default: 1
        }
    }

    @Test(arguments: [
        "title: A post\ndate: 2024-05-01\n",
        "title: \"Retries: a field guide\"\ndraft: false\npart: 3\n",
        "title: 'Single, quoted'\ntags: [go, grpc, \"load balancing\"]\n",
        "title: x\ntags:\n  - go\n  - 'swift'\n\nsummary: done\n",
        "title: x\ntags:\n- compact\n- list\n",
        "title: Généralités — über naïve\ncanonical: https://example.org/a/b?c=d\n",
        "title: Brackets [ok] and {braces}, commas\nslug: a-b_c\n",
        "title: x\nsummary:\nimage:   /images/a.png   \n",
        "title: x\ntags: []\ndraft: yes\n",
        "title: x\ntags: [ ]\n",
        "title: Don't \"panic\"\n",
    ])
    func usualFrontMatterIsReadAsYamsReadsIt(_ text: String) throws {
        #expect(try agreesWithYams(text), "not read plainly:\n\(text)")
    }

    @Test(arguments: [
        "title: x # a comment\n", "# comment\ntitle: x\n", "summary: >-\n  folded\n  text\n", "summary: |\n  literal\n",
        "title: \"an \\\"escape\\\"\"\n", "title: 'it''s'\n", "author:\n  name: x\n", "title: &a x\nslug: *a\n",
        "title: !!str 1\n", "title:\tx\n", "title: x\r\n", "title: x\ntitle: y\n", "title: a: b\n", "title: x:\n",
        "title: first line\n  continued\n", "tags: [a, [b]]\n", "tags: [a, ]\n", "tags: [\"a, b\"]\n", "tags: - a\n",
        "tags:\n  - a\n   - b\n", "tags:\n  - a: b\n", "tags:\n  -\n", "  title: indented\n", "title : x\n", "title:x\n",
        "---\ntitle: x\n", "part: -1\n", "title: @x\n", "", "\n\n", "title: \u{85}x\n", "title: x\u{2028}y\n",
        "\u{FEFF}title: x\n", "9lives: x\n", "title: [a, b] c\n",
    ])
    func anythingElseIsLeftToYams(_ text: String) {
        #expect(PlainYAML.mapping(text, resolver: resolver) == nil, "read plainly, but should not be:\n\(text)")
    }

    /// Random front matter from pieces of both kinds: whatever PlainYAML accepts gives Yams' nodes, and the whole
    /// decoding (fast reading on and off) gives the same front matter, diagnostics and key lines.
    @Test func randomFrontMatterDecodesTheSameEitherWay() throws {
        let keys = ["title", "date", "summary", "tags", "draft", "slug", "part", "series", "image", "canonical", "updated", "titel"]
        let values = [
            "A title", "\"Quoted: with colon\"", "'single'", "2024-01-02", "2024-01-02T03:04:05Z", "not a date", "true",
            "false", "yes", "Off", "12", "1_000", "0x1F", "-3", "null", "~", "", "[a, b]", "[]", "[\"x\", 'y', z]",
            "x # comment", ">-", "|", "a: b", "\"unclosed", "[a, [b]]", "*alias", "&anchor v", "C#", "ünï cödé",
            "[1, 2]", "x:y", "a, b", "{a: b}", "\"\"", "''", "'it''s'",
        ]
        let items = ["  - go", "  - \"quoted item\"", "- compact", "    - deeper", "  - a: b", "  -", "  - [x]", "  - 'x'"]
        var random = SplitMix(seed: 23)
        var plainCount = 0
        for _ in 0..<3000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let key = keys.randomElement(using: &random)!
                let value = values.randomElement(using: &random)!
                lines.append(value.isEmpty ? "\(key):" : "\(key): \(value)")
                if value.isEmpty {
                    for _ in 0..<Int.random(in: 0...3, using: &random) { lines.append(items.randomElement(using: &random)!) }
                }
                if Int.random(in: 0..<10, using: &random) == 0 { lines.append("") }
            }
            let text = lines.joined(separator: "\n") + "\n"
            if try agreesWithYams(text) { plainCount += 1 }

            var plain = YAMLDecoding(path: "a.md", firstLine: 2, what: "front matter")
            var full = plain
            full.usesPlainReading = false
            plain.usesPlainReading = true
            var plainLines: [String: Int] = [:], fullLines: [String: Int] = [:]
            var plainDiagnostics: [Diagnostic] = [], fullDiagnostics: [Diagnostic] = []
            let plainResult = plain.decode(FrontMatter.self, from: text, keyLines: &plainLines, into: &plainDiagnostics)
            let fullResult = full.decode(FrontMatter.self, from: text, keyLines: &fullLines, into: &fullDiagnostics)
            #expect(plainResult == fullResult, "\(text)")
            #expect(plainDiagnostics.map(\.description) == fullDiagnostics.map(\.description), "\(text)")
            #expect(plainLines == fullLines, "\(text)")
        }
        // Both kinds were tried: many read plainly, many left to Yams.
        #expect(plainCount > 100 && plainCount < 2900, "\(plainCount) of 3000 read plainly")
    }
}
