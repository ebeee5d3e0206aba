// Replacing every occurrence of a piece of text, over UTF-8 bytes. Foundation's `replacingOccurrences` goes
// through NSString (UTF-16, locale-aware search) on Linux: for the feeds, which pass every post's whole HTML
// through it several times, it was three quarters of a dev-server rebuild of this repository's site.
extension String {
    /// `self` with every occurrence of `target` replaced by `replacement`, left to right, byte for byte: UTF-8
    /// is self-synchronising, so a match always starts and ends on a character boundary.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        var text = self
        var target = target
        guard !target.isEmpty else { return self }
        let replaced: String? = text.withUTF8 { bytes in
            target.withUTF8 { needle in
                var output: [UInt8] = []
                var copied = 0
                var index = 0
                let first = needle[0], last = bytes.count - needle.count
                while index <= last {
                    if bytes[index] == first && Self.matches(needle, in: bytes, at: index) {
                        if output.isEmpty { output.reserveCapacity(bytes.count + bytes.count / 8) }
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                        output.append(contentsOf: replacement.utf8)
                        index += needle.count
                        copied = index
                    } else {
                        index += 1
                    }
                }
                guard copied > 0 else { return nil }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
                return String(decoding: output, as: UTF8.self)
            }
        }
        return replaced ?? self
    }

    private static func matches(_ needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>,
                                at index: Int) -> Bool {
        for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }
}
