// Replacing every occurrence of a piece of text, over UTF-8 bytes. Foundation's `replacingOccurrences` goes
// through NSString (UTF-16, locale-aware search) on Linux: for the feeds, which pass every post's whole HTML
// through it several times, it was three quarters of a dev-server rebuild of this repository's site.
extension String {
    /// `self` with every occurrence of `target` replaced by `replacement`, left to right, byte for byte: UTF-8
    /// is self-synchronising, so a match always starts and ends on a character boundary.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        replacingEach([(target, replacement)])
    }

    /// `self` with every occurrence of each target replaced, in one pass: at each byte the first pair whose target
    /// starts there is applied and the scan goes on after it. Equal to `replacingEvery` applied pair by pair when no
    /// replacement makes or breaks another pair's match (the feeds' footnote ids and links); one pass and one
    /// string instead of one per pair.
    func replacingEach(_ pairs: [(target: String, replacement: String)]) -> String {
        let pairs = pairs.filter { !$0.target.isEmpty }
        guard !pairs.isEmpty else { return self }
        let targets = pairs.map { Array($0.target.utf8) }
        let replacements = pairs.map { Array($0.replacement.utf8) }
        var firstBytes = [Bool](repeating: false, count: 256)
        for target in targets { firstBytes[Int(target[0])] = true }
        var text = self
        let replaced: String? = text.withUTF8 { bytes in
            var output: [UInt8] = []
            var copied = 0
            var index = 0
            scan: while index < bytes.count {
                guard firstBytes[Int(bytes[index])] else {
                    index += 1
                    continue
                }
                for (pair, target) in targets.enumerated()
                where index + target.count <= bytes.count && Self.matches(target, in: bytes, at: index) {
                    if output.isEmpty { output.reserveCapacity(bytes.count + bytes.count / 8) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    output.append(contentsOf: replacements[pair])
                    index += target.count
                    copied = index
                    continue scan
                }
                index += 1
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
        return replaced ?? self
    }

    private static func matches(_ target: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for offset in 0..<target.count where bytes[index + offset] != target[offset] { return false }
        return true
    }
}
