// One pass over a document file's bytes for the two things load must know before parsing it: that it is UTF-8,
// and where the first character XML forbids is (the feed leaves it out; front matter refuses it). Lines and
// columns are counted only when there is something to point at.
import Foundation

enum DocumentBytes {
    enum Scan: Equatable {
        /// Not UTF-8: the caller reports it (`ProjectFiles.text(of:readFrom:)` words the error).
        case invalidUTF8
        /// UTF-8; the byte offset and scalar of the first forbidden character, if any.
        case valid(firstForbidden: (offset: Int, scalar: Unicode.Scalar)?)

        static func == (lhs: Scan, rhs: Scan) -> Bool {
            switch (lhs, rhs) {
            case (.invalidUTF8, .invalidUTF8): true
            case (.valid(let a), .valid(let b)): a?.offset == b?.offset && a?.scalar == b?.scalar
            default: false
            }
        }
    }

    static func scan(_ data: Data) -> Scan {
        data.withUnsafeBytes { raw in scan(raw.bindMemory(to: UInt8.self)) }
    }

    /// Forbidden (as `XMLCharacters.isAllowed` says): C0 controls but tab, line feed and carriage return, and
    /// U+FFFE and U+FFFF (EF BF BE, EF BF BF). Validation follows the Unicode table of well-formed sequences.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        var forbidden: (offset: Int, scalar: Unicode.Scalar)?
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index < count {
            // Eight bytes at a time while they are printable ASCII or line feeds: most of a post.
            if index + 8 <= count {
                let word = ByteWord.load(raw, at: index)
                if word & ByteWord.high == 0 && ByteWord.below(word, 0x20) & ~ByteWord.equal(word, 0x0A) == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 {
                index += 1
                continue
            }
            if byte < 0x20 {
                if forbidden == nil, byte != 0x09, byte != 0x0A, byte != 0x0D {
                    forbidden = (index, Unicode.Scalar(byte))
                }
                index += 1
                continue
            }
            guard let length = UTF8Sequence.length(at: index, in: bytes) else { return .invalidUTF8 }
            if forbidden == nil, byte == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                forbidden = (index, Unicode.Scalar(bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF)!)
            }
            index += length
        }
        return .valid(firstForbidden: forbidden)
    }

    /// The line and column (in bytes, as cmark counts) of `offset`.
    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for (index, byte) in data.prefix(offset).enumerated() where byte == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
