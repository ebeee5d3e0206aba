// Colours authors write in `box` and `rect`, checked and written back out by Folio. The result goes into a style
// attribute, so nothing the author typed is passed through: only a known name, hex digits or parsed numbers.

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
