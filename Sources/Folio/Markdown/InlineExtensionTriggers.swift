// Which of the GFM inline transforms a document can need at all, from a look at its bytes before parsing.
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

    /// One search per trigger byte with libc's vectorised `memchr` (sixteen or more bytes a step; one pass testing
    /// every byte against all five was 2.5% of a build), then the lines of the triggers found, counting line feeds
    /// with memchr only up to the last of them.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> InlineExtensionTriggers {
        var found = InlineExtensionTriggers()
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return found }
        let count = bytes.count
        /// Calls `body` with the offset of every `byte`.
        func each(_ byte: UInt8, _ body: (Int) -> Void) {
            var from = 0
            while from < count, let hit = memchr(base + from, Int32(byte), count - from) {
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                body(offset)
                from = offset + 1
            }
        }
        var offsets: [Int] = []  // of the tilde and autolink triggers
        each(0x7E) { offsets.append($0) }  // ~
        found.tilde = !offsets.isEmpty
        let tildes = offsets.count
        each(0x40) { offsets.append($0) }  // @
        each(0x3A) { offset in  // :  of `://`
            if offset + 2 < count, base[offset + 1] == 0x2F, base[offset + 2] == 0x2F { offsets.append(offset) }
        }
        each(0x2E) { offset in  // .  of `www.`
            if offset >= 3, base[offset - 1] == 0x77, base[offset - 2] == 0x77, base[offset - 3] == 0x77 {
                offsets.append(offset)
            }
        }
        found.autolink = offsets.count > tildes
        each(0x5D) { offset in  // ]  of `[ ]`, `[x]` or `[X]`
            if offset >= 2, base[offset - 2] == 0x5B,
               base[offset - 1] == 0x20 || base[offset - 1] == 0x78 || base[offset - 1] == 0x58 {
                found.taskMarker = true
            }
        }
        guard !offsets.isEmpty else { return found }
        offsets.sort()
        var line = 1, countedTo = 0
        for offset in offsets {
            while countedTo < offset, let feed = memchr(base + countedTo, 0x0A, offset - countedTo) {
                line += 1
                countedTo = base.distance(to: feed.assumingMemoryBound(to: UInt8.self)) + 1
            }
            countedTo = max(countedTo, offset)
            if found.inlineLines.last != line { found.inlineLines.append(line) }
        }
        return found
    }
}
