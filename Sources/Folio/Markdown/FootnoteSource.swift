// Footnote definitions (`[^label]: text`, continued by lines indented four spaces) are block containers in
// cmark-gfm, but plain libcmark reads them as paragraphs, as indented code, or even as link reference definitions
// that vanish from the tree. Before parsing, each definition's first line is rewritten into an ordered list item
// marker of four columns (`1)  text`), so that libcmark parses the definition with its indented continuation as a
// list item; `Footnotes` then takes those items out of the tree. Only the first line of a definition changes,
// so every other line keeps its line and column.
import Foundation

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

    /// The body as libcmark should read it, in UTF-8.
    private(set) var text: [UInt8]
    private(set) var definitions: [Int: Definition] = [:]
    /// For rewritten lines: what to add to a column past the new marker to get the column in the file.
    private(set) var columnShifts: [Int: Int] = [:]

    /// The width of the marker that replaces `[^label]:`; continuation lines are indented this much.
    static let markerWidth = 4

    init(_ body: [UInt8]) {
        text = body
        guard let rewritten = body.withUnsafeBufferPointer({ scan($0) }) else { return }
        text = rewritten
    }

    /// Reads the body line by line in its own UTF-8 storage; returns the rewritten text, or nil when no line
    /// changed. Only rewritten lines are copied: the rest goes over as whole ranges between them.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // Nearly every document has no footnotes: one byte search, no copies.
        guard Self.containsCaretBracket(bytes) else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var fence: (byte: UInt8, count: Int)?
        var lineStart = 0
        var lineNumber = 0
        while lineStart <= bytes.count {
            lineNumber += 1
            let lineEnd = Self.lineEnd(in: bytes, from: lineStart)
            defer { lineStart = lineEnd + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if let open = fence {
                if Self.fenceRun(in: line).map({ $0.byte == open.byte && $0.count >= open.count && $0.onlyFence })
                    == true
                {
                    fence = nil
                }
                continue
            }
            if let run = Self.fenceRun(in: line) {
                fence = (run.byte, run.count)
                continue
            }
            guard let match = Self.definitionStart(in: line) else { continue }
            definitions[lineNumber] = Definition(
                label: match.label.lowercased(), written: match.label, line: lineNumber, column: match.column)
            if output.isEmpty { output.reserveCapacity(bytes.count + 16) }
            output.append(contentsOf: bytes[copied..<lineStart])
            let content = line[match.contentStart...]
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                // An empty first line: an item that starts blank takes its content column from the marker's width
                // plus one, so this marker is three wide.
                output.append(contentsOf: "10)".utf8)
            } else {
                output.append(contentsOf: "1)  ".utf8)
                output.append(contentsOf: content)
                columnShifts[lineNumber] = match.contentStart - Self.markerWidth
            }
            copied = lineEnd
        }
        guard copied > 0 else { return nil }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    /// The index of the next line feed at or after `start`, or the end of the buffer.
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 0x0A, bytes.count - start)
        else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `[^` occurs anywhere, found with memchr on the rarer `^`.
    private static func containsCaretBracket(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count, let found = memchr(base + index, 0x5E, bytes.count - index) {
            let caret = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if caret > 0, bytes[caret - 1] == 0x5B { return true }
            index = caret + 1
        }
        return false
    }

    /// A code fence opener or closer after indentation and block-quote markers: its byte, length, and whether
    /// nothing else follows (a closer must stand alone).
    private static func fenceRun(in bytes: UnsafeBufferPointer<UInt8>) -> (byte: UInt8, count: Int, onlyFence: Bool)? {
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
    private static func definitionStart(in bytes: UnsafeBufferPointer<UInt8>) -> (label: String, column: Int, contentStart: Int)? {
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
