// Placeholder until the flowchart parser and layered layout land.

enum Flowchart {
    static func render(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        throw .unsupported(.init(severity: .warning, message: "flowcharts are not drawn yet",
                                 line: source.header.line, column: source.header.column))
    }
}
