// Syntax highlighting: golden files per language (`HighlightGolden/<language>.txt` is the code, `<language>.html`
// the expected highlighted lines), inert output for hostile input, and termination on any input.
// To accept a deliberate change: FOLIO_UPDATE_GOLDEN=1 swift test --filter HighlightTests, then review the diff.
import Foundation
import Testing
@testable import Folio

@Suite struct HighlightTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("HighlightGolden")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test(arguments: cases)
    func highlightsAsGolden(_ language: String) throws {
        let code = try String(contentsOf: Self.folder.appendingPathComponent("\(language).txt"), encoding: .utf8)
        #expect(Grammars.named(language) != nil, "no grammar answers to '\(language)'")
        let actual = Highlighter.html(code, language: language)
        let goldenURL = Self.folder.appendingPathComponent("\(language).html")
        if ProcessInfo.processInfo.environment["FOLIO_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: goldenURL)
        }
        let expected = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(actual == expected, "\(language).txt highlighted differently from \(language).html")
    }

    @Test(arguments: TokenKind.allCases)
    func eachKindOpensASpanWithItsClass(_ kind: TokenKind) {
        let tag = Highlighter.Markup.open(kind)
        let text = String(decoding: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount), as: UTF8.self)
        #expect(text == "<span class=\"\(kind.cssClass)\">")
    }

    @Test func everyLanguageHasAGoldenFile() {
        for language in Grammars.languages {
            #expect(Self.cases.contains(language), "missing HighlightGolden/\(language).txt")
        }
    }

    @Test func aliasesFindTheirGrammar() {
        for (alias, canonical) in [("golang", "go"), ("ts", "typescript"), ("yml", "yaml"), ("shell", "bash"),
                                   ("proto", "protobuf"), ("Dockerfile", "dockerfile"), ("sh", "bash")] {
            #expect(Grammars.named(alias)?.names.first == canonical, "\(alias) should be \(canonical)")
        }
    }

    @Test(arguments: Grammars.languages)
    func hostileCodeComesOutInert(_ language: String) {
        let html = Highlighter.html("</code></pre><script>alert(1)</script>\n\"<img src=x onerror=alert(1)>", language: language)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("</code>"))
    }

    /// Random bytes (valid UTF-8 or not, with every delimiter the grammars care about) must always finish,
    /// escape every `<`, and keep the text: stripping the tags and entities gives the input back.
    @Test(arguments: Grammars.languages)
    func anyInputTerminatesAndKeepsTheText(_ language: String) {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("\"'`#/*\\$({[]})<>&;:=-+ \t\n\n\rabcXYZ019_.!|@~%^,?\u{0}é🙂".unicodeScalars)
        for round in 0..<200 {
            let length = Int.random(in: 0...(round < 100 ? 40 : 400), using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            let html = Highlighter.html(text, language: language)
            // Compared as bytes: as Characters, "\r\n" is one grapheme and would hide a lost "\n".
            let stripped = Array(HTML.plainText(fromFragment: html).utf8)
            var expected = Array(text.utf8)
            if expected.last == 0x0A { expected.removeLast() }
            expected.append(0x0A)
            #expect(stripped == expected, "text lost for \(language) on input \(text.debugDescription)")
            if stripped != expected { return }
        }
    }

    /// The kind of each token, with its text.
    private func kinds(_ code: String, _ language: String) -> [String: TokenKind] {
        guard let (bytes, tokens) = Highlighter.tokens(code, language: language) else { return [:] }
        var result: [String: TokenKind] = [:]
        for token in tokens { result[String(decoding: bytes[token.start..<token.end], as: UTF8.self)] = token.kind }
        return result
    }

    @Test func sqlWordsAreFoundInAnyCaseAndUnicodeWordsAsLowerCased() {
        let found = kinds("SeLeCt NULL, x::TIMESTAMPTZ FROM t WHERE \u{212A}ey = count(1)", "sql")
        #expect(found["SeLeCt"] == .keyword)
        #expect(found["NULL"] == .constant)
        #expect(found["TIMESTAMPTZ"] == .type)
        #expect(found["FROM"] == .keyword)
        #expect(found["\u{212A}ey"] == .keyword, "the Kelvin sign lower-cases to k: `key`, as before")
        #expect(found["count"] == .function)
        #expect(found["x"] == nil && found["t"] == nil)
    }

    @Test func shellWordsAreReadOnTheirBytes() {
        let found = kinds("for f in *.md; do\n  FOO=1 echo inf 1.5e3 nan 0x1p3 naan \"$f\"\n  caf\u{E9}=2 run\ndone\nx=\n", "bash")
        #expect(found["for"] == .keyword && found["in"] == .keyword && found["do"] == .keyword)
        #expect(found["f"] == nil, "after `for` comes a name, not a command")
        #expect(found["FOO="] == .variable, "an assignment before the command")
        #expect(found["echo"] == .builtin, "the command after it")
        #expect(found["inf"] == .number && found["1.5e3"] == .number && found["nan"] == .number
                && found["0x1p3"] == .number)
        #expect(found["naan"] == nil)
        #expect(found["caf\u{E9}="] == .variable, "a word with other letters is read as text, to the same end")
        #expect(found["run"] == .function)
        #expect(found["x="] == .variable)
    }

    @Test func yamlScalarsAreClassifiedAsTheirTextIs() {
        // The byte reading of a plain scalar against the reading of its text (lower-cased, then `Double`).
        func reference(_ text: String) -> TokenKind {
            if ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased()) { return .constant }
            return Double(text) != nil || text.hasPrefix("0x") ? .number : .string
        }
        var random = SplitMix(seed: 9)
        let pieces = ["t", "R", "u", "E", "f", "a", "l", "s", "y", "o", "N", "n", "i", "I", "F", "~", "0", "1", "9", ".",
                      "+", "-", "e", "x", "p", "_", " ", "é", "\u{212A}", "(", ")"]
        var samples = ["TRUE", "On", "oFF", "Null", "~", "0x1F", "0x", "+.5", "-1", "inf", "-Infinity", "NaN", "nan(1)",
                       "1e3", "1_000", "-", ".", "yes!", "é", "", "0x1p3", "1.5 "]
        for _ in 0..<3_000 {
            samples.append((0..<(1 + random.next(below: 7))).map { _ in pieces[random.next(below: pieces.count)] }.joined())
        }
        for text in samples {
            #expect(YAMLGrammar.scalarKind(Array(text.utf8)[...]) == reference(text), "\(text.debugDescription)")
        }
    }
}
