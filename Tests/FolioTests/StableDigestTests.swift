// The dev server tells versions of a file apart by `StableDigest.wordwise` (its ETags): any edit must change it.
import Testing
@testable import Folio

@Suite struct StableDigestTests {
    @Test func changingAnyOneByteChangesTheWordwiseDigest() {
        // Each step (a word, or a last byte) maps the running digest one to one, so one changed byte always shows.
        for length in [0, 1, 7, 8, 9, 16, 61] {
            var bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let original = bytes.withUnsafeBytes(StableDigest.wordwise)
            for index in bytes.indices {
                for flip: UInt8 in [0x01, 0x80, 0xFF] {
                    bytes[index] ^= flip
                    #expect(bytes.withUnsafeBytes(StableDigest.wordwise) != original, "length \(length), byte \(index)")
                    bytes[index] ^= flip
                }
            }
            #expect(bytes.withUnsafeBytes(StableDigest.wordwise) == original)
        }
    }
}
