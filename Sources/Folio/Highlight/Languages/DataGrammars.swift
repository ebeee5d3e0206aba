// JSON and YAML: keys are properties, scalars are strings, numbers or constants.

struct JSONGrammar: Grammar {
    let names = ["json", "jsonc", "json5"]

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            let start = s.position
            let byte = s.current!
            if byte == 0x22 {
                s.advance()
                while let c = s.current, c != 0x22, c != 0x0A { s.advance(c == 0x5C ? 2 : 1) }
                s.advance()
                // A string followed by `:` is a key.
                var look = s.position
                while look < s.bytes.count, Scanner.isSpace(s.bytes[look]) { look += 1 }
                s.emit(look < s.bytes.count && s.bytes[look] == 0x3A ? .property : .string, from: start)
            } else if s.matches("//") {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if byte == 0x2D || Scanner.isDigit(byte) {
                s.advance()
                s.advance { Scanner.isDigit($0) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2B || $0 == 0x2D }
                s.emit(.number, from: start)
            } else if Scanner.isIdentifierStart(byte) {
                s.advance(while: Scanner.isIdentifierPart)
                s.emit(.constant, from: start)
            } else {
                s.advance()
                s.emit(Scanner.isSpace(byte) || byte == 0x0A ? nil : .punctuation, from: start)
            }
        }
    }
}

struct YAMLGrammar: Grammar {
    let names = ["yaml", "yml"]

    func tokenize(_ s: inout Scanner) {
        var blockScalarIndent: Int?  // inside `key: |` text, lines indented more than the key
        var lineIndent = 0
        while !s.atEnd {
            if s.atLineStart {
                let start = s.position
                lineIndent = s.advance(while: { $0 == 0x20 })
                if let indent = blockScalarIndent {
                    if s.current == 0x0A || lineIndent > indent {
                        s.advanceToLineEnd()
                        s.emit(.string, from: start + lineIndent)
                        s.advance()
                        continue
                    }
                    blockScalarIndent = nil
                }
            }
            let start = s.position
            guard let byte = s.current else { break }
            if byte == 0x0A || Scanner.isSpace(byte) { s.advance(); continue }
            if byte == 0x23 && (start == 0 || Scanner.isSpace(s.previous ?? 0x20) || s.previous == 0x0A) {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if s.atLineStartIgnoringIndent, s.matches("---") || s.matches("...") {
                s.advance(3)
                s.emit(.punctuation, from: start)
            } else if byte == 0x2D, s.peek(1) == 0x20 || s.peek(1) == 0x0A || s.peek(1) == nil {
                s.advance()
                s.emit(.punctuation, from: start)
            } else if byte == 0x26 || byte == 0x2A {  // &anchor, *alias
                s.advance()
                s.advance { !Scanner.isSpace($0) && $0 != 0x0A }
                s.emit(.variable, from: start)
            } else if byte == 0x21 {  // !tag
                s.advance { !Scanner.isSpace($0) && $0 != 0x0A }
                s.emit(.tag, from: start)
            } else if byte == 0x22 || byte == 0x27 {
                s.advance()
                while let c = s.current, c != byte {
                    if c == 0x5C, byte == 0x22 { s.advance() }
                    s.advance()
                }
                s.advance()
                s.emit(isKeyAhead(s) ? .property : .string, from: start)
            } else if byte == 0x7B || byte == 0x7D || byte == 0x5B || byte == 0x5D || byte == 0x2C || byte == 0x3A {
                s.advance()
                s.emit(.punctuation, from: start)
            } else if (byte == 0x7C || byte == 0x3E), s.previous == 0x20 {  // block scalar: | or >
                s.advance { $0 != 0x0A && $0 != 0x23 }
                s.emit(.punctuation, from: start)
                blockScalarIndent = lineIndent
            } else {
                // A plain scalar: up to `: `, ` #`, a flow indicator or the line end.
                while let c = s.current, c != 0x0A {
                    if c == 0x3A, s.peek(1) == 0x20 || s.peek(1) == 0x0A || s.peek(1) == nil { break }
                    if c == 0x23, s.previous == 0x20 { break }
                    if c == 0x2C || c == 0x5D || c == 0x7D, s.inFlow { break }
                    s.advance()
                }
                if s.position == start { s.advance() }
                var end = s.position
                while end > start, Scanner.isSpace(s.bytes[end - 1]) { end -= 1 }
                let kind = s.current == 0x3A ? .property : Self.scalarKind(s.bytes[start..<end])
                let resume = s.position
                s.rewind(to: end)
                s.emit(kind, from: start)
                s.rewind(to: resume)
            }
        }
    }

    static let constants = ["true", "false", "yes", "no", "on", "off", "null", "~"]

    /// A plain scalar's kind: a constant in any case, a number (as `Double` reads it, or `0x…`), else a string.
    /// Read on its bytes when they are ASCII; `Double` is asked only of text that can start a number.
    static func scalarKind(_ bytes: ArraySlice<UInt8>) -> TokenKind {
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            let text = String(decoding: bytes, as: UTF8.self)
            if constants.contains(text.lowercased()) { return .constant }
            return Double(text) != nil || text.hasPrefix("0x") ? .number : .string
        }
        if bytes.count <= 5, constants.contains(where: { $0.utf8.elementsEqual(bytes.lazy.map(Scanner.lower)) }) {
            return .constant
        }
        guard let first = bytes.first else { return .string }
        if bytes.starts(with: [0x30, 0x78]) { return .number }  // 0x
        switch first {
        case 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "I"),
             UInt8(ascii: "n"), UInt8(ascii: "N"):
            return Double(String(decoding: bytes, as: UTF8.self)) != nil ? .number : .string
        default:
            return .string
        }
    }

    private func isKeyAhead(_ s: Scanner) -> Bool {
        var index = s.position
        while index < s.bytes.count, s.bytes[index] == 0x20 { index += 1 }
        return index < s.bytes.count && s.bytes[index] == 0x3A
    }
}

extension Scanner {
    /// Only spaces between the line start and the cursor.
    var atLineStartIgnoringIndent: Bool {
        var index = position - 1
        while index >= 0, bytes[index] == 0x20 { index -= 1 }
        return index < 0 || bytes[index] == 0x0A
    }

    /// Inside `[…]` or `{…}` on this line (a rough test, enough for YAML flow collections).
    var inFlow: Bool {
        var depth = 0
        var index = position - 1
        while index >= 0, bytes[index] != 0x0A {
            if bytes[index] == 0x5B || bytes[index] == 0x7B { depth += 1 }
            if bytes[index] == 0x5D || bytes[index] == 0x7D { depth -= 1 }
            index -= 1
        }
        return depth > 0
    }
}
