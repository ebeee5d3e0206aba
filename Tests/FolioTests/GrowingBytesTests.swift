// The byte buffer the highlighter writes into must hold exactly what was appended, in order, across every
// growth of its storage.
import Testing
@testable import Folio

@Suite struct GrowingBytesTests {
    @Test func holdsEveryPieceInOrderAcrossGrowth() {
        var generator = SplitMix(seed: 11)
        for round in 0..<50 {
            var buffer = GrowingBytes(capacity: round % 3 == 0 ? 0 : Int(generator.next() % 200))
            var expected: [UInt8] = []
            for _ in 0..<Int(generator.next() % 300) {
                let piece = (0..<Int(generator.next() % 90)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                piece.withUnsafeBufferPointer { buffer.append($0) }
                expected += piece
                if generator.next() % 4 == 0 {
                    buffer.append("</span>")
                    expected += Array("</span>".utf8)
                }
            }
            #expect(buffer.count == expected.count)
            #expect(Array(buffer.string().utf8) == Array(String(decoding: expected, as: UTF8.self).utf8))
        }
    }

    @Test func anEmptyBufferIsAnEmptyString() {
        var buffer = GrowingBytes(capacity: 0)
        [UInt8]().withUnsafeBufferPointer { buffer.append($0) }
        #expect(buffer.count == 0)
        #expect(buffer.string().isEmpty)
    }
}
