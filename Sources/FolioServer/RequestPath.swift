// A request target turned into a path in the site, or refused. The site is served from memory, so nothing here
// can reach the disk; still, anything that names a parent folder, smuggles a separator or a NUL byte, or is not
// a plain origin-form path is refused outright rather than normalised: a dev server has no reason to guess.

struct RequestPath: Equatable {
    /// Decoded segments, none empty, none `.` or `..`.
    var segments: [String]
    /// The target ended with `/`: it names a folder.
    var namesFolder: Bool
    /// The path part of the target exactly as it was sent (still percent-encoded), for redirects.
    var raw: String
    /// The query, without `?`, as sent.
    var query: String?

    /// The site path of the file the target names, before any folder lookup: `posts/a/index.html`, `feed.xml`.
    var sitePath: String {
        let joined = segments.joined(separator: "/")
        if segments.isEmpty { return "index.html" }
        return namesFolder ? joined + "/index.html" : joined
    }

    init?(target: String) {
        guard target.hasPrefix("/") else { return nil }  // absolute-form and authority-form are not for us
        var path = Substring(target)
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        if let question = path.firstIndex(of: "?") {
            query = String(path[path.index(after: question)...])
            path = path[..<question]
        } else {
            query = nil
        }
        raw = String(path)
        namesFolder = path.hasSuffix("/")
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var segments: [String] = []
        for (index, part) in parts.enumerated() {
            if part.isEmpty {
                // Only the end may be empty (`/posts/`); `//etc/passwd` and `/a//b` are refused.
                guard index == parts.count - 1 else { return nil }
                continue
            }
            guard let decoded = Self.percentDecoded(part), Self.isAcceptable(decoded) else { return nil }
            segments.append(decoded)
        }
        self.segments = segments
    }

    private static func isAcceptable(_ segment: String) -> Bool {
        guard segment != ".", segment != ".." else { return false }
        // Separators that arrived encoded (%2f, %5c), backslashes, and control characters (NUL among them).
        return !segment.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7f }
    }

    /// `%41` -> `A`; nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
