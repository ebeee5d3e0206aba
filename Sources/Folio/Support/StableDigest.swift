// A digest that is the same on every machine and every run (Swift's `Hasher` is seeded per process): names of
// cached cards and of diagram files, which must not change between builds.

enum StableDigest {
    /// FNV-1a, 64 bits, as 16 hex digits. Not cryptographic: it names files, it does not defend against anyone.
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
