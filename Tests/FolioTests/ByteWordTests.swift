// The word-at-a-time byte tests (`ByteWord`) must flag exactly the bytes they name, in every lane, whatever the
// neighbouring bytes are: the scans that use them skip a word only when its mask is empty.
import Testing
@testable import Folio

@Suite struct ByteWordTests {
    @Test func eachLaneIsFlaggedExactly() {
        var generator = SplitMix(seed: 3)
        for _ in 0..<200 {
            let word = generator.next()
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
            for target: UInt8 in [0x00, 0x0A, 0x20, 0x7F, 0x80, 0xEF, 0xFF, bytes[3]] {
                let mask = ByteWord.equal(word, target)
                for lane in 0..<8 {
                    #expect((mask >> (8 * UInt64(lane) + 7)) & 1 == (bytes[lane] == target ? 1 : 0), "\(bytes) \(target)")
                }
            }
            for limit: UInt8 in [0x01, 0x20, 0x21, 0x80] {
                let mask = ByteWord.below(word, limit)
                for lane in 0..<8 {
                    #expect((mask >> (8 * UInt64(lane) + 7)) & 1 == (bytes[lane] < limit ? 1 : 0), "\(bytes) \(limit)")
                }
            }
        }
    }
}
