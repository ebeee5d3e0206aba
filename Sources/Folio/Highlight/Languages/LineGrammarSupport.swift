// Scanner helpers shared by the configuration and protocol grammars: line ends (with `\` continuations),
// quoted strings, whole UTF-8 characters, and running another grammar over part of the code.

extension Scanner {
    /// The offset of the newline that ends the cursor's line (or the end of the code).
    func endOfLine() -> Int {
        var index = position
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index
    }

    /// Like `endOfLine()`, but a line ending in a backslash goes on to the next one (Dockerfile, Make, shell).
    func endOfContinuedLine() -> Int {
        var index = position
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let before = index > 0 ? bytes[index - 1] : 0
                let beforeCarriageReturn = index > 1 && before == 0x0D ? bytes[index - 2] : before
                if beforeCarriageReturn != 0x5C { return index }
            }
            index += 1
        }
        return index
    }

    /// Whether `text` is at `index` (`matches(_:)` at another place than the cursor).
    func matches(_ text: String, at index: Int) -> Bool {
        var index = index
        for byte in text.utf8 {
            guard index >= 0, index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The first byte after spaces and tabs from `index`, or nil at the end.
    func firstNonSpace(from index: Int) -> UInt8? {
        var index = index
        while index < bytes.count, Scanner.isSpace(bytes[index]) { index += 1 }
        return index < bytes.count ? bytes[index] : nil
    }

    /// Passes the string whose quote is at the cursor, up to its closing quote; a backslash escapes the next
    /// byte when `escapes`. An unclosed string stops at the line end, so one stray quote cannot swallow a file.
    mutating func advanceOverQuoted(escapes: Bool = true) {
        guard let quote = current else { return }
        advance()
        while let byte = current, byte != 0x0A {
            advance()
            if byte == quote { return }
            if escapes, byte == 0x5C, current != 0x0A { advance() }
        }
    }

    /// Passes one character: a byte, and the UTF-8 continuation bytes after it. Grammars use this where they
    /// give a lone byte its own token, so that a token never ends inside a character.
    mutating func advanceCharacter() {
        advance()
        advance(while: { $0 & 0xC0 == 0x80 })
    }

    /// Tokenizes the bytes from the cursor to `end` with `grammar`, as if they were a code block of their own (a
    /// JSON body in an HTTP message, an exec-form array in a Dockerfile), and leaves the cursor at `end`.
    mutating func embed(_ grammar: any Grammar, upTo end: Int) {
        let start = position
        guard end > start else { return }
        var inner = Scanner(String(decoding: bytes[start..<end], as: UTF8.self))
        grammar.tokenize(&inner)
        // A slice cut inside a character would decode to a different length, and the offsets would not line up.
        if inner.bytes.count == end - start {
            for token in inner.tokens {
                rewind(to: start + token.start)
                advance(token.end - token.start)
                emit(token.kind, from: start + token.start)
            }
        }
        rewind(to: end)
    }
}
