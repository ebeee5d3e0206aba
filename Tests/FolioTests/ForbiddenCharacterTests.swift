// What XML forbids is found eight bytes at a time (`XMLCharacters.hasForbiddenBytes`): it must agree with a
// reading of every character, wherever the character falls.
import Testing
@testable import Folio

@Suite struct ForbiddenCharacterTests {
    @Test func theByteScanAgreesWithAReadingOfEveryCharacter() {
        var generator = SplitMix(seed: 5)
        let pieces = ["a", "bc", "\n", "\t", "\r", "\u{1}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
                      "\u{FEFF}", "\u{E9}", "\u{1F600}", " ", "<p>"]
        var found = 0
        for round in 0..<4_000 {
            let text = (0..<Int(generator.next() % 24)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
            let expected = text.unicodeScalars.contains { !XMLCharacters.isAllowed($0) }
            if expected { found += 1 }
            #expect(XMLCharacters.hasForbiddenBytes(text) == expected, "round \(round): \(text.debugDescription)")
        }
        #expect(found > 1_000 && found < 3_900, "both answers must be seen often, not \(found) of 4,000")
    }
}
