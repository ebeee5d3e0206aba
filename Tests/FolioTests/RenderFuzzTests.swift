// A fuzz target for `folio render`: random documents built from the pieces hostile input is made of (deep
// containers, fences of every language with broken code, Mermaid fragments, attributes with absurd numbers)
// must render without a crash, and every diagnostic must be located. `make test` runs a bounded number of cases;
// `make fuzz` runs many more (FOLIO_FUZZ_CASES, FOLIO_FUZZ_SEED).
import Foundation
import Testing
@testable import Folio

@Suite struct RenderFuzzTests {
    static let cases = Int(ProcessInfo.processInfo.environment["FOLIO_FUZZ_CASES"] ?? "") ?? 150
    static let seed = UInt64(ProcessInfo.processInfo.environment["FOLIO_FUZZ_SEED"] ?? "") ?? 0x5EED_F011

    /// SplitMix (the engine's seeded generator): a failing case is replayed from its seed.
    @Test func randomDocumentsRenderWithLocatedDiagnostics() {
        var random = SplitMix(seed: Self.seed)
        for index in 0..<Self.cases {
            let document = FuzzDocument.make(using: &random)
            let rendered = Folio.renderFragment(document)
            for diagnostic in rendered.diagnostics {
                guard let location = diagnostic.location else {
                    Issue.record("case \(index) (seed \(Self.seed)): unlocated diagnostic \(diagnostic)")
                    continue
                }
                #expect(location.line >= 1 && location.column >= 1, "case \(index) (seed \(Self.seed))")
                #expect(!diagnostic.message.isEmpty)
            }
            #expect(!rendered.html.contains("Optional("), "case \(index) (seed \(Self.seed))")
        }
    }
}

enum FuzzDocument {
    static let inline = [
        "word", " ", "*", "**", "_", "`", "``", "~~", "[", "]", "(", ")", "![", "<", ">", "&amp;", "&#x0;", "\\",
        "[^1]", "www.example.com", "https://x.y/(a)", "a@b.co", "<span>", "</div>", "\u{0B}", "\u{FFFE}", "é", "🙂",
        "[link](other.md#frag)", "[x](https://example.org)", "<!--", "-->", "|", ":::", "\"", "'", "{{x}}",
    ]
    static let blockPrefixes = [
        "", "- ", "* ", "1. ", "> ", "# ", "###### ", "    ", "- [ ] ", "- [x] ", "> [!NOTE]\n> ", "[^1]: ",
        "| a | b |\n| --- | --- |\n| ", "---\n", "***\n", "<div>\n",
    ]
    static let code = [
        "func f() {", "}", "\"unterminated", "'", "/*", "*/", "\"\"\"", "`", "${x}", "#", "--", "//", "\\", "<<EOF",
        "0x", "1e9", "SELECT * FROM t WHERE a = 'b", "rate(x[5m])", "FROM golang:1.27 AS build", "\t", "é", "\u{0}",
    ]
    static let mermaid = [
        "A-->B", "B---C", "C-.->D", "D==>A", "A -- text --> B", "A-->|label|B", "subgraph S", "subgraph", "end",
        "A[box]", "B(round)", "C{diamond}", "D((circle))", "E>flag]", "F[/para/]", "G@{ shape: rect, label: \"x\" }",
        "style A fill:#f00", "classDef c fill:#0f0", "class A c", "A:::c", "%% comment", "direction LR",
        "participant P", "P->>Q: hello", "Q-->>P: back", "loop every", "alt x", "else", "note over P: n",
        "accDescr { d", "}", "\"quoted", "#quot;", "&amp;", "<br>", "\\n",
    ]

    static func make(using random: inout SplitMix) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5: out += paragraph(using: &random)
            case 5..<8: out += fence(using: &random)
            case 8: out += String(repeating: blockPrefixes.randomElement(using: &random)!, count: Int.random(in: 1...300, using: &random)) + "x\n\n"
            default: out += mermaidFence(using: &random)
            }
        }
        return out
    }

    private static func paragraph(using random: inout SplitMix) -> String {
        var line = blockPrefixes.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...20, using: &random) { line += inline.randomElement(using: &random)! }
        return line + "\n\n"
    }

    private static func fence(using random: inout SplitMix) -> String {
        let language = (Grammars.languages + ["text", "output", "unknown-lang", ""]).randomElement(using: &random)!
        var info = language
        if Bool.random(using: &random) {
            let a = Int.random(in: -5...Int.max, using: &random), b = Int.random(in: -5...Int.max, using: &random)
            info += " highlight=\"\(Bool.random(using: &random) ? "\(a)" : "\(a)-\(b)")\""
        }
        if Bool.random(using: &random) { info += " title=\"<x>\" linenos" }
        var body = ""
        for _ in 0..<Int.random(in: 0...15, using: &random) {
            body += code.randomElement(using: &random)! + (Bool.random(using: &random) ? "\n" : " ")
        }
        return "```\(info)\n\(body)\n```\n\n"
    }

    private static func mermaidFence(using random: inout SplitMix) -> String {
        let header = ["flowchart TD", "graph LR", "sequenceDiagram", "flowchart", "pie", "nonsense"]
            .randomElement(using: &random)!
        var body = header + "\n"
        for _ in 0..<Int.random(in: 0...25, using: &random) {
            body += "  " + mermaid.randomElement(using: &random)! + "\n"
        }
        return "```mermaid\n\(body)```\n\n"
    }
}
