// A table cell whose text could only parse to that same text is made a text node without a cmark parse
// (`GFMTables.plainText`): the shortcut must never take a cell that parsing would read differently.
import Testing
@testable import Folio

@Suite struct TableCellTests {
    @Test func aCellTakenAsPlainTextParsesToThatOneTextNode() {
        var generator = SplitMix(seed: 41)
        let pieces = ["a", "b", "9", "1", " ", "  ", ".", "-", ":", "@", "~", "#", "+", "=", ">", "*", "_", "`", "'", "\"",
                      "&", "<", "[", "]", "!", "\\", "(", ")", "%", "/", "\u{E9}", "\t", "ms", "www.", "http://", "1.", "2)"]
        var accepted = 0
        for round in 0..<4_000 {
            let count = 1 + Int(generator.next() % 6)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            guard let plain = GFMTables.plainText(text) else { continue }
            accepted += 1
            #expect(plain == text)
            let fragment = InlineFragment(parsing: text)  // the nodes live as long as it does
            withExtendedLifetime(fragment) {
                let inlines = fragment.inlines
                #expect(inlines.count == 1 && inlines.first?.kind == .text && inlines.first?.literal == text,
                        "round \(round): \(text.debugDescription) parses to \(inlines.map { ($0.kind, $0.literal) })")
            }
        }
        #expect(accepted > 400, "the property must see many accepted cells, not \(accepted)")
    }

    @Test func cellsThatParsingWouldChangeAreNotPlain() {
        for text in ["*a*", "a_b_", "`x`", "a & b", "<b>", "[x]", "![x](y)", "a\\|b", "it's", "\"q\"", "a--b", "a...",
                     "- x", "# h", "> q", "1. x", "+", "=", "~~~", " a", "a ", "a\tb"] {
            #expect(GFMTables.plainText(text) == nil, "\(text.debugDescription)")
        }
        for text in ["p50 ms", "81.0", "on call, now", "v1.2-rc", "42", "a-b", "www.example.com", "~x~", "caf\u{E9}"] {
            #expect(GFMTables.plainText(text) == text, "\(text.debugDescription)")
        }
    }
}
