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

    /// The digest of the text's UTF-8 bytes, as 16 hex digits.
    static func hex(_ text: String) -> String {
        var text = text
        let hash = text.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
