// Which of the GFM inline transforms a document can need at all, from one pass over its bytes before parsing.
// Most posts have no tilde, no task marker and no bare URL: their trees are then not walked for them (the
// render step's budget for the four GFM transforms is 10%).

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

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self.scan($0) }
    }

    private init() {}

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> InlineExtensionTriggers {
        var found = InlineExtensionTriggers()
        let count = bytes.count
        var index = 0
        var line = 1
        var lines: [Int] = []
        func inline(_ flag: inout Bool) {
            flag = true
            if lines.last != line { lines.append(line) }
        }
        while index < count {
            switch bytes[index] {
            case 0x0A: line += 1
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
