// Mermaid 11's node data, `id@{ shape: diam, label: "Ready?" }`: the common shape names mapped to the shapes
// Folio draws. An unknown name is a warning and a box; keys Folio does not draw (icons, images) are warnings too.

extension FlowScanner {
    /// Mermaid's names (and their aliases) for the shapes Folio draws.
    static let shapeNames: [String: NodeShape] = [
        "rect": .rectangle, "rectangle": .rectangle, "proc": .rectangle, "process": .rectangle,
        "rounded": .rounded, "event": .rounded,
        "stadium": .stadium, "pill": .stadium, "terminal": .stadium,
        "fr-rect": .subroutine, "subproc": .subroutine, "subprocess": .subroutine, "subroutine": .subroutine,
        "framed-rectangle": .subroutine,
        "cyl": .cylinder, "cylinder": .cylinder, "db": .cylinder, "database": .cylinder,
        "circle": .circle, "circ": .circle, "sm-circ": .circle, "small-circle": .circle, "start": .circle,
        "dbl-circ": .doubleCircle, "double-circle": .doubleCircle, "fr-circ": .doubleCircle,
        "framed-circle": .doubleCircle, "stop": .doubleCircle,
        "diam": .rhombus, "diamond": .rhombus, "decision": .rhombus, "question": .rhombus,
        "hex": .hexagon, "hexagon": .hexagon, "prepare": .hexagon,
        "lean-r": .leanRight, "lean-right": .leanRight, "in-out": .leanRight,
        "lean-l": .leanLeft, "lean-left": .leanLeft, "out-in": .leanLeft,
        "trap-b": .trapezoid, "trapezoid": .trapezoid, "trapezoid-bottom": .trapezoid, "priority": .trapezoid,
        "trap-t": .invertedTrapezoid, "inv-trapezoid": .invertedTrapezoid, "trapezoid-top": .invertedTrapezoid,
        "manual": .invertedTrapezoid,
        "odd": .asymmetric,
    ]

    /// `@{ key: value, … }` after node `id` (the scanner is at the `@`).
    mutating func readShapeData(of id: String) throws(DiagramFailure) -> (NodeShape, [String], [DiagramProblem]) {
        let openColumn = column
        advance(2)
        var shape = NodeShape.rectangle, label = [id], warnings: [DiagramProblem] = []
        while true {
            skipSpaces()
            if current == "}" {
                advance()
                return (shape, label, warnings)
            }
            guard !isAtEnd else {
                throw error("unclosed '@{' in the data of node '\(id)' (opened at column \(openColumn))", at: openColumn)
            }
            let keyColumn = column
            var key = ""
            while let character = current, character != ":", character != "}", character != "," {
                key.append(character)
                advance()
            }
            key = key.trimmingWhitespace()
            guard current == ":" else { throw error("expected ':' after '\(key)' in the data of node '\(id)'") }
            advance()
            skipSpaces()
            let valueColumn = column
            let value: Substring
            if let quote = current, quote == "\"" || quote == "'" {
                advance()
                let start = index
                while let character = current, character != quote { advance() }
                guard !isAtEnd else {
                    throw error("unclosed \(quote) in the data of node '\(id)' (opened at column \(valueColumn))",
                                at: valueColumn)
                }
                value = statement.text[start..<index]
                advance()
            } else {
                let start = index
                while let character = current, character != ",", character != "}" { advance() }
                value = statement.text[start..<index].trimmingWhitespace()[...]
            }
            skipSpaces()
            if current == "," { advance() }
            switch key {
            case "shape":
                if let known = Self.shapeNames[String(value)] {
                    shape = known
                } else {
                    warnings.append(.init(severity: .warning,
                                          message: "unknown shape '\(value)' for node '\(id)': drawn as a box",
                                          line: statement.line, column: valueColumn))
                }
            case "label":
                label = try self.label(value)
            default:
                warnings.append(.init(severity: .warning,
                                      message: "'\(key)' in the data of node '\(id)' is not drawn by Folio",
                                      line: statement.line, column: keyColumn))
            }
        }
    }
}
