// TOML: `[table]` and `[[array]]` headers as tags, keys (bare, quoted, dotted) as properties, the four string
// forms, numbers and dates, booleans, and values nested in arrays and inline tables.

struct TOMLGrammar: Grammar {
    let names = ["toml"]

    func tokenize(_ s: inout Scanner) {
        var open: [UInt8] = []  // the `[` arrays and `{` inline tables the cursor is in
        var expectKey = true
        while let byte = s.current {
            let start = s.position
            if byte == 0x0A {
                s.advance()
                if open.isEmpty { expectKey = true }
                continue
            }
            if Scanner.isSpace(byte) {
                s.advance()
                continue
            }
            if byte == 0x23 {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
                continue
            }
            switch byte {
            case 0x5B where expectKey && open.isEmpty:
                header(&s)
            case 0x5B, 0x7B:
                s.advance()
                s.emit(.punctuation, from: start)
                open.append(byte)
                expectKey = byte == 0x7B
            case 0x5D, 0x7D:
                s.advance()
                s.emit(.punctuation, from: start)
                if !open.isEmpty { open.removeLast() }
                expectKey = false
            case 0x2C:
                s.advance()
                s.emit(.punctuation, from: start)
                expectKey = open.last == 0x7B
            case 0x3D:
                s.advance()
                s.emit(.operator, from: start)
                expectKey = false
            case _ where expectKey:
                key(&s)
            default:
                value(&s)
            }
        }
    }

    /// `[servers.alpha]` or `[[products]]`, quoted parts included, as one tag.
    private func header(_ s: inout Scanner) {
        let start = s.position
        s.advance()
        while let byte = s.current, byte != 0x0A, byte != 0x5D {
            if byte == 0x22 || byte == 0x27 { s.advanceOverQuoted(escapes: byte == 0x22) } else { s.advance() }
        }
        s.advance(while: { $0 == 0x5D })
        s.emit(.tag, from: start)
    }

    /// One part of a key: a bare word or a quoted name; the dots between parts are punctuation.
    private func key(_ s: inout Scanner) {
        let start = s.position
        let byte = s.current!
        if byte == 0x22 || byte == 0x27 {
            s.advanceOverQuoted(escapes: byte == 0x22)
            s.emit(.property, from: start)
        } else if Self.isBareKey(byte) {
            s.advance(while: Self.isBareKey)
            s.emit(.property, from: start)
        } else {
            s.advanceCharacter()
            s.emit(byte == 0x2E ? .punctuation : nil, from: start)
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool { Scanner.isIdentifierPart(byte) || byte == 0x2D }

    private func value(_ s: inout Scanner) {
        let start = s.position
        let byte = s.current!
        if s.matches("\"\"\"") || s.matches("'''") {
            let fence = byte == 0x22 ? "\"\"\"" : "'''"
            s.advance(3)
            while !s.atEnd, !s.matches(fence) { s.advance(byte == 0x22 && s.current == 0x5C ? 2 : 1) }
            s.advance(3)
            s.advance(while: { $0 == byte })  // up to two quotes may end the content: `"""say "hi"""""`
            s.emit(.string, from: start)
        } else if byte == 0x22 || byte == 0x27 {
            s.advanceOverQuoted(escapes: byte == 0x22)
            s.emit(.string, from: start)
        } else if Scanner.isDigit(byte) || ((byte == 0x2B || byte == 0x2D) && s.peek(1) != nil) || isSpecialFloat(s) {
            // Numbers, and dates and times, which share their characters: 1_000, 0xff, 6.02e23, -inf,
            // 1979-05-27T07:32:00Z, 07:32:00, and the date and time separated by a space.
            s.advance()
            s.advance(while: Self.isNumberPart)
            if s.position - start == 10, s.current == 0x20, s.peek(3) == 0x3A,
               s.peek(1).map(Scanner.isDigit) == true, s.peek(2).map(Scanner.isDigit) == true {
                s.advance()
                s.advance(while: Self.isNumberPart)
            }
            s.emit(.number, from: start)
        } else if Scanner.isIdentifierStart(byte) {
            s.advance(while: Scanner.isIdentifierPart)
            let word = s.text(from: start)
            s.emit(word == "true" || word == "false" ? .constant : nil, from: start)
        } else {
            s.advanceCharacter()
        }
    }

    private func isSpecialFloat(_ s: Scanner) -> Bool {
        (s.matches("inf") || s.matches("nan")) && !(s.peek(3).map(Scanner.isIdentifierPart) ?? false)
    }

    private static func isNumberPart(_ byte: UInt8) -> Bool {
        Scanner.isIdentifierPart(byte) && byte < 0x80 || byte == 0x2E || byte == 0x3A || byte == 0x2B || byte == 0x2D
    }
}
