// `trimmingWhitespace` returns a text whose ends are visible ASCII as it is: it must trim exactly what a walk over
// the characters trims, whatever the ends hold.
import Testing
@testable import Folio

@Suite struct TrimmingTests {
    static func reference(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    @Test func trimmingAgreesWithAWalkOverTheCharacters() {
        var generator = SplitMix(seed: 13)
        let pieces = ["a", "Z", "~", "!", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{301}", "\u{E9}", "\u{600}1", "x\u{301}"]
        for round in 0..<3_000 {
            let text = (0..<Int(generator.next() % 7)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
            #expect(text.trimmingWhitespace() == Self.reference(text), "round \(round): \(text.debugDescription)")
        }
    }
}
