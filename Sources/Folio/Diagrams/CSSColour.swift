// Colours authors write (sequence `box` and `rect`, flowchart styles), checked and written back out by Folio.
// The result goes into a style attribute, so nothing the author typed is passed through: only a known name, hex
// digits or parsed numbers.

import Foundation

enum CSSColour {
    /// The colour in its canonical form (`aqua`, `#a0b1c2`, `rgba(200,220,255,0.5)`), or nil when `text` is not
    /// a named CSS colour, `transparent`, `#hex` (3, 4, 6 or 8 digits), `rgb(r, g, b)` or `rgba(r, g, b, a)`.
    static func parse(_ text: some StringProtocol) -> String? {
        let lowered = text.lowercased()
        if names.contains(lowered) { return lowered }
        if lowered.hasPrefix("#") {
            let digits = lowered.dropFirst()
            guard [3, 4, 6, 8].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
                return nil
            }
            return lowered
        }
        for (function, count) in [("rgba", 4), ("rgb", 3)] where lowered.hasPrefix(function) {
            let rest = lowered.dropFirst(function.count).drop { $0 == " " }
            guard rest.hasPrefix("("), rest.hasSuffix(")") else { return nil }
            let arguments = rest.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard arguments.count == count else { return nil }
            var parts: [String] = []
            for argument in arguments {
                guard let number = component(argument.trimmingWhitespace()) else { return nil }
                parts.append(number)
            }
            return function + "(" + parts.joined(separator: ",") + ")"
        }
        return nil
    }

    /// Hex values of the names authors use most for fills, for `luminance`.
    private static let commonNames: [String: String] = [
        "white": "#ffffff", "black": "#000000", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
        "yellow": "#ffff00", "orange": "#ffa500", "pink": "#ffc0cb", "purple": "#800080", "gray": "#808080",
        "grey": "#808080", "silver": "#c0c0c0", "navy": "#000080", "teal": "#008080", "olive": "#808000",
        "maroon": "#800000", "aqua": "#00ffff", "cyan": "#00ffff", "lime": "#00ff00", "fuchsia": "#ff00ff",
        "magenta": "#ff00ff", "gold": "#ffd700", "lightblue": "#add8e6", "lightgreen": "#90ee90",
        "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "lightyellow": "#ffffe0", "lightpink": "#ffb6c1",
        "lavender": "#e6e6fa", "beige": "#f5f5dc", "ivory": "#fffff0", "khaki": "#f0e68c", "salmon": "#fa8072",
        "coral": "#ff7f50", "skyblue": "#87ceeb", "tomato": "#ff6347", "wheat": "#f5deb3", "plum": "#dda0dd",
        "darkblue": "#00008b", "darkgreen": "#006400", "darkred": "#8b0000", "darkgray": "#a9a9a9",
        "darkgrey": "#a9a9a9", "whitesmoke": "#f5f5f5", "gainsboro": "#dcdcdc", "honeydew": "#f0fff0",
        "mintcream": "#f5fffa", "aliceblue": "#f0f8ff", "mistyrose": "#ffe4e1", "steelblue": "#4682b4",
    ]

    /// WCAG relative luminance (0 black … 1 white) of a canonical colour from `parse` or the flowchart styles:
    /// `#hex`, `rgb()`/`rgba()` (alpha ignored) and common names; nil for anything else.
    static func luminance(_ colour: String) -> Double? {
        if let hex = commonNames[colour] { return luminance(hex) }
        var channels: [Double] = []
        if colour.hasPrefix("#") {
            let digits = Array(colour.dropFirst())
            let width = digits.count <= 4 ? 1 : 2
            for index in 0..<3 {
                let text = String(digits[(index * width)..<(index * width + width)])
                guard let value = Int(width == 1 ? text + text : text, radix: 16) else { return nil }
                channels.append(Double(value) / 255)
            }
        } else if colour.hasPrefix("rgb") {
            guard let open = colour.firstIndex(of: "(") else { return nil }
            let parts = colour[colour.index(after: open)...].dropLast().split(separator: ",").prefix(3)
            for part in parts {
                let percent = part.hasSuffix("%")
                guard let value = Double(percent ? part.dropLast() : part) else { return nil }
                channels.append(min(1, percent ? value / 100 : value / 255))
            }
        }
        guard channels.count == 3 else { return nil }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    /// Text colour that reads on `background`: the light palette's ink on light fills, white on dark ones. Nil
    /// when the luminance is unknown (the theme's colour stays).
    static func ink(on background: String) -> String? {
        guard let luminance = luminance(background) else { return nil }
        // Where dark ink and white text have equal contrast: (L + 0.05)^2 = 1.05 * 0.05 at L ≈ 0.18.
        return luminance > 0.18 ? "#1b2230" : "#ffffff"
    }

    /// Whether `word` starts like a colour function or hex colour, so a malformed one is reported rather than
    /// taken for a label.
    static func looksLikeColour(_ word: some StringProtocol) -> Bool {
        let lowered = word.lowercased()
        return lowered.hasPrefix("#") || ["rgb(", "rgba(", "hsl(", "hsla(", "rgb ", "rgba "].contains {
            lowered.hasPrefix($0)
        }
    }

    /// A number, optionally with a fraction and a `%`: rewritten from its digits, so nothing else gets through.
    private static func component(_ text: String) -> String? {
        var body = Substring(text)
        let percent = body.hasSuffix("%")
        if percent { body = body.dropLast() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly = pieces.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(pieces.count), digitsOnly, !body.isEmpty, body != ".", pieces[0].count <= 6,
            pieces.count == 1 || pieces[1].count <= 6
        else { return nil }
        return String(body) + (percent ? "%" : "")
    }

    static let names: Set<String> = [
        "transparent", "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black",
        "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse", "chocolate",
        "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue", "darkcyan", "darkgoldenrod",
        "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta", "darkolivegreen", "darkorange",
        "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue", "darkslategray", "darkslategrey",
        "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray", "dimgrey", "dodgerblue", "firebrick",
        "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod", "gray", "green",
        "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender",
        "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan",
        "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon",
        "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow",
        "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue", "mediumorchid",
        "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise",
        "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace",
        "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise",
        "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple",
        "rebeccapurple", "red", "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen",
        "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen",
        "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "whitesmoke",
        "yellow", "yellowgreen",
    ]
}
