// Smart punctuation as libcmark's CMARK_OPT_SMART makes it (“curly quotes”, – and —, …), done on the text nodes of
// a tree parsed without that option. cmark's own version stops its text scanner at every `.`, `-`, `'` and `"`
// and made parsing twice as slow; here only text holding `..`, `--` or a quote is looked at. The rules are
// cmark 0.30's (inlines.c: handle_period, handle_hyphen, scan_delims, process_emphasis), and a property test
// holds the two to byte-identical HTML.
//
// A text node is rewritten only when its literal is, byte for byte, the source at its position: an escape (`\"`)
// or an entity (`&quot;`) would look the same as the plain character there, and cmark leaves those alone. When
// that cannot be shown, `apply` returns false and the caller lets cmark do it all.
import CMark
import Foundation

struct SmartPunctuation {
    /// The text of source line `n` (1-based), as cmark read it.
    var sourceLine: (Int) -> ArraySlice<UInt8>

    /// A quote that may still open: the text it is in (an index into `rewrites`) and its offset there; when a closer
    /// takes it, its three bytes become a left quote.
    private struct Opener {
        var rewrite: Int
        var offset: Int
    }

    /// One `process_emphasis` call of cmark's: a paragraph or heading, or the text of a link or image. Each keeps
    /// its own openers, one stack per quote character.
    private struct Scope {
        var singles: [Opener] = []
        var doubles: [Opener] = []
        /// Heights of the stacks where each open emphasis began: when it closes, cmark drops the delimiters inside.
        var emphasis: [(singles: Int, doubles: Int)] = []
        var isAutolink = false
    }

    private var rewrites: [(node: MarkdownNode, bytes: [UInt8])] = []
    /// How deep the tree nests, counted on the way (the walk visits every node): whole once `apply` returns true.
    private(set) var nesting: NestingCounter

    init(sourceLine: @escaping (Int) -> ArraySlice<UInt8>, nestingLimit: Int = MarkdownRenderer.nestingLimit) {
        self.sourceLine = sourceLine
        nesting = NestingCounter(limit: nestingLimit)
    }

