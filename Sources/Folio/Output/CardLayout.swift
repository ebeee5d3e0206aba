// Fits a card's title into its box: wraps at spaces, and steps the size down until every line fits, measuring
// each line in the card's own font. At the smallest size a title that still does not fit ends in an ellipsis.

struct CardLayout: Sendable {
    static let width = 1200
    static let height = 630
    static let margin = 80
    /// The title's box: from the top of its first line to the bottom of its last.
    static let titleTop = 205.0
    static let titleBottom = 505.0
    static let sizes: [Double] = [76, 68, 60, 54, 48, 42, 38]
    static let lineHeight = 1.16
    /// Measured widths are cairo's; librsvg sets text with Pango, whose kerning can differ by a pixel or two.
    static let slack = 0.97

    var font: String

    var textWidth: Double { Double(Self.width - 2 * Self.margin) * Self.slack }

    struct Title: Sendable, Equatable {
        var size: Double
        var lines: [String]
        /// Baseline of each line.
        var baselines: [Double]
    }

    func fitTitle(_ title: String) -> Title {
        let words = title.split(whereSeparator: \.isWhitespace).map(String.init)
        for size in Self.sizes {
            let allowed = Int((Self.titleBottom - Self.titleTop) / (size * Self.lineHeight))
            let lines = wrap(words, size: size)
            if lines.count <= allowed { return place(lines, size: size) }
            if size == Self.sizes.last {
                var kept = Array(lines.prefix(allowed))
                kept[kept.count - 1] = ellipsised(kept[kept.count - 1] + " …", size: size, bold: true)
                return place(kept, size: size)
            }
        }
        return place([], size: Self.sizes[0])
    }

    /// One line of `text`, shortened with an ellipsis when it is wider than the card's text width.
    func ellipsised(_ text: String, size: Double, bold: Bool) -> String {
        guard measure(text, size: size, bold: bold) > textWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingWhitespace() + "…"
            if measure(candidate, size: size, bold: bold) <= textWidth { return candidate }
        }
        return "…"
    }

    private func wrap(_ words: [String], size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || measure(candidate, size: size, bold: true) <= textWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        // A single word wider than the box (a long identifier) is cut rather than allowed to overflow.
        return lines.map { ellipsised($0, size: size, bold: true) }
    }

    private func place(_ lines: [String], size: Double) -> Title {
        let first = Self.titleTop + size * 0.92
        let baselines = lines.indices.map { first + Double($0) * size * Self.lineHeight }
        return Title(size: size, lines: lines, baselines: baselines)
    }

    private func measure(_ text: String, size: Double, bold: Bool) -> Double {
        SVGRasteriser.width(of: text, font: font, bold: bold, size: size)
    }
}
