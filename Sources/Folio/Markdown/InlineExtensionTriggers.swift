// Which of the GFM inline transforms a document can need at all, from one pass over its bytes before parsing.
// Most posts have no tilde, no task marker and no bare URL: their trees are then not walked for them (the
// render step's budget for the four GFM transforms is 10%).
import Foundation

struct InlineExtensionTriggers {
    /// A `~`: strikethrough may apply.
    private(set) var tilde = false
    /// `www.`, `://` or `@`: an extended autolink may apply.
    private(set) var autolink = false
    /// `[ ]`, `[x]` or `[X]`: a task item may apply.
    private(set) var taskMarker = false
    /// The 1-based lines holding a tilde or an autolink trigger, ascending: only the blocks spanning one of them
    /// need their text nodes walked.
    private(set) var inlineLines: [Int] = []

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { Self.scan($0) }
    }

    private init() {}

    /// The bytes `scan` stops at (`~ @ : . ]`), as a 256-bit set: a bit test per byte instead of a switch, and
    /// line feeds are counted only when a trigger needs its line, with memchr.
    private static let stops: (UInt64, UInt64, UInt64, UInt64) = {
        var words: [UInt64] = [0, 0, 0, 0]
        for byte in "~@:.]".utf8 { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        return (words[0], words[1], words[2], words[3])
    }()

    /// Whether any byte of `word` is one of the stops.
    @inline(__always)
    private static func hasStop(_ word: UInt64) -> Bool {
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        let ones: UInt64 = 0x0101_0101_0101_0101
        return hasZeroByte(word ^ (0x7E &* ones)) | hasZeroByte(word ^ (0x40 &* ones)) | hasZeroByte(word ^ (0x3A &* ones))
            | hasZeroByte(word ^ (0x2E &* ones)) | hasZeroByte(word ^ (0x5D &* ones)) != 0
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> InlineExtensionTriggers {
        var found = InlineExtensionTriggers()
        guard let base = bytes.baseAddress else { return found }
        let count = bytes.count
        let (stops0, stops1, _, _) = stops  // every stop byte is below 0x80
        var index = 0
        var line = 1
        var countedTo = 0
        var lines: [Int] = []
        func inline(_ flag: inout Bool) {
            flag = true
            while countedTo < index, let feed = memchr(base + countedTo, 0x0A, index - countedTo) {
                line += 1
                countedTo = base.distance(to: feed.assumingMemoryBound(to: UInt8.self)) + 1
            }
            countedTo = index
            if lines.last != line { lines.append(line) }
        }
        // Eight bytes are looked at together until a stop byte is among them (most of a post has none): a byte
        // equal to a stop is a zero byte of the word xor that stop repeated, found with the usual borrow test.
        var chunkEnd = 0
        while index < count {
            if index >= chunkEnd {
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    guard hasStop(word) else {
                        index += 8
                        continue
                    }
                    chunkEnd = index + 8
                } else {
                    chunkEnd = count
                }
            }
            let byte = bytes[index]
            let word = byte < 64 ? stops0 : byte < 128 ? stops1 : 0
            guard word & (1 << UInt64(byte & 63)) != 0 else {
                index += 1
                continue
            }
            switch byte {
            case 0x7E: inline(&found.tilde)  // ~
            case 0x40: inline(&found.autolink)  // @
            case 0x3A:  // :
                if index + 2 < count, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F { inline(&found.autolink) }
            case 0x2E:  // .  (the end of `www.`)
                if index >= 3, bytes[index - 1] == 0x77, bytes[index - 2] == 0x77, bytes[index - 3] == 0x77 {
                    inline(&found.autolink)
                }
            case 0x5D:  // ]
                if index >= 2, bytes[index - 2] == 0x5B,
                   bytes[index - 1] == 0x20 || bytes[index - 1] == 0x78 || bytes[index - 1] == 0x58 {
                    found.taskMarker = true
                }
            default: break
            }
            index += 1
        }
        found.inlineLines = lines
        return found
    }
}
