// A cursor over a code block's UTF-8 bytes that grammars move forward while recording tokens. Every method
// makes progress or reports that it could not, so a grammar loop always terminates.

struct Scanner {
    let bytes: [UInt8]
    private(set) var position = 0
    private(set) var tokens: [Token] = []

    init(_ code: String) { bytes = Array(code.utf8) }

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count && index >= 0 ? bytes[index] : nil
    }

    /// The byte before the cursor, or nil at the start.
    var previous: UInt8? { position > 0 ? bytes[position - 1] : nil }

    /// True at the start of the code or right after a newline.
    var atLineStart: Bool { position == 0 || bytes[position - 1] == 0x0A }

    func matches(_ text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// Case-insensitive match of ASCII text.
    func matchesIgnoringCase(_ text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, Scanner.lower(bytes[index]) == Scanner.lower(byte) else { return false }
            index += 1
        }
        return true
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }

    mutating func advance(_ count: Int = 1) { position = min(position + count, bytes.count) }

    /// Moves the cursor back (for grammars that look ahead, then emit a shorter token).
    mutating func rewind(to index: Int) { position = max(0, min(index, bytes.count)) }

    /// Advances while `predicate` holds; returns how many bytes were passed.
    @discardableResult
    mutating func advance(while predicate: (UInt8) -> Bool) -> Int {
        let start = position
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
        return position - start
    }

    /// Advances to the end of the line (not past the newline).
    mutating func advanceToLineEnd() { advance { $0 != 0x0A } }

    /// Advances past the first occurrence of `text`, or to the end; returns whether it was found.
    @discardableResult
    mutating func advance(past text: String) -> Bool {
        let needle = Array(text.utf8)
        while position < bytes.count {
            if bytes[position] == needle[0], matches(text) {
                position += needle.count
                return true
            }
            position += 1
        }
        return false
    }

    /// Records `kind` for the bytes from `start` to the cursor (merging with an adjacent token of the same kind).
    mutating func emit(_ kind: TokenKind?, from start: Int) {
        guard let kind, position > start else { return }
        if let last = tokens.last, last.kind == kind, last.end == start {
            tokens[tokens.count - 1].end = position
        } else {
            tokens.append(Token(kind: kind, start: start, end: position))
        }
    }

    /// The text from `start` to the cursor.
    func text(from start: Int) -> String {
        String(decoding: bytes[start..<position], as: UTF8.self)
    }

    // MARK: Character classes (ASCII; other bytes count as identifier characters so UTF-8 names stay whole)

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// A number: decimal, hex/octal/binary with prefixes, `_` separators, fractions, exponents, suffixes.
    mutating func scanNumber() -> Bool {
        guard let first = current, Scanner.isDigit(first) || (first == 0x2E && peek(1).map(Scanner.isDigit) == true)
        else { return false }
        let start = position
        if first == 0x30, let x = peek(1), x == 0x78 || x == 0x58 || x == 0x62 || x == 0x42 || x == 0x6F || x == 0x4F {
            advance(2)
            advance { Scanner.isIdentifierPart($0) }
        } else {
            advance { Scanner.isDigit($0) || $0 == 0x5F }
            if current == 0x2E, peek(1).map(Scanner.isDigit) == true { advance(); advance { Scanner.isDigit($0) || $0 == 0x5F } }
            if let e = current, e == 0x65 || e == 0x45,
               let next = peek(1), Scanner.isDigit(next) || ((next == 0x2B || next == 0x2D) && peek(2).map(Scanner.isDigit) == true) {
                advance(2)
                advance { Scanner.isDigit($0) }
            }
            advance { Scanner.isIdentifierPart($0) }  // suffixes such as 10ms, 1.5f, 100n
        }
        emit(.number, from: start)
        return true
    }
}
