// Words are counted eight bytes at a time (`MarkdownNode.wordCount`); a byte at a time is the reference.
@testable import Folio
import Testing

@Suite struct WordCountTests {
    /// A word starts at a byte that is not a blank and follows a blank or the start.
    private static func reference(_ bytes: [UInt8]) -> Int {
        var words = 0
        var previousBlank = true
        for byte in bytes {
            let isBlank = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isBlank && previousBlank { words += 1 }
            previousBlank = isBlank
        }
        return words
    }

    @Test func countsAsAByteAtATimeDoesOnRandomText() {
        // Blanks, the bytes next to them (0x08, 0x0B, 0x1F, 0x21), ASCII letters and UTF-8 lead and trail bytes.
        let alphabet: [UInt8] = [0x20, 0x0A, 0x09, 0x0D, 0x08, 0x0B, 0x1F, 0x21, 0x61, 0x5A, 0xC3, 0xA9, 0xE2, 0x80, 0xFF, 0xA0]
        var generator = SplitMix(seed: 7)
        for _ in 0..<5_000 {
            let length = generator.next(below: 40)
            let bytes = (0..<length).map { _ in alphabet[generator.next(below: alphabet.count)] }
            let counted = bytes.withUnsafeBytes { MarkdownNode.wordCount($0) }
            #expect(counted == Self.reference(bytes), "\(bytes)")
        }
    }

    @Test func countsWordsAcrossEveryEightByteBoundary() {
        for offset in 0..<17 {
            let text = Array((String(repeating: "x", count: offset) + " one two  three\tfour\nfive ").utf8)
            #expect(text.withUnsafeBytes { MarkdownNode.wordCount($0) } == (offset == 0 ? 5 : 6))
        }
    }
}
