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
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
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

/// A small deterministic generator, so a failure can be replayed.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
