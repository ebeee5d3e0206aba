// The well-formed UTF-8 sequences (Unicode's table 3-7), in one place for the byte scanners that report where a
// file stops being UTF-8: the loader's one-pass document check and ProjectFiles' located error.

enum UTF8Sequence {
    /// The length of the well-formed sequence that starts at `start` in `bytes`, or nil when the bytes there are
    /// not one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, or cut short).
    @inline(__always)
    static func length(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let lead = bytes[start]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard start + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[start + offset]
            let (min, max) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard next >= min && next <= max else { return nil }
        }
        return length
    }
}
