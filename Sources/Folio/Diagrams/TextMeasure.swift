// How wide a label is, measured with the advances of the font the SVG names, and how it wraps.

enum FontWeight: Sendable { case regular, bold }

enum TextMeasure {
    /// The font stack every diagram names. Arial and Liberation Sans share advance widths. After them come fonts
    /// with CJK and emoji glyphs (Noto on Linux, where `make deps` installs them for the diagram PNGs, and the
    /// ones macOS and Windows ship), so a label in Chinese or with an emoji shows its characters, not boxes.
    static let fontFamily = "Arial, 'Liberation Sans', Helvetica, 'Noto Sans CJK SC', 'PingFang SC', "
        + "'Microsoft YaHei', 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', sans-serif"

    /// Width in pixels of one line of text at `size` pixels.
    static func width(_ text: some StringProtocol, size: Double, weight: FontWeight = .regular) -> Double {
        var units = 0
        for scalar in text.unicodeScalars { units += advance(of: scalar.value, weight: weight) }
        let perEm = weight == .bold ? FontMetrics.boldUnitsPerEm : FontMetrics.regularUnitsPerEm
        return Double(units) * size / Double(perEm)
    }

    /// Advance of one scalar in font units. Scalars outside the table (CJK, emoji) count as a wide glyph, so
    /// boxes err on the roomy side rather than let text spill.
    private static func advance(of scalar: UInt32, weight: FontWeight) -> Int {
        for range in FontMetrics.ranges {
            let table = weight == .bold ? range.bold : range.regular
            if scalar >= range.first, scalar < range.first + UInt32(table.count) {
                let value = Int(table[Int(scalar - range.first)])
                return value == 0 ? 1139 : value
            }
        }
        if scalar < 0x20 || (0x0300...0x036F).contains(scalar) || (0xFE00...0xFE0F).contains(scalar)
            || scalar == 0x200D
        {
            return 0  // controls, combining marks, variation selectors, joiners
        }
        return 2048
    }

    /// Splits text into lines no wider than `maxWidth`, breaking at spaces (and inside a word only when the word
    /// alone is too wide). Explicit line breaks in `lines` are kept.
    static func wrap(_ lines: [String], maxWidth: Double, size: Double, weight: FontWeight = .regular) -> [String] {
        var out: [String] = []
        for line in lines {
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if width(candidate, size: size, weight: weight) <= maxWidth {
                    current = candidate
                    continue
                }
                if !current.isEmpty { out.append(current) }
                current = ""
                for character in word {
                    let next = current + String(character)
                    if !current.isEmpty, width(next, size: size, weight: weight) > maxWidth {
                        out.append(current)
                        current = String(character)
                    } else {
                        current = next
                    }
                }
            }
            out.append(current)
        }
        return out
    }

    /// Width of the widest line.
    static func width(ofLines lines: [String], size: Double, weight: FontWeight = .regular) -> Double {
        lines.reduce(0) { max($0, width($1, size: size, weight: weight)) }
    }
}
