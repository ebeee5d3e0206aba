// Tests on eight bytes at once, for the scans that skip a word at a time while nothing in it needs a closer look
// (load's UTF-8 and XML check, the feeds' forbidden-character check, word counts). Each mask has the top bit of
// every byte that passes set, exactly: no borrow or carry crosses from one byte into the next.

enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `offset`, the first in the lowest byte.
    static func load(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes equal to `byte`.
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return ~(((difference & low) &+ low) | difference | low)
    }

    /// The bytes below `limit` (at most 0x80): ASCII bytes only, so no byte of a multi-byte UTF-8 character.
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        ~((word & low) &+ (ones &* UInt64(0x80 - limit))) & ~word & high
    }
}
