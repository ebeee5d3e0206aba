// Footnote definitions (`[^label]: text`, continued by lines indented four spaces) are block containers in
// cmark-gfm, but plain libcmark reads them as paragraphs, as indented code, or even as link reference definitions
// that vanish from the tree. Before parsing, each definition's first line is rewritten into an ordered list item
// marker of four columns (`1)  text`), so that libcmark parses the definition with its indented continuation as a
// list item; `Footnotes` then takes those items out of the tree. Only the first line of a definition changes,
// so every other line keeps its line and column.

struct FootnoteSource {
    struct Definition {
        /// Footnote labels match case-insensitively, as link labels do.
        var label: String
        /// The label as written, for messages.
        var written: String
        /// Where `[^` is in the body (1-based line and byte column).
        var line: Int
        var column: Int
    }

    /// The body as libcmark should read it.
    private(set) var text: String
    private(set) var definitions: [Int: Definition] = [:]
    /// For rewritten lines: what to add to a column past the new marker to get the column in the file.
    private(set) var columnShifts: [Int: Int] = [:]

    /// The width of the marker that replaces `[^label]:`; continuation lines are indented this much.
    static let markerWidth = 4

    init(_ body: String) {
        text = body
        // Nearly every document has no footnotes: one search, no copies.
        guard body.utf8.contains(0x5E), body.contains("[^") else { return }
        var lines = Array(body.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        var fence: (byte: UInt8, count: Int)?
        var changed = false
        for index in lines.indices {
            let bytes = lines[index]
            if let open = fence {
                if Self.fenceRun(in: bytes).map({ $0.byte == open.byte && $0.count >= open.count && $0.onlyFence })
                    == true
                {
                    fence = nil
                }
                continue
            }
            if let run = Self.fenceRun(in: bytes) {
                fence = (run.byte, run.count)
                continue
            }
            guard let match = Self.definitionStart(in: bytes) else { continue }
            let line = index + 1
            definitions[line] = Definition(
                label: match.label.lowercased(), written: match.label, line: line, column: match.column)
            let content = bytes[match.contentStart...]
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                // An empty first line: an item that starts blank takes its content column from the marker's width
                // plus one, so this marker is three wide.
                lines[index] = Array("10)".utf8)
            } else {
                lines[index] = Array("1)  ".utf8) + Array(content)
                columnShifts[line] = match.contentStart - Self.markerWidth
            }
            changed = true
        }
        if changed { text = String(decoding: Array(lines.joined(separator: [0x0A])), as: UTF8.self) }
    }

    /// A code fence opener or closer after indentation and block-quote markers: its byte, length, and whether
    /// nothing else follows (a closer must stand alone).
    private static func fenceRun(in bytes: [UInt8]) -> (byte: UInt8, count: Int, onlyFence: Bool)? {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x3E || bytes[index] == 0x09 {
            index += 1
        }
        guard index < bytes.count, bytes[index] == 0x60 || bytes[index] == 0x7E else { return nil }
        let byte = bytes[index]
        var count = 0
        while index < bytes.count, bytes[index] == byte {
            count += 1
            index += 1
        }
        guard count >= 3 else { return nil }
        let rest = bytes[index...]
        if byte == 0x60, rest.contains(0x60) { return nil }  // a backtick fence's info string has no backtick
        return (byte, count, rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
    }

    /// `[^label]:` after at most three spaces: the label, the 1-based column of `[`, and the index where the
    /// definition's text starts (after the colon and any blanks).
    private static func definitionStart(in bytes: [UInt8]) -> (label: String, column: Int, contentStart: Int)? {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index <= 3, index + 1 < bytes.count, bytes[index] == 0x5B, bytes[index + 1] == 0x5E else { return nil }
        let labelStart = index + 2
        var end = labelStart
        while end < bytes.count, bytes[end] != 0x5D {
            // cmark-gfm's label: no blanks, no nested bracket.
            guard bytes[end] != 0x20, bytes[end] != 0x09, bytes[end] != 0x0D, bytes[end] != 0x5B else { return nil }
            end += 1
        }
        guard end > labelStart, end + 1 < bytes.count, bytes[end + 1] == 0x3A else { return nil }
        var contentStart = end + 2
        while contentStart < bytes.count, bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09 {
            contentStart += 1
        }
        return (String(decoding: bytes[labelStart..<end], as: UTF8.self), index + 1, contentStart)
    }
}
