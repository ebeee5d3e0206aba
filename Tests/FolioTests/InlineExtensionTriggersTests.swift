// The trigger scan searches for each trigger on its own (memchr, memmem): it must find exactly what one
// byte-by-byte reading finds, lines included, wherever the triggers fall.
import Testing
@testable import Folio

@Suite struct InlineExtensionTriggersTests {
    /// The scan's meaning, one byte at a time.
    struct Reference: Equatable {
        var tilde = false, autolink = false, taskMarker = false
        var inlineLines: [Int] = []

        init(_ bytes: [UInt8]) {
            var line = 1
            func mark(_ flag: inout Bool) {
                flag = true
                if inlineLines.last != line { inlineLines.append(line) }
            }
            for (index, byte) in bytes.enumerated() {
                let before = { (back: Int) -> UInt8? in index >= back ? bytes[index - back] : nil }
                switch byte {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: "~"): mark(&tilde)
                case UInt8(ascii: "@"): mark(&autolink)
                case UInt8(ascii: ":"):
                    if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                        mark(&autolink)
                    }
                case UInt8(ascii: "."):
                    if before(1) == UInt8(ascii: "w"), before(2) == UInt8(ascii: "w"), before(3) == UInt8(ascii: "w") {
                        mark(&autolink)
                    }
                case UInt8(ascii: "]"):
                    if before(2) == UInt8(ascii: "["), let inside = before(1), " xX".utf8.contains(inside) {
                        taskMarker = true
                    }
                default: break
                }
            }
        }
    }

    @Test func theScanFindsWhatAByteByByteReadingFinds() {
        var generator = SplitMix(seed: 23)
        let alphabet = Array("aaaaaaaaaaaaaaaaaaaaw w.:/[] xX~@\n\u{E9}".utf8)
        for round in 0..<3_000 {
            let length = Int(generator.next() % 120)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let found = InlineExtensionTriggers(bytes)
            let expected = Reference(bytes)
            #expect(found == expected, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func triggersAtTheEdgesOfTheTextAndBesideEachOtherAreFound() {
        let filler = String(repeating: "a", count: 5)
        let cases: [(text: String, autolink: Bool, tilde: Bool, task: Bool, lines: [Int])] = [
            (filler + "www.x", true, false, false, [1]),
            (filler + "\n  https://x", true, false, false, [2]),
            (filler + "a[ ]", false, false, true, []),
            (String(repeating: "b", count: 7) + "~", false, true, false, [1]),
            (String(repeating: "c", count: 8) + "@", true, false, false, [1]),
            ("~", false, true, false, [1]),
            ("a\n\nwwww.x ~ [x]\nb@c", true, true, true, [3, 4]),
            ("://", true, false, false, [1]),
            ("[ ]", false, false, true, []),
        ]
        for (text, autolink, tilde, task, lines) in cases {
            let found = InlineExtensionTriggers(Array(text.utf8))
            #expect(found.autolink == autolink && found.tilde == tilde && found.taskMarker == task
                        && found.inlineLines == lines, "\(text.debugDescription)")
        }
    }
}

extension InlineExtensionTriggers {
    static func == (found: InlineExtensionTriggers, expected: InlineExtensionTriggersTests.Reference) -> Bool {
        found.tilde == expected.tilde && found.autolink == expected.autolink && found.taskMarker == expected.taskMarker
            && found.inlineLines == expected.inlineLines
    }
}
