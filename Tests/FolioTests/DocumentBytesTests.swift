// Load's one pass over a document's bytes (`DocumentBytes.scan`) must agree with the two checks it replaces:
// `UTF8Check` on validity and `XMLCharacters.firstForbidden` on the first forbidden character and its position.
import Foundation
import Testing
@testable import Folio

@Suite struct DocumentBytesTests {
    /// What the two separate checks say about `data`, in the scan's terms.
    func expected(_ data: Data) -> (valid: Bool, forbidden: (line: Int, column: Int, scalar: Unicode.Scalar)?) {
        if UTF8Check.firstInvalidByte(in: data) != nil { return (false, nil) }
        return (true, XMLCharacters.firstForbidden(in: String(decoding: data, as: UTF8.self)))
    }

    func check(_ data: Data) {
        let want = expected(data)
        switch DocumentBytes.scan(data) {
        case .invalidUTF8:
            #expect(!want.valid, "\(Array(data))")
        case .valid(let found):
            #expect(want.valid, "\(Array(data))")
            let got = found.map { found in
                let (line, column) = DocumentBytes.position(of: found.offset, in: data)
                return "\(line):\(column) \(found.scalar.value)"
            }
            #expect(got == want.forbidden.map { "\($0.line):\($0.column) \($0.scalar.value)" }, "\(Array(data))")
        }
    }

    @Test func agreesOnChosenCases() {
        let cases: [String] = ["", "plain\ntext\n", "tab\tand\r\ncr", "bell \u{07} here", "é\n\u{1B}x", "a\u{FFFE}b",
                               "\u{FFFF}", "\u{FFFD} ok", "emoji 🙂\n\u{0}", "line\n\nlast \u{7F} \u{85}"]
        for text in cases { check(Data(text.utf8)) }
        for bytes: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
                               [0x41, 0x01, 0xC3]] {
            check(Data(bytes))
        }
    }

    @Test func agreesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        // Bytes weighted toward the interesting ones: controls, line feeds, lead and continuation bytes, EF BF.
        let pool: [UInt8] = [0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xBE, 0xBF, 0xC2, 0xC3,
                             0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xFF]
        for _ in 0..<3000 {
            let count = Int.random(in: 0...12, using: &generator)
            check(Data((0..<count).map { _ in pool.randomElement(using: &generator)! }))
        }
    }
}
