// JSON-LD strings, written by hand, against what JSONEncoder wrote before.
import Foundation
import Testing
@testable import Folio

@Suite struct StructuredDataTests {
    /// Every ASCII character and a few beyond, each alone and in text, as JSONEncoder (`.sortedKeys`,
    /// `.withoutEscapingSlashes`) wrote them, with `<` then replaced by `\u003c`, as StructuredData used to.
    @Test func stringsAreWrittenAsJSONEncoderWroteThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
            + ["é", "\u{2028}\u{2029}", "\u{7F}", "😀 emoji", "a</script><!--b", "C:\\path \"quoted\" /slash/", ""]
        for sample in samples + ["x" + samples.joined() + "y"] {
            let expected = String(decoding: try encoder.encode(sample), as: UTF8.self)
                .replacingOccurrences(of: "<", with: "\\u003c")
            var written = ""
            StructuredData.appendString(sample, to: &written)
            #expect(written == expected, "\(Array(sample.unicodeScalars).map(\.value))")
        }
    }
}
