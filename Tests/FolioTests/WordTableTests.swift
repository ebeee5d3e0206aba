// The highlighter finds listed words by their bytes (`WordTable`): every word of every C-like grammar must be
// found with the kind its lists give it, and nothing else may be found.
import Testing
@testable import Folio

@Suite struct WordTableTests {
    @Test func everyListedWordIsFoundWithItsKindAndOthersAreNot() {
        var checked = 0
        for case let grammar as CLikeGrammar in Grammars.all {
            var expected: [String: TokenKind] = [:]
            for (words, kind) in [(grammar.builtins, TokenKind.builtin), (grammar.types, .type),
                                  (grammar.constants, .constant), (grammar.keywords, .keyword)] {
                for word in words { expected[word] = kind }  // later lists win: keywords over all
            }
            for (word, kind) in expected {
                let bytes = Array(word.utf8)
                #expect(grammar.wordKinds.kind(of: bytes, from: 0, to: bytes.count) == kind, "\(grammar.names[0]): \(word)")
                // The same word inside a longer text, and one byte longer or shorter, which is another word.
                let inside = Array("x.".utf8) + bytes + Array("(y".utf8)
                #expect(grammar.wordKinds.kind(of: inside, from: 2, to: 2 + bytes.count) == kind)
                let longer = bytes + [0x5F]
                #expect(grammar.wordKinds.kind(of: longer, from: 0, to: longer.count)
                        == expected[String(decoding: longer, as: UTF8.self)])
                #expect(grammar.wordKinds.kind(of: bytes, from: 0, to: bytes.count - 1)
                        == expected[String(decoding: bytes.dropLast(), as: UTF8.self)])
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func randomWordsMatchADictionary() {
        var random = SplitMix(seed: 7)
        let letters = Array("abcdefghijklmnopqrstuvwxyzAB_9é".utf8)
        func word() -> String {
            let length = 1 + random.next(below: 24)
            return String(decoding: (0..<length).map { _ in letters[random.next(below: letters.count)] }, as: UTF8.self)
        }
        let listed = (0..<400).map { _ in word() }
        var reference: [String: TokenKind] = [:]
        var pairs: [(String, TokenKind)] = []
        for (index, word) in listed.enumerated() {
            let kind: TokenKind = index % 2 == 0 ? .keyword : .type
            if reference[word] == nil { reference[word] = kind }
            pairs.append((word, kind))
        }
        let table = WordTable(pairs)
        for candidate in listed + (0..<4_000).map({ _ in word() }) {
            let bytes = Array(candidate.utf8)
            #expect(table.kind(of: bytes, from: 0, to: bytes.count) == reference[candidate], "\(candidate)")
        }
    }

    @Test func caseIsIgnoredForASCIILettersOnly() {
        // Listed in lower case; looked up in any mix of cases, it is the same word. A digit, `_` or `@` has no
        // case, and `[` (0x5B, just past `Z`) must not become `{`.
        let table = WordTable([("select", .keyword), ("timestamptz", .type), ("int8", .type), ("a_b", .keyword),
                               ("materialized_view_x", .keyword)])
        var random = SplitMix(seed: 5)
        for word in ["select", "timestamptz", "int8", "a_b"] {
            for _ in 0..<20 {
                let mixed = word.utf8.map { byte in random.next(below: 2) == 0 ? Scanner.lower(byte) : upper(byte) }
                #expect(table.kindIgnoringCase(of: mixed, from: 0, to: mixed.count) != nil, "\(mixed)")
                #expect(table.kindIgnoringCase(of: mixed + [0x5A], from: 0, to: mixed.count + 1) == nil)
            }
        }
        for other in ["selec", "selectt", "int9", "a[b", "A{B", "SELECT@"] {
            let bytes = Array(other.utf8)
            #expect(table.kindIgnoringCase(of: bytes, from: 0, to: bytes.count) == nil, "\(other)")
        }
        let long = Array("MATERIALIZED_View_X".utf8)
        #expect(table.kindIgnoringCase(of: long, from: 0, to: long.count) == .keyword, "words past 16 bytes too")
    }

    private func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte }
}
