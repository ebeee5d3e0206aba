// Author styles (`classDef`, `style`, `linkStyle`) are a security boundary: each value is checked against a small
// grammar per property and rebuilt from what was recognised, so no author text reaches a style attribute raw.

/// Validated declarations, in the order written; a later value for the same property wins.
struct FlowStyle: Sendable, Equatable {
    enum Property: String, Sendable, CaseIterable {
        case fill, stroke, strokeWidth = "stroke-width", strokeDasharray = "stroke-dasharray", color
        case fontWeight = "font-weight"
    }

    private(set) var declarations: [(Property, String)] = []

    static func == (left: FlowStyle, right: FlowStyle) -> Bool {
        left.declarations.map(\.0) == right.declarations.map(\.0)
            && left.declarations.map(\.1) == right.declarations.map(\.1)
    }

    var isEmpty: Bool { declarations.isEmpty }

    mutating func set(_ property: Property, _ value: String) {
        declarations.removeAll { $0.0 == property }
        declarations.append((property, value))
    }

    mutating func merge(_ other: FlowStyle) {
        for (property, value) in other.declarations { set(property, value) }
    }

    func value(_ property: Property) -> String? { declarations.last { $0.0 == property }?.1 }

    /// For a shape or an edge: everything but the text's own properties.
    var shapeStyle: String? {
        let parts = declarations.filter { $0.0 != .color && $0.0 != .fontWeight }.map { "\($0.0.rawValue):\($0.1)" }
        return parts.isEmpty ? nil : parts.joined(separator: ";")
    }

    /// For a label: `color` becomes the text's fill. Without one, a label on an author's fill gets ink that reads
    /// on that fill, so a light `classDef` fill stays legible in the dark theme too.
    var textStyle: String? {
        var parts: [String] = []
        if let color = value(.color) {
            parts.append("fill:\(color)")
        } else if let fill = value(.fill), let ink = CSSColour.ink(on: fill) {
            parts.append("fill:\(ink)")
        }
        if let weight = value(.fontWeight) { parts.append("font-weight:\(weight)") }
        return parts.isEmpty ? nil : parts.joined(separator: ";")
    }

    /// Reads `prop:value,prop:value` from `text`, a slice of `statement`. Unknown properties and bad values are
    /// warnings, placed at the declaration, and are dropped.
    static func parse(_ text: Substring, in statement: DiagramStatement, warnings: inout [DiagramProblem]) -> FlowStyle {
        var style = FlowStyle()
        var lastProperty: Property?
        for piece in splitAtTopLevelCommas(text) {
            let trimmed = piece.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty else { continue }
            let column = statement.column(of: trimmed.startIndex)
            func warn(_ message: String) {
                warnings.append(.init(severity: .warning, message: message, line: statement.line, column: column))
            }
            guard let colon = trimmed.firstIndex(of: ":") else {
                // `stroke-dasharray:5,5` arrives split at its comma; the number after belongs to it.
                if lastProperty == .strokeDasharray, let previous = style.value(.strokeDasharray),
                    let number = number(trimmed.trimmingWhitespace())
                {
                    style.set(.strokeDasharray, previous + " " + number)
                } else {
                    warn("expected 'property:value' in the style, found '\(trimmed.trimmingWhitespace())'; ignored")
                }
                continue
            }
            let name = trimmed[..<colon].trimmingWhitespace().lowercased()
            var value = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
            if value.hasSuffix("!important") { value = String(value.dropLast(10)).trimmingWhitespace() }
            guard let property = Property(rawValue: name) else {
                let known = Property.allCases.map(\.rawValue).joined(separator: ", ")
                warn("style property '\(name)' is not supported (Folio applies \(known)); ignored")
                lastProperty = nil
                continue
            }
            lastProperty = property
            guard let clean = validate(value, for: property) else {
                warn("invalid value for '\(name)'; ignored")
                continue
            }
            style.set(property, clean)
        }
        return style
    }

    private static func splitAtTopLevelCommas(_ text: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "(": depth += 1
            case ")": depth = max(depth - 1, 0)
            case "," where depth == 0:
                pieces.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    /// The value rebuilt from what it was recognised as, or nil.
    static func validate(_ value: String, for property: Property) -> String? {
        switch property {
        case .fill, .stroke, .color: return color(value)
        case .strokeWidth: return length(value)
        case .strokeDasharray:
            let parts = value.split(whereSeparator: { $0 == " " || $0 == "," })
            guard !parts.isEmpty, parts.count <= 8 else { return nil }
            let numbers = parts.compactMap { number(String($0)) }
            return numbers.count == parts.count ? numbers.joined(separator: " ") : nil
        case .fontWeight:
            let lower = value.lowercased()
            if ["bold", "normal", "bolder", "lighter"].contains(lower) { return lower }
            if let weight = Int(lower), weight >= 100, weight <= 900, weight % 100 == 0 { return lower }
            return nil
        }
    }

    static func color(_ value: String) -> String? {
        let lower = value.lowercased()
        if lower == "none" || lower == "currentcolor" { return lower }
        // Names, hex and comma-separated rgb()/rgba(), as sequence diagrams accept them; then the forms only
        // styles take: hsl()/hsla() and space-separated arguments.
        if let colour = CSSColour.parse(lower) { return colour }
        if lower.hasPrefix("#") { return nil }
        for function in ["rgba", "rgb", "hsla", "hsl"] where lower.hasPrefix(function + "(") && lower.hasSuffix(")") {
            let inside = lower.dropFirst(function.count + 1).dropLast()
            let parts = inside.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "/" })
            guard (3...4).contains(parts.count) else { return nil }
            var clean: [String] = []
            for part in parts {
                var text = String(part)
                var unit = ""
                for suffix in ["%", "deg"] where text.hasSuffix(suffix) {
                    unit = suffix
                    text = String(text.dropLast(suffix.count))
                }
                guard let number = number(text) else { return nil }
                clean.append(number + unit)
            }
            return function + "(" + clean.joined(separator: ",") + ")"
        }
        return nil
    }

    /// `2`, `2px`, `1.5px`, `0.2em`.
    static func length(_ value: String) -> String? {
        let lower = value.lowercased()
        for unit in ["px", "em", "rem", "pt", ""] where lower.hasSuffix(unit) {
            if let number = number(String(lower.dropLast(unit.count))) { return number + unit }
        }
        return nil
    }

    /// A plain non-negative decimal number, rebuilt.
    static func number(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 12, let value = Double(text), value >= 0, value.isFinite,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return nil }
        return SVGCanvas.number(value)
    }
}
