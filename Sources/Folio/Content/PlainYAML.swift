// The shape nearly all front matter has, read without libyaml: one mapping of simple keys to one-line scalars
// and lists of them (`title: A`, `draft: false`, `tags: [a, b]`, `tags:` then `  - a` lines). It makes the same
// nodes Yams would, so the same readers run on them. Anything else (a comment, a block scalar, an escape, a
// nested mapping, an anchor, a tab, a key twice...) is not read here: the caller parses that text with Yams, as
// every file was parsed before. A property test holds the two to the same nodes for whatever this accepts.
import Yams

enum PlainYAML {
    /// One top-level key: its text, its 1-based line in the YAML, and its value.
    struct Entry {
        var key: String
        var line: Int
        var value: Node
    }

    /// The entries of `text` when it is a plain mapping of this shape; nil for anything else.
    static func mapping(_ text: String, resolver: Resolver) -> [Entry]? {
        let reader = Reader(resolver: resolver)
        var entries: [Entry] = []
        var keys: Set<String> = []
        var lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        var lineNumber = 0
        // A file whose YAML has no final newline is read the same; an empty last piece is not a line.
        if lines.last?.isEmpty == true { lines.removeLast() }
        while let line = lines.popFirst() {
            lineNumber += 1
            guard reader.allowed(line) else { return nil }
            if isBlank(line) { continue }
            guard let (key, rest) = keyAndRest(line), keys.insert(key).inserted else { return nil }
            let keyLine = lineNumber
            let value: Node
            if isBlank(rest) {
                // Nothing after the colon: a block list on the lines below, or null.
                var items: [Node] = []
                var indent: Int?
                while let next = lines.first, reader.allowed(next) {
                    if isBlank(next) {
                        lines.removeFirst()
                        lineNumber += 1
                        continue
                    }
                    guard let (itemIndent, item) = listItem(next), indent == nil || indent == itemIndent,
                          let node = reader.scalar(item, inFlow: false)
                    else { break }
                    indent = itemIndent
                    items.append(node)
                    lines.removeFirst()
                    lineNumber += 1
                }
                // A line that is neither a key nor an item of this list ends the reading (the loop above
                // leaves it for the next turn, which refuses it).
                value = items.isEmpty ? reader.plain("") : .sequence(.init(items, reader.tag(), .any))
            } else if rest.first(where: { $0 != 0x20 }) == UInt8(ascii: "[") {
                guard let list = reader.flowList(rest) else { return nil }
                value = list
            } else {
                guard let scalar = reader.scalar(rest, inFlow: false) else { return nil }
                value = scalar
            }
            entries.append(Entry(key: key, line: keyLine, value: value))
        }
        return entries.isEmpty ? nil : entries
    }

    /// The mapping node of `entries`, as Yams composes it, marks aside. Yams gives a collection no style (block
    /// or flow) and its keys the `str` tag (its duplicate-key check resolves them, and every key resolves to `str`).
    static func node(_ entries: [Entry], resolver: Resolver) -> Node {
        let reader = Reader(resolver: resolver)
        return .mapping(.init(entries.map { (reader.key($0.key), $0.value) }, reader.tag(), .any))
    }

    /// The values `YAMLLimits.exceedsValueBudget` counts in `node(entries)`: the mapping, each key, each value,
    /// and each item of a list (whose items are scalars in this shape); counted here without walking the nodes.
    static func valueCount(_ entries: [Entry]) -> Int {
        entries.reduce(1) { count, entry in count + 2 + (entry.value.sequence?.count ?? 0) }
    }

    private typealias Line = ArraySlice<UInt8>

    private static func isBlank(_ bytes: Line) -> Bool { bytes.allSatisfy { $0 == 0x20 } }

    /// `bytes` without the spaces around them.
    private static func trimmed(_ bytes: Line) -> Line {
        let start = bytes.firstIndex { $0 != 0x20 } ?? bytes.endIndex
        let end = (bytes.lastIndex { $0 != 0x20 }).map { $0 + 1 } ?? start
        return bytes[start..<end]
    }

    /// `key: rest` with the key at the start of the line, letters, digits, `_` and `-` only, and the colon right
    /// after it, then a space or the end of the line.
    private static func keyAndRest(_ line: Line) -> (String, Line)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
              isKeyStart(line[line.startIndex]), line[line.startIndex..<colon].allSatisfy(isKeyByte)
        else { return nil }
        let rest = line[(colon + 1)...]
        guard rest.isEmpty || rest.first == 0x20 else { return nil }
        return (String(decoding: line[..<colon], as: UTF8.self), rest)
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool { isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D }

