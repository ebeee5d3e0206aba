// Label text as Mermaid authors write it: quotes, `<br>` line breaks, Mermaid's entity codes such as `#59;` and
// HTML's such as `&amp;`.

enum DiagramText {
    /// The lines of a label: `<br>`, `<br/>` and `<br />` (any case) break lines, and so does a written `\n`
    /// when `backslashN` is set (flowcharts); entity codes are decoded; surrounding whitespace is trimmed.
    static func lines(_ raw: some StringProtocol, backslashN: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == "<", let end = lineBreakEnd(in: raw, at: index) {
                lines.append(current)
                current = ""
                index = end
                continue
            }
            if backslashN, raw[index] == "\\", raw[index...].dropFirst().first == "n" {
                lines.append(current)
                current = ""
                index = raw.index(index, offsetBy: 2)
                continue
            }
            current.append(raw[index])
            index = raw.index(after: index)
        }
        lines.append(current)
        return lines.map { decodeEntities($0).trimmingWhitespace() }
    }

    /// One line with `<br>`s turned into spaces: for titles and accessible descriptions.
    static func flat(_ raw: some StringProtocol) -> String {
        lines(raw).filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func lineBreakEnd(in text: some StringProtocol, at start: String.Index) -> String.Index? {
        let rest = text[start...].prefix(6).lowercased()
        for form in ["<br>", "<br/>", "<br />"] where rest.hasPrefix(form) {
            return text.index(start, offsetBy: form.count)
        }
        return nil
    }

    private static let named: [String: String] = [
        "quot": "\"", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u{00A0}", "apos": "'", "hash": "#",
        "semi": ";", "colon": ":", "lpar": "(", "rpar": ")", "lsqb": "[", "rsqb": "]", "lcub": "{", "rcub": "}",
        "vert": "|", "num": "#", "infin": "∞", "rarr": "→", "larr": "←", "harr": "↔", "ndash": "–",
        "mdash": "—", "hellip": "…", "copy": "©", "reg": "®", "deg": "°", "times": "×", "le": "≤", "ge": "≥",
        "ne": "≠",
    ]

    /// Mermaid's entity codes: `#59;` (decimal), `#x3B;` (hex) and `#quot;` (named); and HTML's, the same
    /// after `&` (`&#59;`, `&#x3B;`, `&amp;`).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("#") || text.contains("&") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let (value, end) = htmlEntity(in: text, at: index) {
                out += value
                index = end
                continue
            }
            if text[index] == "#", let (value, end) = entity(in: text, at: index) {
                out += value
                index = end
                continue
            }
            out.append(text[index])
            index = text.index(after: index)
        }
        return out
    }

    /// The entity starting at `start` (a `#`), if there is a well-formed one, and the index after its `;`.
    static func entity(in text: some StringProtocol, at start: String.Index) -> (String, String.Index)? {
        guard let semicolon = text[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = text[text.index(after: start)..<semicolon]
        guard !body.isEmpty else { return nil }
        let end = text.index(after: semicolon)
        if body.allSatisfy(\.isNumber), let code = UInt32(body), let scalar = Unicode.Scalar(code) {
            return (String(Character(scalar)), end)
        }
        if body.first == "x" || body.first == "X", let code = UInt32(body.dropFirst(), radix: 16),
            let scalar = Unicode.Scalar(code)
        {
            return (String(Character(scalar)), end)
        }
        if let value = named[String(body)] { return (value, end) }
        return nil
    }

    /// `&amp;`, `&#59;` or `&#x3B;` at `start` (an `&`): Mermaid's form with `&` for its `#`, plus `&hash;`-free
    /// names such as `&amp;`.
    static func htmlEntity(in text: some StringProtocol, at start: String.Index) -> (String, String.Index)? {
        let after = text.index(after: start)
        guard after < text.endIndex else { return nil }
        if text[after] == "#" { return entity(in: text, at: after) }
        guard let semicolon = text[after...].prefix(8).firstIndex(of: ";") else { return nil }
        return named[String(text[after..<semicolon])].map { ($0, text.index(after: semicolon)) }
    }
}
