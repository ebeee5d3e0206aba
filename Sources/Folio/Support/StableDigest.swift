// A digest that is the same on every machine and every run (Swift's `Hasher` is seeded per process): names of
// cached cards and of diagram files, which must not change between builds, and the dev server's version tags.

public enum StableDigest {
    /// FNV-1a, 64 bits. Not cryptographic: it tells versions apart and names files, it defends against no one.
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// A 64-bit digest taken eight bytes at a time (a multiply and a shift per word; the last few bytes as FNV-1a):
    /// several times faster than `fnv1a` on large bodies, for telling versions of a file apart (the dev server's
    /// ETags, taken of every changed page, feed and sitemap on each save). Not cryptographic either.
    public static func wordwise(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var index = 0
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3
            index += 1
        }
        return hash
    }

    /// The digest of the text's UTF-8 bytes, as 16 hex digits.
    static func hex(_ text: String) -> String {
        var text = text
        let hash = text.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