    /// `<spaces>- item`: the indentation and the item.
    private static func listItem(_ line: Line) -> (Int, Line)? {
        let dash = line.firstIndex { $0 != 0x20 } ?? line.endIndex
        guard dash < line.endIndex, line[dash] == UInt8(ascii: "-"), dash + 1 < line.endIndex, line[dash + 1] == 0x20
        else { return nil }
        return (dash - line.startIndex, line[(dash + 2)...])
    }

    /// Makes the nodes, with the resolver Yams would have given them.
    private struct Reader {
        let resolver: Resolver
        /// One for every tag of every document: `Constructor.default` builds three dictionaries each time it is
        /// asked for, and asking once per node was most of this reader's time (once per reader, twice a file).
        /// `nonisolated(unsafe)`: a Constructor holds only its three `let` maps of functions, never changed after
        /// it is made, so threads reading it at once is safe.
        private nonisolated(unsafe) static let sharedConstructor = Constructor.default
        var constructor: Constructor { Self.sharedConstructor }

        /// A tag left for the reader to resolve, as Yams leaves a plain scalar's: `Bool.construct` reads `true`
        /// only from a scalar whose tag is not `str`.
        func tag() -> Tag { Tag(.implicit, resolver, constructor) }
        func plain(_ text: String) -> Node { .scalar(.init(text, tag(), .plain)) }
        func key(_ text: String) -> Node { .scalar(.init(text, Tag(.str, resolver, constructor), .plain)) }

        /// No byte that libyaml refuses or reads as something other than text here: control characters, tabs,
        /// carriage returns, `#` (a comment may start), `\` and the line breaks and marks beyond ASCII (U+0085,
        /// U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF, and C1 controls).
        func allowed(_ line: Line) -> Bool {
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                if byte < 0x80 {
                    if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\\") { return false }
                    index += 1
                    continue
                }
                switch byte {
                case 0xC2:  // U+0080...U+00BF: U+0080...U+009F are C1 controls and NEL
                    guard index + 1 < line.endIndex, line[index + 1] >= 0xA0 else { return false }
                case 0xE2:  // U+2028, U+2029
                    if index + 2 < line.endIndex, line[index + 1] == 0x80, line[index + 2] == 0xA8 || line[index + 2] == 0xA9 { return false }
                case 0xEF:  // U+FEFF, U+FFFE, U+FFFF
                    if index + 2 < line.endIndex,
                       (line[index + 1] == 0xBB && line[index + 2] == 0xBF) || (line[index + 1] == 0xBF && line[index + 2] >= 0xBE)
                    { return false }
                default:
                    break
                }
                index += 1
            }
            return true
        }

        /// One scalar filling `text` (blanks around it aside): plain, or quoted without the quote inside it.
        /// `inFlow` is inside `[...]`, where `,`, brackets and braces end a plain scalar.
        func scalar(_ text: Line, inFlow: Bool) -> Node? {
            let body = PlainYAML.trimmed(text)
            guard !body.isEmpty else { return nil }
            let first = body[body.startIndex]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard body.count >= 2, body[body.endIndex - 1] == first else { return nil }
                let inner = body[(body.startIndex + 1)..<(body.endIndex - 1)]
                guard !inner.contains(first) else { return nil }
                // Quoted text is text: Yams tags it `str`.
                let style: Node.Scalar.Style = first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
                return .scalar(.init(String(decoding: inner, as: UTF8.self), Tag(.str, resolver, constructor), style))
            }
            // A plain scalar cannot start with an indicator, hold `: ` or end with `:`; in a flow list it holds no
            // `,`, bracket, brace or colon at all (libyaml versions differ on `a:b` there). Quotes inside are text.
            guard !Self.indicators.contains(first), body[body.endIndex - 1] != UInt8(ascii: ":") else { return nil }
            var previous: UInt8 = 0
            for byte in body {
                if previous == UInt8(ascii: ":") && byte == 0x20 { return nil }
                if inFlow && Self.flowIndicators.contains(byte) { return nil }
                previous = byte
            }
            return plain(String(decoding: body, as: UTF8.self))
        }

        /// `[a, b]` and nothing but blanks after it; nil for an empty item, a nested list, or anything else.
        func flowList(_ text: Line) -> Node? {
            let list = PlainYAML.trimmed(text)
            guard list.count >= 2, list.first == UInt8(ascii: "["), list.last == UInt8(ascii: "]") else { return nil }
            let inside = list.dropFirst().dropLast()
            var items: [Node] = []
            if !PlainYAML.isBlank(inside) {
                for piece in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                    // A quoted item holding a comma was split apart here; its pieces fail as unclosed quotes.
                    guard let item = scalar(piece, inFlow: true) else { return nil }
                    items.append(item)
                }
            }
            return .sequence(.init(items, tag(), .any))
        }

        /// Bytes that give a plain scalar's first character another meaning.
        private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)
        private static let flowIndicators: Set<UInt8> = Set(",[]{}:".utf8)
    }
}
