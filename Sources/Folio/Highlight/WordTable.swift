// The words a grammar lists (keywords, types, builtins, constants), looked up by the bytes of an identifier
// in the scanner, so that classifying an identifier makes no String and hashes no String.

struct WordTable: Sendable {
    /// A word of up to 16 bytes packed into two integers, zero-padded: an identifier has no zero bytes, so
    /// two different words never pack alike.
    private struct Key: Equatable, Sendable {
        var low: UInt64
        var high: UInt64
    }

    private var keys: [Key]
    private var kinds: [TokenKind]
    private var shift: UInt64
    /// Listed words longer than 16 bytes (a type name can be), looked up by String.
    private var long: [String: TokenKind] = [:]

    /// `words` in order of precedence: a word listed twice keeps its first kind.
    init(_ words: [(String, TokenKind)]) {
        var bits = 4
        while 1 << bits < words.count * 2 { bits += 1 }
        keys = Array(repeating: Key(low: 0, high: 0), count: 1 << bits)
        kinds = Array(repeating: .keyword, count: 1 << bits)
        shift = UInt64(64 - bits)
        for (word, kind) in words {
            let bytes = Array(word.utf8)
            guard !bytes.isEmpty else { continue }
            guard bytes.count <= 16, !bytes.contains(0) else {
                if long[word] == nil { long[word] = kind }
                continue
            }
            let key = bytes.withUnsafeBufferPointer { Self.key($0, from: 0, to: $0.count) }
            var slot = slot(of: key)
            while keys[slot].low != 0, keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
            if keys[slot].low == 0 { (keys[slot], kinds[slot]) = (key, kind) }
        }
    }

    /// The kind listed for the identifier `bytes[start..<end]`, if any.
    func kind(of bytes: [UInt8], from start: Int, to end: Int) -> TokenKind? {
        guard end > start else { return nil }
        guard end - start <= 16 else {
            return long.isEmpty ? nil : long[String(decoding: bytes[start..<end], as: UTF8.self)]
        }
        return lookUp(bytes.withUnsafeBufferPointer { Self.key($0, from: start, to: end) })
    }

    /// As `kind(of:from:to:)`, with ASCII letters read as lower case (for languages whose words are matched
    /// without regard to case, listed in lower case). Only for ASCII words: Unicode case mapping is not ASCII's.
    func kindIgnoringCase(of bytes: [UInt8], from start: Int, to end: Int) -> TokenKind? {
        guard end > start else { return nil }
        guard end - start <= 16 else {
            guard !long.isEmpty else { return nil }
            return long[String(decoding: bytes[start..<end].map(Scanner.lower), as: UTF8.self)]
        }
        var key = bytes.withUnsafeBufferPointer { Self.key($0, from: start, to: end) }
        // Upper-case ASCII letters, lane by lane, get the 0x20 bit that makes them lower case.
        key.low |= Self.upperCaseMask(key.low)
        key.high |= Self.upperCaseMask(key.high)
        return lookUp(key)
    }

    /// 0x20 in each byte lane of `word` that holds `A`...`Z` (zero lanes stay zero): the lanes below `[` and not
    /// below `A`, their top bit moved down to the case bit.
    private static func upperCaseMask(_ word: UInt64) -> UInt64 {
        (ByteWord.below(word, 0x5B) & ~ByteWord.below(word, 0x41)) >> 2
    }

    private func lookUp(_ key: Key) -> TokenKind? {
        var slot = slot(of: key)
        while keys[slot].low != 0 {
            if keys[slot] == key { return kinds[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    private func slot(of key: Key) -> Int {
        let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> shift)
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Key {
        var key = Key(low: 0, high: 0)
        for index in start..<end {
            let offset = index - start
            if offset < 8 {
                key.low |= UInt64(bytes[index]) << (8 * UInt64(offset))
            } else {
                key.high |= UInt64(bytes[index]) << (8 * UInt64(offset - 8))
            }
        }
        return key
    }
}