    /// Rewrites the text below `root`; false when some text could not be matched to its source (nothing is
    /// changed then).
    mutating func apply(to root: MarkdownNode) -> Bool {
        guard let iterator = cmark_iter_new(root.pointer) else { return false }
        defer { cmark_iter_free(iterator) }
        var scopes: [Scope] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = MarkdownNode(pointer)
            let entering = event == CMARK_EVENT_ENTER
            nesting.see(node, entering: entering)
            switch node.kind {
            case .paragraph, .heading:
                if entering { scopes.append(Scope()) } else { scopes.removeLast() }
            case .link, .image:
                if entering {
                    // An autolink's text is its URL, which cmark never reads for punctuation.
                    guard let isAutolink = isAutolink(node) else { return false }
                    scopes.append(Scope(isAutolink: isAutolink || scopes.last?.isAutolink == true))
                } else {
                    scopes.removeLast()
                }
            case .emphasis, .strong:
                guard !scopes.isEmpty else { continue }
                if entering {
                    scopes[scopes.count - 1].emphasis.append(
                        (scopes[scopes.count - 1].singles.count, scopes[scopes.count - 1].doubles.count))
                } else {
                    // Openers from before it may have been taken inside; those left above the heights are its own.
                    let heights = scopes[scopes.count - 1].emphasis.removeLast()
                    let scope = scopes[scopes.count - 1]
                    scopes[scopes.count - 1].singles.removeLast(max(0, scope.singles.count - heights.singles))
                    scopes[scopes.count - 1].doubles.removeLast(max(0, scope.doubles.count - heights.doubles))
                }
            case .text:
                guard !scopes.isEmpty, !scopes[scopes.count - 1].isAutolink, Self.mayChange(node) else { continue }
                guard rewrite(node, in: &scopes[scopes.count - 1]) else { return false }
            default:
                break
            }
        }
        for (node, bytes) in rewrites { node.setLiteral(bytes) }
        return true
    }

    /// Whether a link is an autolink (`<https://…>`): its one text child follows a `<` in the source, not a `[`.
    /// Nil when the source does not say (cmark's position of an autolink itself can be off; its text's is not).
    private func isAutolink(_ link: MarkdownNode) -> Bool? {
        guard link.kind == .link, let text = link.firstChild, text.kind == .text, text.next == nil else { return false }
        let line = sourceLine(text.startLine)
        let index = line.startIndex + text.startColumn - 2
        guard text.startColumn >= 2, index < line.endIndex else { return nil }
        switch line[index] {
        case 0x3C: return true
        case 0x5B: return false
        default: return nil
        }
    }

    /// `..`, `--`, `'` or `"` in the literal: all other text is the same either way. One pass of libc's vectorised
    /// `strpbrk` over cmark's bytes, stopping at each dot, hyphen or quote (four searches, one per pattern, read
    /// every text without one four times; a loop over each byte here cost half of what it saved).
    private static func mayChange(_ node: MarkdownNode) -> Bool {
        guard var rest = cmark_node_get_literal(node.pointer) else { return false }
        while let found = strpbrk(rest, "'\".-") {
            let byte = found.pointee
            // A quote, or a dot or hyphen followed by another (the byte after the last one is the terminating 0).
            if byte == 0x27 || byte == 0x22 || found[1] == byte { return true }
            rest = UnsafePointer(found + 1)
        }
        return false
    }

    private mutating func rewrite(_ node: MarkdownNode, in scope: inout Scope) -> Bool {
        let literal = node.withLiteralBytes { Array($0) }
        let line = sourceLine(node.startLine)
        let start = line.startIndex + node.startColumn - 1
        // The source from the node's start must read as its literal. An escape or entity inside would shorten the
        // literal against the source, and with a quote, dot or hyphen in it the two cannot read the same. (cmark's
        // end column is no help: it counts the blanks it stripped before a line break.)
        guard node.startColumn >= 1, start + literal.count <= line.endIndex,
              line[start..<(start + literal.count)].elementsEqual(literal)
        else { return false }
        // What cmark sees on either side of the text: a line's edge is a line feed, else the source.
        let before: Unicode.Scalar
        switch node.previous?.kind {
        case nil where node.parent?.kind == .paragraph || node.parent?.kind == .heading: before = "\n"
        case .softBreak, .lineBreak: before = "\n"
        default:
            guard start > line.startIndex else { return false }
            before = Self.scalar(endingAt: start, in: line)
        }
        let end = start + literal.count
        let after: Unicode.Scalar
        switch node.next?.kind {
        case nil where node.parent?.kind == .paragraph || node.parent?.kind == .heading: after = "\n"
        case .softBreak: after = "\n"
        default:
            guard end < line.endIndex else { return false }
            after = Self.scalar(startingAt: end, in: line)
        }
        let index = rewrites.count
        var out: [UInt8] = []
        out.reserveCapacity(literal.count + 8)
        var position = 0
        while position < literal.count {
            let byte = literal[position]
            switch byte {
            case 0x2E where position + 1 < literal.count && literal[position + 1] == 0x2E:
                if position + 2 < literal.count && literal[position + 2] == 0x2E {
                    out += Self.ellipsis
                    position += 3
                } else {
                    out += [0x2E, 0x2E]
                    position += 2
                }
                continue
            case 0x2D where position + 1 < literal.count && literal[position + 1] == 0x2D:
                var run = position
                while run < literal.count, literal[run] == 0x2D { run += 1 }
                out += Self.dashes(run - position)
                position = run
                continue
            case 0x27, 0x22:
                let previous = position == 0 ? before : Self.scalar(endingAt: position, in: literal[...])
                let next = position + 1 == literal.count ? after : Self.scalar(startingAt: position + 1, in: literal[...])
                let (canOpen, canClose) = Self.flanking(before: previous, after: next)
                let single = byte == 0x27
                // cmark: a closer takes the nearest opener of its kind still open; one that did not close may open.
                var matched = false
                if canClose, let opener = single ? scope.singles.popLast() : scope.doubles.popLast() {
                    matched = true
                    let left = single ? Self.leftSingle : Self.leftDouble
                    let range = opener.offset..<(opener.offset + 3)
                    if opener.rewrite == index {
                        out.replaceSubrange(range, with: left)
                    } else {
                        rewrites[opener.rewrite].bytes.replaceSubrange(range, with: left)
                    }
                }
                if canOpen && !matched {
                    let opener = Opener(rewrite: index, offset: out.count)
                    if single { scope.singles.append(opener) } else { scope.doubles.append(opener) }
                }
                out += single ? Self.rightSingle : canClose ? Self.rightDouble : Self.leftDouble
                position += 1
                continue
            default:
                // The bytes up to the next dot, hyphen or quote are copied as they are, in one piece.
                var run = position + 1
                while run < literal.count, !Self.mayBeRewritten(literal[run]) { run += 1 }
                out += literal[position..<run]
                position = run
            }
        }
        rewrites.append((node, out))
        return true
    }

    /// `.`, `-`, `'` or `"`: the bytes smart punctuation may change.
    private static func mayBeRewritten(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x2D || byte == 0x27 || byte == 0x22
    }

    /// cmark's `scan_delims` for a quote: flanking by the characters on either side.
    private static func flanking(before: Unicode.Scalar, after: Unicode.Scalar) -> (canOpen: Bool, canClose: Bool) {
        let beforeSpace = isSpace(before), afterSpace = isSpace(after)
        let beforePunctuation = isPunctuation(before), afterPunctuation = isPunctuation(after)
        let left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        let canOpen = left && (!right || before == "(" || before == "[") && before != "]" && before != ")"
        return (canOpen, right)
    }

    /// cmark_utf8proc_is_space: Unicode Zs, tab, line feed, form feed and carriage return.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 9, 10, 12, 13, 32, 160, 5760, 8192...8202, 8239, 8287, 12288: true
        default: false
        }
    }

    /// cmark_utf8proc_is_punctuation (0.30): ASCII punctuation, or a Unicode punctuation category (not symbols).
    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value) || (0x5B...0x60).contains(value)
                || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// The character whose last byte is just before `end` (a line feed where the bytes are not UTF-8).
    private static func scalar(endingAt end: Int, in bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        var start = end - 1
        while start > bytes.startIndex, bytes[start] >> 6 == 2 { start -= 1 }
        return scalar(startingAt: start, in: bytes)
    }

    private static func scalar(startingAt start: Int, in bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\n"
    }

    /// cmark's `handle_hyphen`: em dashes when the run divides by three, else en dashes, else a mix.
    private static func dashes(_ count: Int) -> [UInt8] {
        let (em, en): (Int, Int)
        if count % 3 == 0 {
            (em, en) = (count / 3, 0)
        } else if count % 2 == 0 {
            (em, en) = (0, count / 2)
        } else if count % 3 == 2 {
            (em, en) = ((count - 2) / 3, 1)
        } else {
            (em, en) = ((count - 4) / 3, 2)
        }
        var out: [UInt8] = []
        for _ in 0..<em { out += emDash }
        for _ in 0..<en { out += enDash }
        return out
    }

    private static let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
    private static let enDash: [UInt8] = [0xE2, 0x80, 0x93]
    private static let emDash: [UInt8] = [0xE2, 0x80, 0x94]
    private static let leftSingle: [UInt8] = [0xE2, 0x80, 0x98]
    private static let rightSingle: [UInt8] = [0xE2, 0x80, 0x99]
    private static let leftDouble: [UInt8] = [0xE2, 0x80, 0x9C]
    private static let rightDouble: [UInt8] = [0xE2, 0x80, 0x9D]
}
